import { describe, expect, it, vi } from 'vitest';
import {
  createMemorySecretStore,
  createMemorySettingsPersistence,
  createSettingsService,
  type SecretStore,
} from '../../../src/main/ipc/settings-service';
import { ValidationError } from '../../../src/main/ipc/validate';
import { DEFAULT_SETTINGS, type HostInput, type SettingsInput } from '../../../src/shared/settings';
import { inputWith, storedHost } from '../../support/settings-fixtures';

const newHost: HostInput = { ...storedHost, id: '', secret: 'hunter2' };
const input = (hosts: HostInput[]) => inputWith(...hosts);

async function setup(secrets: SecretStore = createMemorySecretStore()) {
  const store = createMemorySettingsPersistence();
  const service = await createSettingsService({ store, secrets });
  return { store, secrets, service };
}

describe('settings service', () => {
  it('assigns an id to a new host, stores its secret separately and never shows it', async () => {
    const { store, secrets, service } = await setup();
    const view = await service.save(input([newHost]));
    const id = view.hosts[0]?.id ?? '';
    expect(id).toMatch(/^h-[0-9a-f]{12}$/);
    expect(view.hosts[0]?.secretSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('hunter2');
    expect(JSON.stringify(service.view())).not.toContain('hunter2');
    expect(JSON.stringify(store.load().settings)).not.toContain('hunter2');
    expect(JSON.stringify(service.current())).not.toContain('hunter2');
    expect(await secrets.get(id)).toBe('hunter2');
    expect(await service.secretFor(id)).toBe('hunter2');
  });

  it('keeps the stored secret when none is submitted, clears it on empty string', async () => {
    const { secrets, service } = await setup();
    const id = (await service.save(input([newHost]))).hosts[0]?.id ?? '';
    const { secret: _s, ...withoutSecret } = newHost;
    await service.save(input([{ ...withoutSecret, id, name: 'Renamed' }]));
    expect(await secrets.get(id)).toBe('hunter2');
    expect(service.view().hosts[0]).toMatchObject({ name: 'Renamed', secretSet: true });
    await service.save(input([{ ...newHost, id, secret: '' }]));
    expect(await secrets.has(id)).toBe(false);
    expect(service.view().hosts[0]?.secretSet).toBe(false);
  });

  it('round-trips a host’s kind through save, view and the store; Detect automatically saves none', async () => {
    const { store, service } = await setup();
    const view = await service.save(
      input([
        { ...newHost, kind: 'orchestrator' },
        { ...newHost, name: 'Mac' },
      ]),
    );
    expect(view.hosts.map((h) => h.kind)).toEqual(['orchestrator', undefined]);
    expect(store.load().settings.hosts.map((h) => 'kind' in h)).toEqual([true, false]);
    await expect(
      // What a confused renderer could send: a kind this version does not know.
      service.save(input([{ ...newHost, kind: 'farm' } as unknown as HostInput])),
    ).rejects.toThrow(/hosts\[0\]\.kind must be one of host, orchestrator/);
  });

  it('removing a host deletes its secret', async () => {
    const { secrets, service } = await setup();
    const view = await service.save(input([newHost, { ...newHost, name: 'Farm 2', secret: 's2' }]));
    const [a, b] = view.hosts.map((h) => h.id);
    await service.save(input([{ ...newHost, id: b ?? '', secret: undefined }]));
    expect(await secrets.has(a ?? '')).toBe(false);
    expect(await secrets.get(b ?? '')).toBe('s2');
    expect(service.current().hosts.map((h) => h.id)).toEqual([b]);
  });

  it('rejects invalid input and changes nothing', async () => {
    const { store, service } = await setup();
    const listener = vi.fn();
    service.onChange(listener);
    await expect(
      service.save({ ...input([newHost]), showTrayCount: 'yes' } as unknown as SettingsInput),
    ).rejects.toThrow(ValidationError);
    expect(store.load().settings).toEqual(DEFAULT_SETTINGS);
    expect(listener).not.toHaveBeenCalled();
  });

  it('when the secret store refuses (no encryption), nothing is saved and earlier secrets are rolled back', async () => {
    const inner = createMemorySecretStore();
    await inner.set('keep', 'old');
    let calls = 0;
    const failing: SecretStore = {
      ...inner,
      set: async (hostId, secret) => {
        calls += 1;
        if (calls === 2)
          throw new Error('Encryption is not available on this Mac; the secret was not stored.');
        await inner.set(hostId, secret);
      },
    };
    const { store, service } = await setup(failing);
    await expect(
      service.save(
        input([
          { ...newHost, id: 'keep', secret: 'new' },
          { ...newHost, secret: 'b' },
        ]),
      ),
    ).rejects.toThrow(/Encryption is not available/);
    expect(await inner.get('keep')).toBe('old');
    expect(store.load().settings).toEqual(DEFAULT_SETTINGS);
  });

  it('notifies listeners after a save and stops after unsubscribe', async () => {
    const { service } = await setup();
    const listener = vi.fn();
    const off = service.onChange(listener);
    await service.save(input([newHost]));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]?.[0]).toEqual(service.current());
    off();
    await service.save(input([]));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('reports a recovered-from-corrupt-file load until the next save', async () => {
    const service = await createSettingsService({
      store: {
        load: () => ({ settings: DEFAULT_SETTINGS, recoveredFromCorruptFile: true }),
        save: () => undefined,
      },
      secrets: createMemorySecretStore(),
    });
    expect(service.view().recoveredFromCorruptFile).toBe(true);
    await service.save(input([]));
    expect(service.view().recoveredFromCorruptFile).toBe(false);
  });
});
