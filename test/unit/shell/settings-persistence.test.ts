import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorePersistence } from '../../../src/main/shell/settings-persistence';
import { SCHEMA_VERSION } from '../../../src/main/ipc/settings-model';
import { silentLogger } from '../../support/silent-logger';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { settingsWith, storedHost as host } from '../../support/settings-fixtures';

const settings = settingsWith(host);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hubwatch-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, 'settings.json');
const persistence = () =>
  createStorePersistence({
    open: () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: 'settings',
        projectName: 'hubwatch-test',
        accessPropertiesByDotNotation: false,
      }),
    filePath: file(),
    logger: silentLogger,
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
  });
const backups = () =>
  readdirSync(dir).filter((f) => f.includes('.corrupt-') || f.includes('.pre-migration-'));

describe('store-backed settings persistence', () => {
  it('starts from defaults with no file, then round-trips with a schema version', () => {
    expect(persistence().load()).toEqual({ settings: DEFAULT_SETTINGS, recoveredFromCorruptFile: false });
    persistence().save(settings);
    expect(JSON.parse(readFileSync(file(), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
    expect(persistence().load()).toEqual({ settings, recoveredFromCorruptFile: false });
    expect(backups()).toEqual([]);
  });

  it('a file that is not JSON is moved aside and replaced by defaults', () => {
    writeFileSync(file(), '{"hosts": [ truncated');
    expect(persistence().load()).toEqual({ settings: DEFAULT_SETTINGS, recoveredFromCorruptFile: true });
    expect(backups()).toHaveLength(1);
    expect(readFileSync(join(dir, backups()[0] ?? ''), 'utf8')).toBe('{"hosts": [ truncated');
    expect(JSON.parse(readFileSync(file(), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('a partly broken file keeps what is valid, backs up the original and flags recovery', () => {
    const original = JSON.stringify({ schemaVersion: 1, hosts: [host, { id: 'x' }], showTrayCount: 'maybe' });
    writeFileSync(file(), original);
    const loaded = persistence().load();
    expect(loaded.recoveredFromCorruptFile).toBe(true);
    expect(loaded.settings.hosts).toEqual([host]);
    expect(readFileSync(join(dir, backups()[0] ?? ''), 'utf8')).toBe(original);
    // The repaired file now loads cleanly.
    expect(persistence().load().recoveredFromCorruptFile).toBe(false);
  });

  it('a v0 file is migrated, with the original kept', () => {
    writeFileSync(file(), JSON.stringify({ hosts: [{ ...host, enabled: undefined }] }));
    const loaded = persistence().load();
    expect(loaded).toEqual({ settings, recoveredFromCorruptFile: false });
    expect(backups()).toHaveLength(1);
    expect(backups()[0]).toContain('.pre-migration-');
    expect(existsSync(file())).toBe(true);
  });

  it('a file from before host kinds loads as it is (no backup, kind = detect); a saved kind is on disk', () => {
    const before = JSON.stringify({ schemaVersion: 1, ...settings });
    writeFileSync(file(), before);
    expect(persistence().load()).toEqual({ settings, recoveredFromCorruptFile: false });
    expect(backups()).toEqual([]);
    expect(readFileSync(file(), 'utf8')).toBe(before);
    persistence().save(settingsWith({ ...host, kind: 'orchestrator' }));
    expect(JSON.parse(readFileSync(file(), 'utf8')).hosts[0].kind).toBe('orchestrator');
    expect(persistence().load().settings.hosts[0]?.kind).toBe('orchestrator');
  });

  it('a JSON array is treated as corrupt', () => {
    writeFileSync(file(), '[1,2,3]');
    expect(persistence().load().recoveredFromCorruptFile).toBe(true);
    expect(backups()).toHaveLength(1);
  });
});
