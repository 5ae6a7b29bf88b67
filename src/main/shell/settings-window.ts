// The settings window: created on demand, one at a time, focused when asked again. A dock-less (LSUIElement) app
// has to steal focus explicitly or the window opens behind the frontmost app.
import type { App, BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { SettingsFocus } from '../../shared/ipc';
import type { Logger } from '../kernel/logger';
import type { AppPaths } from './app-paths';
import { isOurPageUrl } from './ipc';
import { hardenWebContents } from './windows-security';

export interface SettingsWindowController {
  /** `focus`: also select that host and focus its credential field, once the page can listen. */
  open(focus?: SettingsFocus | null): void;
  current(): BrowserWindow | null;
  close(): void;
}

/** The Electron pieces the settings window uses, injected (index.ts passes the real ones) for Node tests. */
export interface SettingsElectron {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly app: Pick<App, 'focus'>;
}

export function createSettingsWindow(o: {
  electron: SettingsElectron;
  paths: AppPaths;
  logger: Logger;
  openExternal(url: string): void;
}): SettingsWindowController {
  const { BrowserWindow, app } = o.electron;
  let win: BrowserWindow | null = null;
  /** The current window has painted once; before that, showing it would flash an empty white window. */
  let ready = false;
  /** A focus request that waits for the page: it subscribes while it mounts, before 'ready-to-show'. */
  let pendingFocus: SettingsFocus | null = null;

  function sendFocus(target: BrowserWindow): void {
    if (pendingFocus === null || target.isDestroyed()) return;
    target.webContents.send('settings:focus-host', pendingFocus);
    pendingFocus = null;
  }

  function open(focus: SettingsFocus | null = null): void {
    if (focus !== null) pendingFocus = focus;
    if (win !== null && !win.isDestroyed()) {
      // Asked again while the page is still loading: 'ready-to-show' will show, focus and send the request.
      if (!ready) return;
      sendFocus(win);
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      app.focus({ steal: true });
      return;
    }
    const created = new BrowserWindow({
      width: 640,
      height: 720,
      minWidth: 520,
      minHeight: 480,
      show: false,
      title: 'Hubwatch Settings',
      fullscreenable: false,
      webPreferences: {
        preload: o.paths.preload('settings'),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
      },
    });
    hardenWebContents(created.webContents, {
      isOurUrl: (url) => isOurPageUrl(url, 'settings', o.paths.renderer),
      openExternal: o.openExternal,
      logger: o.logger,
    });
    created.once('ready-to-show', () => {
      if (win === created) ready = true;
      sendFocus(created);
      created.show();
      app.focus({ steal: true });
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    win = created;
    ready = false;
    void created.loadURL(o.paths.pageUrl('settings')).catch((error: unknown) => {
      o.logger.error('settings page failed to load', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      // No 'ready-to-show' will come: let the next "Settings…" show the window rather than do nothing.
      if (win === created) ready = true;
    });
  }

  return {
    open,
    current: () => (win !== null && !win.isDestroyed() ? win : null),
    close: () => {
      if (win !== null && !win.isDestroyed()) win.close();
    },
  };
}
