import { describe, expect, it, vi } from 'vitest';
import {
  createSafeStorageSecretStore,
  SecretStorageUnavailableError,
  type KeyValueLike,
} from '../../../src/main/shell/secrets';
import { silentLogger } from '../../support/silent-logger';

// A reversible stand-in for safeStorage: never the identity, so a plaintext leak would show.
const fakeSafeStorage = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).reverse().toString('hex')}`),
  decryptString: (b: Buffer) => {
    const text = b.toString();
    if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
    return Buffer.from(text.slice(4), 'hex').reverse().toString();
  },
});

function memoryKv(): KeyValueLike & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: (k) => data.get(k),
    set: (k, v) => void data.set(k, v),
    delete: (k) => void data.delete(k),
    has: (k) => data.has(k),
  };
}

describe('safeStorage secret store', () => {
  it('stores only base64 ciphertext and reads it back', async () => {
    const kv = memoryKv();
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), kv, logger: silentLogger });
    await store.set('h-1', 'hunter2');
    expect(JSON.stringify([...kv.data])).not.toContain('hunter2');
    expect(await store.get('h-1')).toBe('hunter2');
    expect(await store.has('h-1')).toBe(true);
    await store.delete('h-1');
    expect(await store.has('h-1')).toBe(false);
    expect(await store.get('h-1')).toBeNull();
  });

  it('refuses to store when encryption is unavailable and writes nothing', async () => {
    const kv = memoryKv();
    const store = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage(false),
      kv,
      logger: silentLogger,
    });
    await expect(store.set('h-1', 'hunter2')).rejects.toThrow(SecretStorageUnavailableError);
    await expect(store.set('h-1', 'hunter2')).rejects.toThrow(/not saved/);
    expect(kv.data.size).toBe(0);
  });

  it('an undecryptable entry reads as "no secret" and is logged without content', async () => {
    const kv = memoryKv();
    kv.set('host:h-1', Buffer.from('garbage').toString('base64'));
    const logger = { ...silentLogger, warn: vi.fn() };
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), kv, logger });
    expect(await store.get('h-1')).toBeNull();
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('garbage');
  });
});
