// Settings as the app uses them: load once, validate every save, keep secrets in a separate SecretStore and only
// ever hand out "a secret is set" flags. Electron-free: the Electron shell supplies electron-store + safeStorage,
// the web preview and the tests supply the in-memory versions below.
import { randomUUID } from 'node:crypto';
import type { HostId } from '../../shared/model';
import {
  DEFAULT_SETTINGS,
  type AppSettings,
  type HostConfig,
  type SettingsInput,
  type SettingsView,
} from '../../shared/settings';
import { toView } from './settings-model';
import { validateSettingsInput } from './validate';

export interface SecretStore {
  get(hostId: HostId): Promise<string | null>;
  set(hostId: HostId, secret: string): Promise<void>;
  delete(hostId: HostId): Promise<void>;
  has(hostId: HostId): Promise<boolean>;
}

export interface SettingsPersistence {
  load(): { settings: AppSettings; recoveredFromCorruptFile: boolean };
  save(settings: AppSettings): void;
}

export interface SettingsService {
  /** No secrets, only secretSet flags. */
  view(): SettingsView;
  current(): AppSettings;
  /** Validates; stores secrets via the SecretStore; returns the new view. */
  save(input: SettingsInput): Promise<SettingsView>;
  /** Main-process only; never crosses IPC. */
  secretFor(hostId: HostId): Promise<string | null>;
  onChange(listener: (settings: AppSettings) => void): () => void;
}

/** Short, URL- and file-safe, unique enough for a handful of hosts. */
function generateHostId(existing: ReadonlySet<HostId>): HostId {
  for (;;) {
    const id = `h-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    if (!existing.has(id)) return id;
  }
}

type SecretChange = { hostId: HostId; secret: string | null };

export async function createSettingsService(o: {
  store: SettingsPersistence;
  secrets: SecretStore;
}): Promise<SettingsService> {
  const loaded = o.store.load();
  let settings = loaded.settings;
  let recovered = loaded.recoveredFromCorruptFile;
  const listeners = new Set<(settings: AppSettings) => void>();
  const secretFlags = new Set<HostId>();
  for (const host of settings.hosts) if (await o.secrets.has(host.id)) secretFlags.add(host.id);

  async function write(change: SecretChange): Promise<void> {
    if (change.secret === null) await o.secrets.delete(change.hostId);
    else await o.secrets.set(change.hostId, change.secret);
  }

  /** Put back what was there, newest first; best effort (the original failure is the one worth reporting). */
  async function rollback(undo: readonly SecretChange[]): Promise<void> {
    for (const change of [...undo].reverse()) {
      try {
        await write(change);
      } catch {
        // keep rolling back the rest
      }
    }
  }

  /** Apply secret changes; returns how to undo them. On failure it undoes itself, so a failed save changes nothing. */
  async function applySecrets(changes: readonly SecretChange[]): Promise<SecretChange[]> {
    const undo: SecretChange[] = [];
    try {
      for (const change of changes) {
        const previous = await o.secrets.get(change.hostId);
        await write(change);
        undo.push({ hostId: change.hostId, secret: previous });
      }
      return undo;
    } catch (error) {
      await rollback(undo);
      throw error;
    }
  }

  return {
    view: () => toView(settings, secretFlags, recovered),
    current: () => settings,
    async save(raw) {
      const input = validateSettingsInput(raw);
      const ids = new Set<HostId>(input.hosts.map((h) => h.id).filter((id) => id !== ''));
      const changes: SecretChange[] = [];
      const hosts: HostConfig[] = input.hosts.map(({ secret, ...config }) => {
        const id = config.id === '' ? generateHostId(ids) : config.id;
        ids.add(id);
        if (secret !== undefined) changes.push({ hostId: id, secret: secret === '' ? null : secret });
        return { ...config, id };
      });
      // A removed host's secret must not linger in the keychain-backed store.
      for (const old of settings.hosts) if (!ids.has(old.id)) changes.push({ hostId: old.id, secret: null });
      const next: AppSettings = {
        hosts,
        notifications: input.notifications,
        showTrayCount: input.showTrayCount,
        launchAtLogin: input.launchAtLogin,
      };
      const undo = await applySecrets(changes);
      try {
        o.store.save(next);
      } catch (error) {
        await rollback(undo);
        throw error;
      }
      for (const change of changes) {
        if (change.secret === null) secretFlags.delete(change.hostId);
        else secretFlags.add(change.hostId);
      }
      settings = next;
      recovered = false;
      for (const listener of [...listeners]) {
        try {
          listener(settings);
        } catch {
          // A failing subscriber must not turn a completed save into a reported failure.
        }
      }
      return toView(settings, secretFlags, recovered);
    },
    secretFor: (hostId) => o.secrets.get(hostId),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<HostId, string>();
  return {
    get: async (hostId) => secrets.get(hostId) ?? null,
    set: async (hostId, secret) => void secrets.set(hostId, secret),
    delete: async (hostId) => void secrets.delete(hostId),
    has: async (hostId) => secrets.has(hostId),
  };
}

export function createMemorySettingsPersistence(
  initial: AppSettings = DEFAULT_SETTINGS,
): SettingsPersistence {
  let stored = initial;
  return {
    load: () => ({ settings: stored, recoveredFromCorruptFile: false }),
    save: (settings) => void (stored = settings),
  };
}
