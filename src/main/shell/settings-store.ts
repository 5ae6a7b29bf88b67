// The Electron side of settings persistence: electron-store files in userData. Thin on purpose; the logic lives
// in settings-persistence.ts (testable with `conf`) and api/settings-model.ts (pure schema + migrations).
import { join } from 'node:path';
import Store from 'electron-store';
import type { SettingsPersistence } from '../ipc/settings-service';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { createStorePersistence } from './settings-persistence';

const NAME = 'settings';

/**
 * A loose structural schema so electron-store refuses to write a wrongly-typed document; the detailed validation
 * and the migrations are the pure model's job (one definition shared with the web preview and tests).
 */
const schema = {
  schemaVersion: { type: 'number', minimum: 0 },
  hosts: { type: 'array', maxItems: 50, items: { type: 'object' } },
  notifications: { type: 'object' },
  showTrayCount: { type: 'boolean' },
  launchAtLogin: { type: 'boolean' },
} as const;

export function createElectronSettingsPersistence(o: {
  userDataDir: string;
  logger: Logger;
  clock: Clock;
}): SettingsPersistence {
  return createStorePersistence({
    open: () =>
      new Store<Record<string, unknown>>({
        name: NAME,
        cwd: o.userDataDir,
        schema,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
      }),
    filePath: join(o.userDataDir, `${NAME}.json`),
    logger: o.logger,
    now: () => o.clock.now(),
  });
}
