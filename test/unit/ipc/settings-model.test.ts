import { describe, expect, it } from 'vitest';
import {
  CorruptSettingsError,
  migrate,
  SCHEMA_VERSION,
  toStored,
  toView,
} from '../../../src/main/ipc/settings-model';
import { DEFAULT_NOTIFICATION_RULES, DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { settingsWith, storedHost as host } from '../../support/settings-fixtures';

const current = settingsWith(host);

describe('migrate', () => {
  it('returns defaults for an empty store', () => {
    expect(migrate(undefined)).toEqual({ settings: DEFAULT_SETTINGS, migratedFrom: null, problems: [] });
    expect(migrate(null).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips the current version unchanged', () => {
    const result = migrate(JSON.parse(JSON.stringify(toStored(current))));
    expect(result).toEqual({ settings: current, migratedFrom: null, problems: [] });
    expect(toStored(current).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('upgrades a v0 document (no version, hosts without enabled/pinnedFingerprint, rules without lost-timer)', () => {
    const { enabled: _e, pinnedFingerprint: _p, ...v0Host } = host;
    const { connectionLostAfterSeconds: _c, ...v0Rules } = { ...DEFAULT_NOTIFICATION_RULES, onAdded: true };
    const result = migrate({ hosts: [v0Host], notifications: v0Rules, showTrayCount: false });
    expect(result.migratedFrom).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.settings.hosts).toEqual([host]);
    expect(result.settings.notifications).toEqual({ ...DEFAULT_NOTIFICATION_RULES, onAdded: true });
    expect(result.settings.showTrayCount).toBe(false);
    expect(result.settings.launchAtLogin).toBe(false);
  });

  it.each([['a string'], [42], [[1, 2]], [true]])('throws CorruptSettingsError for %j', (raw) => {
    expect(() => migrate(raw)).toThrow(CorruptSettingsError);
  });

  it('keeps the valid hosts and reports the broken ones instead of wiping everything', () => {
    const result = migrate({
      schemaVersion: 1,
      hosts: [host, { ...host, id: 'h-2', url: 'ftp://x' }, 'garbage', { ...host }],
      notifications: DEFAULT_NOTIFICATION_RULES,
      showTrayCount: true,
      launchAtLogin: false,
    });
    expect(result.settings.hosts).toEqual([host]);
    expect(result.problems).toHaveLength(3); // bad url, not an object, duplicate id
    expect(result.problems.join('\n')).toMatch(/hosts\[1\]\.url/);
  });

  it('resets broken fields one by one and reports each', () => {
    const result = migrate({
      schemaVersion: 1,
      hosts: 'x',
      notifications: { enabled: 'no' },
      showTrayCount: 3,
      launchAtLogin: null,
    });
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.problems).toHaveLength(4);
  });

  it('drops a secret that somehow ended up in the settings file', () => {
    const result = migrate({ ...toStored(current), hosts: [{ ...host, secret: 'hunter2' }] });
    expect(JSON.stringify(result.settings)).not.toContain('hunter2');
    expect(result.settings.hosts).toEqual([host]);
  });

  it('keeps a host’s kind; a file written before kinds existed loads with none (= detect)', () => {
    const farm = { ...host, id: 'h-2', name: 'Farm 2', kind: 'orchestrator' as const };
    const result = migrate(JSON.parse(JSON.stringify(toStored(settingsWith(host, farm)))));
    expect(result).toEqual({ settings: settingsWith(host, farm), migratedFrom: null, problems: [] });
    expect(result.settings.hosts[0]).not.toHaveProperty('kind');
  });

  it('an unknown kind costs the host only its kind, and says so', () => {
    const result = migrate({ ...toStored(current), hosts: [{ ...host, kind: 'cluster' }] });
    expect(result.settings.hosts).toEqual([host]);
    expect(result.problems).toEqual([
      'hosts[0].kind must be one of host, orchestrator, or absent to detect it when connecting; it will be detected when connecting',
    ]);
  });

  it('flags a document from a newer version', () => {
    const result = migrate({ ...toStored(current), schemaVersion: SCHEMA_VERSION + 1, futureField: 1 });
    expect(result.migratedFrom).toBe(SCHEMA_VERSION + 1);
    expect(result.problems[0]).toMatch(/newer Hubwatch/);
    expect(result.settings.hosts).toEqual([host]);
  });

  it('flags a nonsense schemaVersion', () => {
    expect(migrate({ ...toStored(current), schemaVersion: 'one' }).problems[0]).toMatch(
      /unknown schemaVersion/,
    );
  });
});

describe('toView', () => {
  it('exposes only a secretSet flag per host and the recovered flag', () => {
    const view = toView(current, new Set(['h-1']), true);
    expect(view.hosts[0]).toEqual({ ...host, secretSet: true });
    expect(view.recoveredFromCorruptFile).toBe(true);
    expect(toView(current, new Set()).hosts[0]?.secretSet).toBe(false);
  });

  it('shows the kind when known and nothing else that rode along on the host', () => {
    const farm = { ...host, kind: 'orchestrator' as const, secret: 'hunter2' };
    expect(toView(settingsWith(farm), new Set()).hosts[0]).toEqual({
      ...host,
      kind: 'orchestrator',
      secretSet: false,
    });
  });
});
