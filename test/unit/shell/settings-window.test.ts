// The settings window against the strict Electron model's BrowserWindow (test/support/electron-model): created
// only after ready, loadURL really loads (did-finish-load → ready-to-show on later ticks) or fails.
import { describe, expect, it, vi } from 'vitest';
import { resolveAppPaths } from '../../../src/main/shell/app-paths';
import { createSettingsWindow, type SettingsElectron } from '../../../src/main/shell/settings-window';
import {
  createElectronModel,
  preventable,
  type ModelBrowserWindow,
} from '../../support/electron-model/index';
import { hardenedWebPreferences } from '../../support/shell-expectations';

const paths = resolveAppPaths(
  'file:///Applications/Hubwatch.app/Contents/Resources/app.asar/out/main/index.js',
  undefined,
);

function setup(o: { loadFailure?: Error } = {}) {
  const model = createElectronModel();
  model.app.launch();
  model.state.loadFailure = o.loadFailure ?? null;
  const app = { focus: vi.fn() };
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const openExternal = vi.fn();
  const electron = { BrowserWindow: model.electron.BrowserWindow, app } as unknown as SettingsElectron;
  const settings = createSettingsWindow({ electron, paths, logger, openExternal });
  const windows = model.windows();
  return { settings, app, logger, openExternal, windows };
}

describe('settings window', () => {
  it('is created on demand, not at start-up', () => {
    const { settings, windows } = setup();
    expect(windows).toHaveLength(0);
    expect(settings.current()).toBeNull();
    expect(() => settings.close()).not.toThrow();
  });

  it('opens hidden with the hardened webPreferences and shows, stealing focus, once ready', () => {
    const { settings, app, windows } = setup();
    settings.open();
    expect(windows).toHaveLength(1);
    const win = windows[0] as ModelBrowserWindow;
    expect(settings.current()).toBe(win);
    expect(win.options).toMatchObject({ show: false, title: 'Hubwatch Settings' });
    expect(win.webPreferences).toMatchObject(
      hardenedWebPreferences(
        '/Applications/Hubwatch.app/Contents/Resources/app.asar/out/preload/settings.cjs',
      ),
    );
    expect(win.loadedUrls).toEqual([paths.pageUrl('settings')]);
    expect(win.isVisible()).toBe(false); // no white flash before the page has painted
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
    // A dock-less app's window opens behind the frontmost app unless it takes focus explicitly.
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
  });

  it('a "Fix…" focus request reaches the page once it can listen, and again for an open window', () => {
    const { settings, windows } = setup();
    settings.open({ hostId: 'farm-1', field: 'credentials' });
    const win = windows[0] as ModelBrowserWindow;
    expect(win.webContents.sent).toEqual([]); // the page is not listening yet
    win.emit('ready-to-show');
    expect(win.webContents.sent).toEqual([
      { channel: 'settings:focus-host', payload: { hostId: 'farm-1', field: 'credentials' } },
    ]);
    settings.open({ hostId: 'farm-2', field: 'credentials' });
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: 'settings:focus-host',
      payload: { hostId: 'farm-2', field: 'credentials' },
    });
    settings.open();
    expect(win.webContents.sent).toHaveLength(2);
  });

  it('is a single instance: opening again restores and focuses the existing window', () => {
    const { settings, app, windows } = setup();
    settings.open();
    const win = windows[0] as ModelBrowserWindow;
    win.emit('ready-to-show');
    win.minimized = true;
    app.focus.mockClear();
    settings.open();
    expect(windows).toHaveLength(1);
    expect(win.minimized).toBe(false);
    expect(win.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
    expect(win.loadedUrls).toHaveLength(1); // not reloaded: unsaved edits survive
  });

  it('opening again while the page still loads does not show an empty window early', () => {
    const { settings, app, windows } = setup();
    settings.open();
    settings.open();
    const win = windows[0] as ModelBrowserWindow;
    expect(windows).toHaveLength(1);
    expect(win.isVisible()).toBe(false);
    expect(app.focus).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
  });

  it('once closed, the next open creates a fresh window', () => {
    const { settings, windows } = setup();
    settings.open();
    const first = windows[0] as ModelBrowserWindow;
    settings.close();
    expect(first.isDestroyed()).toBe(true);
    expect(settings.current()).toBeNull();
    settings.open();
    expect(windows).toHaveLength(2);
    expect(settings.current()).toBe(windows[1]);
    expect(settings.current()?.isDestroyed()).toBe(false);
  });

  it('a late "closed" from an old window does not forget the new one', () => {
    const { settings, windows } = setup();
    settings.open();
    const old = windows[0] as ModelBrowserWindow;
    old.destroyed = true; // destroyed, its 'closed' event not yet delivered
    settings.open();
    const fresh = windows[1] as ModelBrowserWindow;
    old.emit('closed');
    expect(settings.current()).toBe(fresh);
    settings.open();
    expect(windows).toHaveLength(2);
  });

  it('blocks navigation away from its page and denies window.open', () => {
    const { settings, windows, openExternal } = setup();
    settings.open();
    const contents = (windows[0] as ModelBrowserWindow).webContents;
    const ours = preventable({ url: paths.pageUrl('settings') });
    contents.emit('will-navigate', ours);
    expect(ours.defaultPrevented).toBe(false);
    for (const url of [paths.pageUrl('popover'), 'https://evil.example/', 'file:///etc/passwd']) {
      const event = preventable({ url });
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(contents.openHandler?.({ url: 'http://github.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    // Only the allow-listed https link reached the browser.
    expect(openExternal.mock.calls).toEqual([['https://github.com/']]);
  });

  it('logs a failed page load without an unhandled rejection, and the next open still shows the window', async () => {
    const { settings, logger, windows } = setup({ loadFailure: new Error('ERR_ABORTED') });
    settings.open();
    await vi.waitFor(() =>
      expect(logger.error).toHaveBeenCalledWith('settings page failed to load', { error: 'ERR_ABORTED' }),
    );
    // No 'ready-to-show' comes after a failed load: "Settings…" must not become a silent no-op.
    settings.open();
    expect((windows[0] as ModelBrowserWindow).isVisible()).toBe(true);
  });
});
