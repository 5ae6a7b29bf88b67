// The settings window: created on demand, one at a time, focused when asked again. A dock-less (LSUIElement) app
// has to steal focus explicitly or the window opens behind the frontmost app.
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog } from 'electron';
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
  /** The page reports unsaved edits; closing the window then asks Save / Discard / Cancel. */
  setUnsaved(unsaved: boolean): void;
  /**
   * Asked by before-quit (lifecycle.ts). True: nothing unsaved, the quit may go on. False: the same Save / Don't Save
   * / Cancel sheet is asked (once); Save (once the page saved) or Don't Save then calls app.quit() again, Cancel
   * leaves the app running.
   */
  mayQuit(): boolean;
}

/** The Electron pieces the settings window uses, injected (index.ts passes the real ones) for Node tests. */
export interface SettingsElectron {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly app: Pick<App, 'focus' | 'quit'>;
  readonly dialog: Pick<Dialog, 'showMessageBox'>;
}

export function createSettingsWindow(o: {
  electron: SettingsElectron;
  paths: AppPaths;
  logger: Logger;
  openExternal(url: string): void;
}): SettingsWindowController {
  const { BrowserWindow, app, dialog } = o.electron;
  let win: BrowserWindow | null = null;
  /** The current window has painted once; before that, showing it would flash an empty white window. */
  let ready = false;
  /** A focus request that waits for the page: it subscribes while it mounts, before 'ready-to-show'. */
  let pendingFocus: SettingsFocus | null = null;
  /** The page holds edits not saved yet (it says so through 'settings:unsaved'). */
  let unsaved = false;
  /** "Save" was chosen in the guard: once the page reports the save went through, close the window or quit. */
  let afterSave: 'close' | 'quit' | null = null;
  let asking = false;

  // Electron emits a window's 'close' before the page's beforeunload; preventDefault() keeps it open
  // (electron/electron docs/api/browser-window.md, event 'close'). The sheet is dialog.showMessageBox with the
  // window (docs/api/dialog.md): response is the button index, Esc answers cancelId.
  function guardClose(target: BrowserWindow, event: { preventDefault(): void }): void {
    if (!unsaved || win !== target) return;
    event.preventDefault();
    ask(target, 'close');
  }

  /**
   * The sheet, for closing the window or quitting the app. A quit must ask before anything closes: a window refusing
   * its 'close' during app.quit() cancels the whole quit (electron shell/browser/browser.cc OnWindowCloseCancelled),
   * after the core was already stopped; so the quit path asks from before-quit and quits again itself.
   */
  function ask(target: BrowserWindow, intent: 'close' | 'quit'): void {
    if (asking) return;
    asking = true;
    void dialog
      .showMessageBox(target, {
        type: 'warning',
        message: 'Save your changes to Hubwatch settings?',
        detail: "If you don't save, your unsaved hosts and credentials are lost.",
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
      })
      .then(({ response }) => {
        asking = false;
        if (target.isDestroyed()) return;
        if (response === 0) {
          afterSave = intent;
          target.webContents.send('settings:save-before-close', null);
        } else if (response === 1) {
          unsaved = false;
          // destroy(), not close(): it skips 'close' and the page's beforeunload (browser-window.md, win.destroy()).
          target.destroy();
          if (intent === 'quit') app.quit();
        }
      })
      .catch((error: unknown) => {
        asking = false;
        o.logger.error('close guard dialog failed', {
          error: error instanceof Error ? error.message : 'unknown',
        });
      });
  }

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
    created.on('close', (event) => guardClose(created, event));
    created.on('closed', () => {
      if (win !== created) return;
      win = null;
      unsaved = false;
      afterSave = null;
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
    setUnsaved: (value) => {
      unsaved = value;
      if (value) {
        // A Save from the guard that failed (e.g. a field to fix): the window stays, and a later save must not
        // close it (or quit) by surprise.
        afterSave = null;
        return;
      }
      const then = afterSave;
      afterSave = null;
      if (then === null || win === null || win.isDestroyed()) return;
      if (then === 'close') win.close();
      else app.quit();
    },
    mayQuit: () => {
      if (!unsaved || win === null || win.isDestroyed()) return true;
      // Bring the window forward: the quit may come from the tray or the popover while settings is behind.
      if (!asking) {
        if (win.isMinimized()) win.restore();
        win.show();
        app.focus({ steal: true });
      }
      ask(win, 'quit');
      return false;
    },
  };
}
