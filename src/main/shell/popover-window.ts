// The popover: a frameless window created hidden at start, positioned from the tray on every show, hidden on blur
// (with the tray-click race handled) and on Esc. State pushes are coalesced to one per frame and skipped while
// hidden; showing it sends what changed since the page's last push or pull (a snapshot the page pulled while
// hidden is the base: adoptPulledState), or the whole snapshot when the page holds nothing to build on.
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Screen } from 'electron';
import type { VmRef } from '../../shared/ipc';
import type { NotificationHealth, Snapshot } from '../../shared/model';
import { createPushCoalescer } from '../ipc/push-coalescer';
import { createStatePusher } from '../ipc/push-deltas';
import type { AppCore } from '../core/ports';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { AppPaths } from './app-paths';
import { isOurPageUrl, type Pusher } from './ipc';
import { createCrashLimiter } from './crash-limit';
import { createToggleGuard } from './popover-toggle';
import { popoverPosition, type DisplayInfo } from './position';
import { hardenWebContents } from './windows-security';

const WIDTH = 380;
const HEIGHT = 560;

/** The Electron pieces the popover uses, injected (index.ts passes the real ones) so Node tests drive it with fakes. */
export interface PopoverElectron {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
}

export interface PopoverController {
  readonly window: BrowserWindow;
  /** Show under the tray icon (null bounds: top-right of the primary display). */
  show(trayBounds: Rectangle | null): void;
  hide(): void;
  /** A tray click: show, hide, or nothing (the click that caused the blur-hide). */
  toggle(trayBounds: Rectangle | null): void;
  isVisible(): boolean;
  /** Show the popover and scroll to a VM (notification click). */
  focusVm(ref: VmRef, trayBounds: Rectangle | null): void;
  /** The page missed a push ('state:resync'): send it a full snapshot now. */
  resyncState(): void;
  /**
   * The page pulled `snapshot` (with the core's VM cursor of that moment): the next push builds on it. Its push
   * generation, or null when pushes already went to this page (ipc/push-deltas.ts adopt).
   */
  adoptPulledState(snapshot: Snapshot, vmCursor: number): number | null;
  dispose(): void;
}

function displayInfo(d: Electron.Display): DisplayInfo {
  return { bounds: d.bounds, workArea: d.workArea };
}

