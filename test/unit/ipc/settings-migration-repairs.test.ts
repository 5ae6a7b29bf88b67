// What loading a damaged or unusual settings file reports, word for word (the repairs are logged and the
// original is backed up, so the list must say exactly what was changed), and the edges of the schema version.
// settings-model.test.ts covers the main paths; these pin what it only counted.
import { describe, expect, it } from 'vitest';
import { CorruptSettingsError, migrate, SCHEMA_VERSION, toView } from '../../../src/main/ipc/settings-model';
import { DEFAULT_NOTIFICATION_RULES, DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/settings';

const host = {
  id: 'h-1',
  name: 'Farm 1',
  url: 'https://farm-1.local:3080',
  auth: 'password' as const,
  username: 'root',
  pinnedFingerprint: null,
  enabled: true,
};

describe('migrate: repairs, word for word', () => {
  it('a current document with only a version is the defaults, with nothing to report', () => {
    expect(migrate({ schemaVersion: SCHEMA_VERSION })).toEqual({
      settings: DEFAULT_SETTINGS,
      migratedFrom: null,
      problems: [],
    });
  });

  it('says which field was reset and why', () => {
    const result = migrate({
      schemaVersion: SCHEMA_VERSION,
      hosts: 'x',
      notifications: 'loud',
      showTrayCount: 3,
    });
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toBe('hosts was not a list; no hosts kept');
    expect(result.problems[1]).toMatch(/^notification rules reset to defaults: ./);
    expect(result.problems[2]).toMatch(/^showTrayCount reset to default: ./);
  });

  it('a host without an id, or with one already used, is dropped by name', () => {
    const result = migrate({ schemaVersion: SCHEMA_VERSION, hosts: [{ ...host, id: '' }, host, host] });
    expect(result.settings.hosts).toEqual([host]);
    expect(result.problems).toEqual([
      'dropped hosts[0].id is missing or duplicated',
      'dropped hosts[2].id is missing or duplicated',
    ]);
  });

  it('a v0 document keeps its broken hosts and rules broken, so they are reported, not silently defaulted', () => {
    const result = migrate({ hosts: 'x', notifications: 'loud' });
    expect(result.migratedFrom).toBe(0);
    expect(result.problems[0]).toBe('hosts was not a list; no hosts kept');
    expect(result.problems[1]).toMatch(/^notification rules reset to defaults: /);
    expect(migrate({ notifications: null }).problems).toEqual([
      expect.stringMatching(/^notification rules reset to defaults: /),
    ]);
  });

  it('a v0 host that is not an object is dropped as such', () => {
    const result = migrate({ hosts: [null, host] });
    expect(result.settings.hosts).toEqual([host]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^dropped hosts\[0\]/);
  });
});

describe('migrate: the schema version', () => {
  it.each([
    [0, 'unknown schemaVersion 0; read as current'],
    [1.5, 'unknown schemaVersion 1.5; read as current'],
    ['one', 'unknown schemaVersion "one"; read as current'],
    ['v'.repeat(100), `unknown schemaVersion "${'v'.repeat(19)}; read as current`],
  ])('%j is not a version: read as current, and said', (version, problem) => {
    const result = migrate({ schemaVersion: version, hosts: [host] });
    expect(result.problems).toEqual([problem]);
    expect(result.migratedFrom).toBeNull();
    expect(result.settings.hosts).toEqual([host]);
  });

  it('unknown fields of the current version are named (the first five)', () => {
    const extra = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 };
    expect(migrate({ schemaVersion: SCHEMA_VERSION, ...extra }).problems).toEqual([
      'ignored unknown field(s): a, b, c, d, e',
    ]);
  });

  it('a version written as a string is no version, even "2": its unknown fields are still named', () => {
    expect(migrate({ schemaVersion: '2', x: 1 }).problems).toEqual([
      'unknown schemaVersion "2"; read as current',
      'ignored unknown field(s): x',
    ]);
  });

  it("a newer version's unknown fields are expected: one problem, the version", () => {
    const newer = SCHEMA_VERSION + 1;
    expect(migrate({ schemaVersion: newer, futureField: 1 }).problems).toEqual([
      `written by a newer Hubwatch (schema ${newer}); unknown fields ignored`,
    ]);
  });
});

describe('the error for a file with nothing usable', () => {
  it('is a CorruptSettingsError that says so', () => {
    expect(() => migrate('x')).toThrow(
      expect.objectContaining({
        name: 'CorruptSettingsError',
        message: 'the settings file does not contain a settings object',
      }),
    );
    expect(() => migrate([])).toThrow(CorruptSettingsError);
  });
});

describe('toView', () => {
  const settings: AppSettings = {
    ...DEFAULT_SETTINGS,
    hosts: [host],
    notifications: { ...DEFAULT_NOTIFICATION_RULES, onAdded: true },
  };

  it('carries the notification rules and flags, and is not "recovered" unless told', () => {
    const view = toView(settings, new Set());
    expect(view.notifications).toEqual(settings.notifications);
    expect(view.showTrayCount).toBe(settings.showTrayCount);
    expect(view.launchAtLogin).toBe(settings.launchAtLogin);
    expect(view.recoveredFromCorruptFile).toBe(false);
  });
});
