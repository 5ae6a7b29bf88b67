// What `import … from 'electron'` resolves to when a bundle is loaded with the model (see hooks.mjs). The model
// instance is created by the runner before the bundle is imported. Named exports are static: a bundle importing a
// name the main process does not have (contextBridge, ipcRenderer…) fails to link, like in real Electron.
import type { ElectronModel } from './index';

const model = (globalThis as { __electronModel?: ElectronModel }).__electronModel;
if (!model)
  throw new Error('electron-model: create the model (globalThis.__electronModel) before importing electron');
const e = model.electron;

export const app = e.app;
export const BrowserWindow = e.BrowserWindow;
export const dialog = e.dialog;
export const Menu = e.Menu;
export const Notification = e.Notification;
export const Tray = e.Tray;
export const nativeImage = e.nativeImage;
export const ipcMain = e.ipcMain;
export const net = e.net;
export const powerMonitor = e.powerMonitor;
export const safeStorage = e.safeStorage;
export const screen = e.screen;
export const session = e.session;
export const shell = e.shell;
export default e;