export function createPopoverWindow(o: {
  electron: PopoverElectron;
  paths: AppPaths;
  core: AppCore;
  push: Pusher;
  clock: Clock;
  logger: Logger;
  openExternal(url: string): void;
  isQuitting(): boolean;
  /** The renderer kept crashing and is no longer reloaded: the shell tells the user. */
  onRendererGaveUp?(): void;
  /** Whether notifications work, carried by the pushes (the full snapshot from `core` already has it). */
  notificationHealth?(): NotificationHealth | undefined;
}): PopoverController {
  const { BrowserWindow, screen } = o.electron;
  const win = new BrowserWindow({
    width: WIDTH,
    height: HEIGHT,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hasShadow: true,
    // Alpha in backgroundColor is honoured only with transparent: true (electron
    // docs/api/structures/base-window-options.md); without it the window is opaque and may flash black.
    transparent: true,
    backgroundColor: '#00000000',
    // The system popover material behind the page's translucent background.
    vibrancy: 'popover',
    // An NSPanel gets key focus without activating the app (electron shell/browser/native_window_mac.mm Show():
    // "Panels receive key focus when shown but should not activate the app"), so hiding it leaves the user in the
    // app they were using; it also floats over full-screen apps.
    type: 'panel',
    webPreferences: {
      preload: o.paths.preload('popover'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      backgroundThrottling: true,
    },
  });
  win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
  hardenWebContents(win.webContents, {
    isOurUrl: (url) => isOurPageUrl(url, 'popover', o.paths.renderer),
    openExternal: o.openExternal,
    logger: o.logger,
  });

  let loaded = false;
  const pendingFocus: VmRef[] = [];
  const guard = createToggleGuard(() => o.clock.now());
  // What changed since the last push, or everything when the page has nothing to build on (shared/state-push.ts).
  const pusher = createStatePusher({
    view: o.core.view,
    snapshot: () => o.core.snapshot(),
    ...(o.notificationHealth ? { notificationHealth: () => o.notificationHealth?.() } : {}),
  });
  const coalescer = createPushCoalescer({
    produce: () => pusher.next(),
    send: (payload) => void o.push('popover', 'state:changed', payload),
    schedule: (run, delayMs) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
    isActive: () => loaded && !win.isDestroyed() && win.isVisible(),
  });
  const offCore = o.core.onChange(() => coalescer.notify());

  win.webContents.on('did-finish-load', () => {
    loaded = true;
    coalescer.flushNow();
    for (const ref of pendingFocus.splice(0)) o.push('popover', 'popover:focus-vm', ref);
  });
  win.webContents.on('did-start-loading', () => {
    loaded = false;
    pusher.reset(); // a (re)loading page holds nothing: its first push is a full snapshot
  });
  const crashes = createCrashLimiter(() => o.clock.now());
  win.webContents.on('render-process-gone', (_event, details) => {
    loaded = false;
    if (!crashes.allowReload()) {
      o.logger.error('popover renderer keeps crashing; not reloading', { reason: details.reason });
      if (!win.isDestroyed()) win.hide();
      o.onRendererGaveUp?.();
      return;
    }
    o.logger.error('popover renderer gone; reloading', { reason: details.reason });
    if (!win.isDestroyed()) win.reload();
  });
  win.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape') {
      event.preventDefault();
      hide();
    }
  });
  win.on('blur', () => {
    // Hiding a focused window (Esc, a tray click, hide()) also emits 'blur', after it is already hidden: that is
    // not a blur-hide, and arming the guard then would swallow a quick tray click meant to reopen it.
    if (win.isDestroyed() || !win.isVisible() || win.webContents.isDevToolsOpened()) return;
    guard.noteHiddenByBlur();
    hide();
  });
  win.on('close', (event) => {
    // Cmd+W or a crash-restart must not destroy the popover: only quitting does.
    if (!o.isQuitting()) {
      event.preventDefault();
      hide();
    }
  });
  void win.loadURL(o.paths.pageUrl('popover')).catch((error: unknown) => {
    o.logger.error('popover page failed to load', {
      error: error instanceof Error ? error.message : 'unknown',
    });
  });

  function hide(): void {
    if (win.isDestroyed()) return;
    win.hide();
  }

  function show(trayBounds: Rectangle | null): void {
    if (win.isDestroyed()) return;
    const [width = WIDTH, height = HEIGHT] = win.getSize();
    const position = popoverPosition({
      trayBounds: trayBounds ?? { x: 0, y: 0, width: 0, height: 0 },
      windowSize: { width, height },
      displays: screen.getAllDisplays().map(displayInfo),
      primary: displayInfo(screen.getPrimaryDisplay()),
    });
    win.setPosition(position.x, position.y, false);
    win.show();
    win.focus();
    coalescer.flushNow(); // what changed since the page's pull or last push (full when it holds nothing)
  }

  return {
    window: win,
    show,
    hide,
    toggle(trayBounds) {
      const decision = guard.onTrayClick(!win.isDestroyed() && win.isVisible());
      if (decision === 'show') show(trayBounds);
      else if (decision === 'hide') hide();
    },
    isVisible: () => !win.isDestroyed() && win.isVisible(),
    focusVm(ref, trayBounds) {
      show(trayBounds);
      if (loaded) o.push('popover', 'popover:focus-vm', ref);
      else pendingFocus.push(ref);
    },
    resyncState() {
      pusher.reset();
      coalescer.flushNow();
    },
    adoptPulledState: (snapshot, vmCursor) => pusher.adopt(snapshot, vmCursor),
    dispose() {
      offCore();
      coalescer.dispose();
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
