// A stand-in for the `electron` module so the built bundles can be loaded in plain Node (there is no Electron
// binary here). `app` is explicit; everything else is an auto-fake that accepts any call or construction, so the
// main entry's whole start-up wiring runs and any TypeError/ReferenceError in it surfaces.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const state = (globalThis.__smoke ??= { calls: [], readyHandlers: 0, exitCode: null });
const record = (name) => state.calls.push(name);
const home = mkdtempSync(join(tmpdir(), 'hubwatch-smoke-'));
state.home = home;

function auto(name) {
  return new Proxy(function fake() {}, {
    get(_target, prop) {
      if (prop === 'then' || prop === Symbol.iterator || prop === Symbol.asyncIterator) return undefined;
      if (prop === Symbol.toPrimitive) return () => `[fake ${name}]`;
      return auto(`${name}.${String(prop)}`);
    },
    apply() {
      record(name);
      return auto(`${name}()`);
    },
    construct() {
      record(`new ${name}`);
      return auto(`new ${name}`);
    },
  });
}

export const app = {
  isPackaged: false,
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  dock: { hide: () => record('app.dock.hide') },
  on: (event) => (record(`app.on:${event}`), app),
  once: (event) => (record(`app.once:${event}`), app),
  whenReady: () => {
    state.readyHandlers += 1;
    record('app.whenReady');
    // Resolve on a later task, like Electron, so the entry has finished evaluating first.
    return new Promise((resolve) => setTimeout(resolve, 10));
  },
  getPath: (name) => join(home, name),
  setPath: (name) => record(`app.setPath:${name}`),
  getAppPath: () => process.cwd(),
  getVersion: () => '0.0.0-smoke',
  quit: () => record('app.quit'),
  exit: (code) => {
    state.exitCode = code;
    record(`app.exit:${code}`);
  },
  focus: () => record('app.focus'),
  setLoginItemSettings: () => record('app.setLoginItemSettings'),
};

export const BrowserWindow = auto('BrowserWindow');
export const Menu = auto('Menu');
export const Notification = auto('Notification');
export const Tray = auto('Tray');
export const nativeImage = auto('nativeImage');
export const ipcMain = auto('ipcMain');
export const net = auto('net');
export const powerMonitor = auto('powerMonitor');
export const safeStorage = auto('safeStorage');
export const screen = auto('screen');
export const session = auto('session');
export const shell = auto('shell');
export const contextBridge = auto('contextBridge');
export const ipcRenderer = auto('ipcRenderer');

export default {
  app,
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  nativeImage,
  ipcMain,
  net,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  contextBridge,
  ipcRenderer,
};
