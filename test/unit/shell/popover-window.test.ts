// The popover window against the strict Electron model: show() focuses and hide() blurs a focused window, as on
// macOS, so the blur-after-hide the toggle guard must ignore comes from the model, not from the test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLUR_CLICK_WINDOW_MS } from '../../../src/main/shell/popover-toggle';
import { preventable } from '../../support/electron-model/index';
import { hardenedWebPreferences } from '../../support/shell-expectations';
import { paths, setupPopover as setup, trayOnBuiltIn } from './popover-fixture';

afterEach(() => {
  vi.useRealTimers();
});

describe('popover window: creation', () => {
  it('is created once, hidden, frameless, off the taskbar, on top, with the hardened webPreferences', () => {
    const { win, popover, model } = setup();
    expect(model.windows()).toHaveLength(1);
    expect(popover.window).toBe(win);
    expect(win.options).toMatchObject({
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
    });
    expect(win.webPreferences).toMatchObject(
      hardenedWebPreferences(
        '/Applications/Hubwatch.app/Contents/Resources/app.asar/out/preload/popover.cjs',
      ),
    );
    expect(win.webPreferences['nodeIntegrationInSubFrames']).toBeFalsy();
    expect(win.webPreferences['webviewTag']).toBeFalsy();
    expect(win.isVisible()).toBe(false);
    expect(popover.isVisible()).toBe(false);
    expect(win.loadedUrls).toEqual([paths.pageUrl('popover')]);
  });

  it('is visible on every Space, including over full-screen apps', () => {
    const { win } = setup();
    expect(win.allWorkspaces).toEqual([[true, expect.objectContaining({ visibleOnFullScreen: true })]]);
  });

  it('logs a failed page load without the error escaping as an unhandled rejection', async () => {
    const { logger } = setup({ loadFailure: new Error('ERR_FILE_NOT_FOUND') });
    await vi.waitFor(() =>
      expect(logger.error).toHaveBeenCalledWith('popover page failed to load', {
        error: 'ERR_FILE_NOT_FOUND',
      }),
    );
  });
});

describe('popover window: hardening', () => {
  it('blocks navigation away from our page and sends only allow-listed https links to the browser', () => {
    const { win, openExternal } = setup();
    const ours = preventable({ url: paths.pageUrl('popover') });
    win.webContents.emit('will-navigate', ours);
    expect(ours.defaultPrevented).toBe(false);
    const evil = preventable({ url: 'https://evil.example/phish' });
    win.webContents.emit('will-navigate', evil);
    expect(evil.defaultPrevented).toBe(true);
    const docs = preventable({ url: 'https://github.com/Parallels/prl-devops-service' });
    win.webContents.emit('will-navigate', docs);
    expect(docs.defaultPrevented).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://github.com/Parallels/prl-devops-service']]);
    // The settings page is ours too, but not this window's.
    const settingsPage = preventable({ url: paths.pageUrl('settings') });
    win.webContents.emit('will-navigate', settingsPage);
    expect(settingsPage.defaultPrevented).toBe(true);
  });

  it('denies every window.open and blocks webviews and redirects elsewhere', () => {
    const { win, openExternal } = setup();
    const handler = win.webContents.openHandler;
    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://docs.parallels.com/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.parallels.com/']]);
    const webview = preventable({});
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
    const redirect = preventable({ url: 'http://127.0.0.1:9/' });
    win.webContents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
  });
});

describe('popover window: position', () => {
  it('hangs centred under the tray icon, inside the work area below the menu bar', () => {
    const { popover, win } = setup();
    popover.show(trayOnBuiltIn);
    // x: icon centre 1211 - 380/2; y: work-area top 25 + 4 px margin.
    expect(win.positions).toEqual([[1021, 29, false]]);
    // Positioned before it appears (no visible jump), then focused so a click elsewhere blurs it.
    expect(win.calls.filter((c) => ['setPosition', 'show', 'focus'].includes(c))).toEqual([
      'setPosition',
      'show',
      'focus',
    ]);
    expect(win.isVisible()).toBe(true);
  });

  it('uses the display the tray is on and the window’s current size', () => {
    const { popover, win } = setup();
    win.setSize(400, 600);
    popover.show({ x: 3900, y: -200, width: 24, height: 30 });
    // Clamped to the external display's right edge (1440 + 2560 - 400 - 4), under its taller menu bar.
    expect(win.positions.at(-1)).toEqual([3596, -166, false]);
  });

  it('without tray bounds, opens at the top right of the primary display', () => {
    const { popover, win } = setup();
    popover.show(null);
    expect(win.positions).toEqual([[1440 - 380 - 4, 29, false]]);
  });
});

