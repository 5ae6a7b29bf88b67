// SettingsPersistence over an electron-store / conf instance. Electron-free (the store is opened by an injected
// function) so Node tests run it against `conf` in a temp dir. Rule: never lose the user's file. Anything we cannot
// read as-is is copied aside before we write over it, and the settings page is told (recoveredFromCorruptFile).
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { removeStaleTempFiles } from '../persist/json-file';
import type { AppSettings } from '../../shared/settings';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { CorruptSettingsError, migrate, toStored } from '../ipc/settings-model';
import type { SettingsPersistence } from '../ipc/settings-service';
import type { Logger } from '../kernel/logger';

/** The part of electron-store / conf we use. */
interface RawStore {
  store: Record<string, unknown>;
}

export interface StorePersistenceOptions {
  /** Opens (or re-opens) the store; may throw on unparsable JSON or a schema violation. */
  open(): RawStore;
  /** The store's file, so a corrupt one can be set aside before the store is re-created. */
  filePath: string;
  logger: Logger;
  now(): number;
}

/** conf keeps its own bookkeeping under this key; it is not part of our document. */
const CONF_INTERNAL_KEY = '__internal__';

function backupPath(filePath: string, reason: 'corrupt' | 'pre-migration', at: number): string {
  return `${filePath}.${reason}-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
}

export function createStorePersistence(o: StorePersistenceOptions): SettingsPersistence {
  let store: RawStore | null = null;

  function setAside(reason: 'corrupt' | 'pre-migration', move: boolean): void {
    if (!existsSync(o.filePath)) return;
    const target = backupPath(o.filePath, reason, o.now());
    if (move) renameSync(o.filePath, target);
    else copyFileSync(o.filePath, target);
    o.logger.warn('settings file set aside', { reason, backup: target });
  }

  function openStore(): { store: RawStore; unreadable: boolean } {
    // conf writes atomically through `<file>.tmp-*`; a crash between write and rename leaves one behind.
    removeStaleTempFiles(o.filePath);
    try {
      return { store: o.open(), unreadable: false };
    } catch (error) {
      o.logger.error('settings file unreadable; starting from defaults', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      setAside('corrupt', true);
      return { store: o.open(), unreadable: true };
    }
  }

  return {
    load() {
      const opened = openStore();
      store = opened.store;
      if (opened.unreadable) {
        store.store = { ...toStored(DEFAULT_SETTINGS) };
        return { settings: DEFAULT_SETTINGS, recoveredFromCorruptFile: true };
      }
      const { [CONF_INTERNAL_KEY]: _internal, ...raw } = store.store;
      const isEmpty = Object.keys(raw).length === 0;
      try {
        const result = migrate(isEmpty ? undefined : raw);
        if (result.problems.length > 0) {
          o.logger.warn('settings file repaired', {
            problems: result.problems.length,
            first: result.problems[0],
          });
          setAside('corrupt', false);
          store.store = { ...toStored(result.settings) };
          return { settings: result.settings, recoveredFromCorruptFile: true };
        }
        if (result.migratedFrom !== null) {
          setAside('pre-migration', false);
          store.store = { ...toStored(result.settings) };
          o.logger.info('settings migrated', { from: result.migratedFrom });
        }
        return { settings: result.settings, recoveredFromCorruptFile: false };
      } catch (error) {
        if (!(error instanceof CorruptSettingsError)) throw error;
        o.logger.error('settings file corrupt; starting from defaults', { error: error.message });
        setAside('corrupt', false);
        store.store = { ...toStored(DEFAULT_SETTINGS) };
        return { settings: DEFAULT_SETTINGS, recoveredFromCorruptFile: true };
      }
    },
    save(settings: AppSettings) {
      if (!store) store = openStore().store;
      store.store = { ...toStored(settings) };
    },
  };
}
