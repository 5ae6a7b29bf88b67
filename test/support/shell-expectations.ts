// Small pure helpers the shell unit tests share: what every Hubwatch window must be created with, and recorded
// context-menu actions. Kept apart from the Electron model, which models Electron and nothing of Hubwatch.
import { vi } from 'vitest';

/** What every Hubwatch window must be created with (windows-security.ts), for `toMatchObject`. */
export function hardenedWebPreferences(preload: string) {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    preload,
  };
}

/** The context-menu actions, all recorded. */
export function menuActions() {
  return {
    openSettings: vi.fn(),
    reconnectAll: vi.fn(),
    pauseOneHour: vi.fn(),
    pauseUntilTomorrow: vi.fn(),
    resumeNotifications: vi.fn(),
    quit: vi.fn(),
  };
}