describe('popover window: toggle, blur and Esc', () => {
  it('a tray click shows it, the next one hides it', () => {
    const { popover, win } = setup();
    popover.toggle(trayOnBuiltIn);
    expect(popover.isVisible()).toBe(true);
    expect(win.positions).toHaveLength(1);
    popover.toggle(trayOnBuiltIn);
    expect(popover.isVisible()).toBe(false);
  });

  it('the tray click that caused the blur-hide does not reopen it; a later click does', () => {
    const { popover, win, advance } = setup();
    popover.toggle(trayOnBuiltIn);
    win.userBlur(); // macOS delivers the blur before the click on the status item
    expect(popover.isVisible()).toBe(false);
    advance(BLUR_CLICK_WINDOW_MS / 3);
    popover.toggle(trayOnBuiltIn);
    expect(popover.isVisible()).toBe(false);
    advance(BLUR_CLICK_WINDOW_MS / 3);
    popover.toggle(trayOnBuiltIn); // the guard is consumed: a deliberate re-click opens
    expect(popover.isVisible()).toBe(true);
  });

  it('clicking elsewhere hides it, and a tray click long after reopens it', () => {
    const { popover, win, advance } = setup();
    popover.show(trayOnBuiltIn);
    win.userBlur();
    expect(popover.isVisible()).toBe(false);
    advance(BLUR_CLICK_WINDOW_MS + 1);
    popover.toggle(trayOnBuiltIn);
    expect(popover.isVisible()).toBe(true);
  });

  it('the blur that follows its own hide (Esc, tray click) does not swallow the next tray click', () => {
    const { popover, win, advance } = setup();
    const blurs = vi.fn();
    win.on('blur', blurs);
    popover.show(trayOnBuiltIn);
    expect(win.webContents.pressKey('Escape')).toBe(true);
    expect(blurs).toHaveBeenCalledTimes(1); // Electron emits blur after hiding the focused window
    advance(BLUR_CLICK_WINDOW_MS / 3);
    popover.toggle(trayOnBuiltIn);
    expect(popover.isVisible()).toBe(true);
    popover.toggle(trayOnBuiltIn); // visible: this click hides it…
    expect(blurs).toHaveBeenCalledTimes(2);
    advance(BLUR_CLICK_WINDOW_MS / 3);
    popover.toggle(trayOnBuiltIn); // …and this one reopens it
    expect(popover.isVisible()).toBe(true);
  });

  it('stays open on blur while DevTools are open', () => {
    const { popover, win } = setup();
    popover.show(null);
    win.webContents.devToolsOpened = true;
    win.userBlur();
    expect(popover.isVisible()).toBe(true);
  });

  it('Esc (key down) hides it and is consumed; other keys are left to the page', () => {
    const { popover, win } = setup();
    popover.show(null);
    const other = preventable({});
    win.webContents.emit('before-input-event', other, { type: 'keyDown', key: 'a' });
    const escUp = preventable({});
    win.webContents.emit('before-input-event', escUp, { type: 'keyUp', key: 'Escape' });
    expect(popover.isVisible()).toBe(true);
    expect(other.defaultPrevented || escUp.defaultPrevented).toBe(false);
    const esc = preventable({});
    win.webContents.emit('before-input-event', esc, { type: 'keyDown', key: 'Escape' });
    expect(esc.defaultPrevented).toBe(true);
    expect(popover.isVisible()).toBe(false);
  });
});
