// One strict model of Electron 45's main process on macOS, used by unit tests (inject its pieces), by the bundle
// smoke and scenario tests (test/smoke: `import 'electron'` is routed to ./electron-module.ts) and by the
// package-shaped smoke. Only main-process modules exist; unknown members throw; see rules.ts for the macOS rules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelApp } from './app';
import { createDialog } from './dialog';
import { createNativeImageModule } from './images';
import { createNotificationClass, NotificationCenter } from './notification';
import {
  createIpcMain,
  createNet,
  createPowerMonitor,
  createSafeStorage,
  createScreen,
  createSession,
  createShell,
} from './services';
import { DEFAULT_DISPLAYS, ModelState, strict, type ModelConfig } from './state';
import { createMenuModule, createTrayClass, ModelTray } from './tray';
import { createBrowserWindowClass, ModelBrowserWindow } from './windows';

export { MAC_RULES } from './rules';
export type { ModelConfig, Violation } from './state';
export { ModelBrowserWindow, preventable } from './windows';
export { ModelTray } from './tray';

/** The names `import … from 'electron'` may use in the main process (renderer modules are absent on purpose). */
export const MAIN_MODULES = [
  'app',
  'BrowserWindow',
  'dialog',
  'Menu',
  'Notification',
  'Tray',
  'nativeImage',
  'ipcMain',
  'net',
  'powerMonitor',
  'safeStorage',
  'screen',
  'session',
  'shell',
] as const;

export function createElectronModel(overrides: Partial<ModelConfig> = {}) {
  const config: ModelConfig = {
    appPath: process.cwd(),
    isPackaged: false,
    home: overrides.home ?? mkdtempSync(join(tmpdir(), 'hubwatch-model-')),
    displays: DEFAULT_DISPLAYS,
    encryptionAvailable: true,
    signed: true,
    notificationPermission: 'granted',
    permissionAnswerMs: 50,
    history: [],
    ...overrides,
  };
  const state = new ModelState(config);
  ModelBrowserWindow.all = [];
  ModelTray.instances = [];
  const menu = createMenuModule(state);
  const center = new NotificationCenter(state);
  const app = new ModelApp(state, menu, () => ModelBrowserWindow.all);
  let online = true;
  const dialogs = createDialog(state);
  const electron = {
    app: strict(app, 'app'),
    BrowserWindow: createBrowserWindowClass(state),
    dialog: dialogs.dialog,
    Menu: strict(menu, 'Menu'),
    Notification: createNotificationClass(state, center),
    Tray: createTrayClass(state),
    nativeImage: createNativeImageModule(state),
    ipcMain: createIpcMain(state),
    net: createNet(() => online),
    powerMonitor: createPowerMonitor(state),
    safeStorage: createSafeStorage(state),
    screen: createScreen(state),
    session: createSession(state),
    shell: createShell(state),
  };
  return {
    electron: strict(electron, 'electron'),
    state,
    app,
    menu,
    notifications: center,
    windows: () => ModelBrowserWindow.all,
    trays: () => ModelTray.instances,
    /** Message boxes shown and not yet answered. */
    messageBoxes: dialogs.open,
    setOnline(value: boolean) {
      online = value;
    },
  };
}

export type ElectronModel = ReturnType<typeof createElectronModel>;
