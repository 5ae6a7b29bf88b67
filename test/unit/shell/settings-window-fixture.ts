// The settings window on the strict Electron model, opened and painted, for the close-guard and quit-guard tests.
// `withLifecycle` also installs the app's quit path (shell/lifecycle.ts) with a core whose stop is recorded.
import { vi } from 'vitest';
import { resolveAppPaths } from '../../../src/main/shell/app-paths';
import { setupLifecycle } from '../../../src/main/shell/lifecycle';
import { createSettingsWindow, type SettingsElectron } from '../../../src/main/shell/settings-window';
import { createElectronModel, type ModelBrowserWindow } from '../../support/electron-model/index';

const paths = resolveAppPaths(
  'file:///Applications/Hubwatch.app/Contents/Resources/app.asar/out/main/index.js',
  undefined,
);

export function openSettingsWindow(o: { withLifecycle?: boolean } = {}) {
  const model = createElectronModel();
  const stop = vi.fn(() => Promise.resolve());
  let settings: ReturnType<typeof createSettingsWindow> | null = null;
  if (o.withLifecycle === true) {
    // As index.ts does: installed before ready, asking the settings window whether the app may quit now.
    setupLifecycle(model.electron.app as unknown as Parameters<typeof setupLifecycle>[0], {
      stop,
      onQuitting: () => undefined,
      mayQuit: () => settings?.mayQuit() ?? true,
    });
  }
  model.app.launch();
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const electron = {
    BrowserWindow: model.electron.BrowserWindow,
    app: model.electron.app,
    dialog: model.electron.dialog,
  } as unknown as SettingsElectron;
  settings = createSettingsWindow({ electron, paths, logger, openExternal: vi.fn() });
  settings.open();
  const win = model.windows()[0] as ModelBrowserWindow;
  win.emit('ready-to-show');
  return { settings, win, model, stop };
}

/** Lets the dialog's promise chain run (no timers involved). */
export const settle = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
