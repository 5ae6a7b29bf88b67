// SecretStore over Electron's safeStorage (Keychain-backed on macOS). Only ciphertext (base64) reaches disk, in its
// own electron-store file, apart from the settings. Electron objects are injected so this is tested in Node.
import type { HostId } from '../../shared/model';
import type { SecretStore } from '../ipc/settings-service';
import type { Logger } from '../kernel/logger';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface KeyValueLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
}

export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
  constructor() {
    super(
      'Secure storage (the macOS Keychain) is not available, so the secret was not saved. Nothing was written in plain text.',
    );
  }
}

export function createSafeStorageSecretStore(o: {
  safeStorage: SafeStorageLike;
  kv: KeyValueLike;
  logger: Logger;
}): SecretStore {
  const key = (hostId: HostId): string => `host:${hostId}`;
  return {
    async get(hostId) {
      const stored = o.kv.get(key(hostId));
      if (typeof stored !== 'string') return null;
      try {
        return o.safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (error) {
        // E.g. the Keychain item was reset: the user re-enters the secret; never log the ciphertext or plaintext.
        o.logger.warn('stored secret could not be decrypted', {
          hostId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        return null;
      }
    },
    async set(hostId, secret) {
      if (!o.safeStorage.isEncryptionAvailable()) throw new SecretStorageUnavailableError();
      o.kv.set(key(hostId), o.safeStorage.encryptString(secret).toString('base64'));
    },
    async delete(hostId) {
      o.kv.delete(key(hostId));
    },
    async has(hostId) {
      return typeof o.kv.get(key(hostId)) === 'string';
    },
  };
}
