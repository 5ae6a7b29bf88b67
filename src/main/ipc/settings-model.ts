// The persisted settings document: its schema version, validation and migrations. PURE (no fs, no electron) so the
// Electron store, the web preview and the tests share one definition. Loading is lenient on purpose: one malformed
// host must not wipe the user's whole configuration, so each field falls back on its own and every repair is
// reported (the caller backs the original file up before writing the repaired one).
import type { HostId } from '../../shared/model';
import {
  DEFAULT_NOTIFICATION_RULES,
  DEFAULT_SETTINGS,
  hostConfigOf,
  type AppSettings,
  type HostConfig,
  type NotificationRules,
  type SettingsView,
} from '../../shared/settings';
import {
  bool,
  validateHostInput,
  validateHostKind,
  validateNotificationRules,
  ValidationError,
} from './validate';

export const SCHEMA_VERSION = 1;

/** What electron-store holds: the settings plus the version they were written with. */
export interface StoredSettings extends AppSettings {
  readonly schemaVersion: number;
}

export interface MigrationResult {
  readonly settings: AppSettings;
  /** The version found on disk when it differed from SCHEMA_VERSION (0 = written before versioning), else null. */
  readonly migratedFrom: number | null;
  /** Human-readable repairs; non-empty means the stored document was (partly) corrupt. */
  readonly problems: readonly string[];
}

export class CorruptSettingsError extends Error {
  override readonly name = 'CorruptSettingsError';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function message(error: unknown): string {
  return error instanceof ValidationError ? error.message : String(error);
}

/** v0 (pre-release) hosts lacked `enabled` and `pinnedFingerprint`; notification rules lacked the lost-timer. */
function upgradeV0(raw: Record<string, unknown>): Record<string, unknown> {
  const hosts = Array.isArray(raw['hosts'])
    ? raw['hosts'].map((h: unknown) =>
        isPlainObject(h) ? { enabled: true, pinnedFingerprint: null, ...h } : h,
      )
    : raw['hosts'];
  const notifications = isPlainObject(raw['notifications'])
    ? { ...DEFAULT_NOTIFICATION_RULES, ...raw['notifications'] }
    : raw['notifications'];
  return { ...raw, hosts, notifications };
}

/**
 * A kind this version does not know costs the host only its kind (detected again at the next connect), not the
 * whole host: files written before `kind` existed simply have none, which is the same "detect" (SCHEMA_VERSION 1).
 */
function withoutKindIfBad(raw: unknown, i: number, problems: string[]): unknown {
  if (!isPlainObject(raw) || raw['kind'] === undefined) return raw;
  try {
    validateHostKind(raw['kind'], `hosts[${i}].kind`);
    return raw;
  } catch (error) {
    problems.push(`${message(error)}; it will be detected when connecting`);
    return { ...raw, kind: undefined };
  }
}

function parseHosts(value: unknown, problems: string[]): HostConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('hosts was not a list; no hosts kept');
    return [];
  }
  const hosts: HostConfig[] = [];
  const seen = new Set<HostId>();
  value.forEach((raw: unknown, i) => {
    try {
      // Stored hosts never carry a secret; a stray one is dropped rather than trusted.
      const withoutSecret = isPlainObject(raw) ? { ...raw, secret: undefined } : raw;
      const host: HostConfig = validateHostInput(withoutKindIfBad(withoutSecret, i, problems), `hosts[${i}]`);
      if (host.id === '' || seen.has(host.id))
        throw new ValidationError(`hosts[${i}].id is missing or duplicated`);
      seen.add(host.id);
      hosts.push(host);
    } catch (error) {
      problems.push(`dropped ${message(error)}`);
    }
  });
  return hosts;
}

function parseRules(value: unknown, problems: string[]): NotificationRules {
  if (value === undefined) return DEFAULT_NOTIFICATION_RULES;
  try {
    return validateNotificationRules(value);
  } catch (error) {
    problems.push(`notification rules reset to defaults: ${message(error)}`);
    return DEFAULT_NOTIFICATION_RULES;
  }
}

function parseFlag(value: unknown, name: 'showTrayCount' | 'launchAtLogin', problems: string[]): boolean {
  if (value === undefined) return DEFAULT_SETTINGS[name];
  try {
    return bool(value, name);
  } catch (error) {
    problems.push(`${name} reset to default: ${message(error)}`);
    return DEFAULT_SETTINGS[name];
  }
}

/**
 * Turn whatever was on disk into valid current settings. Throws CorruptSettingsError only when nothing is usable
 * (not an object at all); everything else is repaired field by field and listed in `problems`.
 */
export function migrate(raw: unknown): MigrationResult {
  if (raw === undefined || raw === null)
    return { settings: DEFAULT_SETTINGS, migratedFrom: null, problems: [] };
  if (!isPlainObject(raw))
    throw new CorruptSettingsError('the settings file does not contain a settings object');
  const problems: string[] = [];
  const version = raw['schemaVersion'];
  let doc = raw;
  let migratedFrom: number | null = null;
  if (version === undefined) {
    migratedFrom = 0;
    doc = upgradeV0(raw);
  } else if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    problems.push(`unknown schemaVersion ${JSON.stringify(version)?.slice(0, 20)}; read as current`);
  } else if (version > SCHEMA_VERSION) {
    problems.push(`written by a newer Hubwatch (schema ${version}); unknown fields ignored`);
    migratedFrom = version;
  }
  const known = new Set(['schemaVersion', 'hosts', 'notifications', 'showTrayCount', 'launchAtLogin']);
  const unknownKeys = Object.keys(doc).filter((k) => !known.has(k));
  const fromNewer = typeof version === 'number' && version > SCHEMA_VERSION;
  if (unknownKeys.length > 0 && !fromNewer)
    problems.push(`ignored unknown field(s): ${unknownKeys.slice(0, 5).join(', ')}`);
  const settings: AppSettings = {
    hosts: parseHosts(doc['hosts'], problems),
    notifications: parseRules(doc['notifications'], problems),
    showTrayCount: parseFlag(doc['showTrayCount'], 'showTrayCount', problems),
    launchAtLogin: parseFlag(doc['launchAtLogin'], 'launchAtLogin', problems),
  };
  return { settings, migratedFrom, problems };
}

export function toStored(settings: AppSettings): StoredSettings {
  return { schemaVersion: SCHEMA_VERSION, ...settings };
}

/** The renderer's view: configuration plus write-only secret flags; never a secret. */
export function toView(
  settings: AppSettings,
  secretFlags: ReadonlySet<HostId>,
  recoveredFromCorruptFile = false,
): SettingsView {
  return {
    hosts: settings.hosts.map((host) => ({ ...hostConfigOf(host), secretSet: secretFlags.has(host.id) })),
    notifications: { ...settings.notifications },
    showTrayCount: settings.showTrayCount,
    launchAtLogin: settings.launchAtLogin,
    recoveredFromCorruptFile,
  };
}
