// The shell's settings persistence over conf (electron-store = conf + Electron paths), opened the way
// src/main/shell/settings-store.ts opens it, in a test's own folder: the reliability tests that write, kill and read
// back settings all go through this one copy of that wiring.
import path from 'node:path';
import Conf from 'conf';
import type { Logger } from '../../../src/main/kernel/logger';
import { createStorePersistence } from '../../../src/main/shell/settings-persistence';

export function openConfSettings(dir: string, logger: Logger): ReturnType<typeof createStorePersistence> {
  return createStorePersistence({
    open: () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: 'settings',
        projectName: 'hubwatch-test',
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
      }),
    filePath: path.join(dir, 'settings.json'),
    logger,
    now: () => Date.now(),
  });
}
