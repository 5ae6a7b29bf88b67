// `app` as Electron 45 runs it on macOS: a ready gate (whenReady resolves after the entry module has finished
// evaluating), the default application menu installed at will-finish-launching unless the app set one
// (lib/browser/init.ts, lib/browser/default-menu.ts), `activate` on re-open (docs/api/app.md), focus/hide changing
// which app is frontmost, 'window-all-closed' quitting an app that does not listen to it (lib/browser/init.ts),
// before-quit → will-quit → quit with preventDefault honoured, and login items that may
// not take (macOS 13+ asks the user to approve: status 'requires-approval', docs/api/app.md getLoginItemSettings).
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { preventable, type ModelBrowserWindow } from './windows';
import type { MenuModule } from './tray';
import { strict, type ModelState } from './state';

const DEFAULT_MENU_TEMPLATE = [
  { role: 'appMenu' },
  { role: 'fileMenu' },
  { role: 'editMenu' },
  {
    role: 'viewMenu',
    submenu: [
      { role: 'reload', accelerator: 'CmdOrCtrl+R' },
      { role: 'toggleDevTools', accelerator: 'Alt+CmdOrCtrl+I' },
    ],
  },
  { role: 'windowMenu' },
];

export class ModelApp extends EventEmitter {
  private resolveReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private readonly paths = new Map<string, string>();
  private loginItem = { openAtLogin: false };
  /** Test control: make the next setLoginItemSettings not take (user approval pending). */
  loginItemNeedsApproval = false;
  quitState: 'running' | 'quitting' | 'quit' = 'running';
  exitCode: number | null = null;
  readonly dock = strict({ hide: () => this.state.calls.push('app.dock.hide') }, 'Dock');
  readonly defaultMenuTemplate = DEFAULT_MENU_TEMPLATE;

  constructor(
    private readonly state: ModelState,
    private readonly menu: MenuModule,
    private readonly windows: () => ModelBrowserWindow[],
  ) {
    super();
    // Electron's own listener, registered before the app's code runs (lib/browser/init.ts): quit when all windows
    // are closed and no one else listens. A menu-bar app must add its own listener or closing Settings quits it.
    this.on('window-all-closed', () => {
      if (this.listenerCount('window-all-closed') === 1) this.quit();
    });
    // Browser::OnWindowAllClosed (shell/browser/browser.cc): during a quit the quit itself goes on (will-quit);
    // otherwise the app hears 'window-all-closed'.
    state.onAllWindowsClosed = () => {
      if (this.quitState === 'running') this.emit('window-all-closed');
    };
  }

  get isPackaged(): boolean {
    return this.state.config.isPackaged;
  }
  requestSingleInstanceLock(): boolean {
    this.state.calls.push('app.requestSingleInstanceLock');
    return true;
  }
  whenReady(): Promise<void> {
    this.state.calls.push('app.whenReady');
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.state.ready;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? join(this.state.config.home, name);
  }
  setPath(name: string, path: string): void {
    if (this.state.ready && name === 'userData') throw new Error('electron-model: set userData before ready');
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.state.config.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    // Launched from out/main the app has no package.json of ours next to it: Electron falls back to "Electron".
    return this.state.config.appPath.endsWith('out/main') ? 'Electron' : 'Hubwatch';
  }
  focus(): void {
    this.state.appActive = true;
  }
  hide(): void {
    this.state.calls.push('app.hide');
    this.state.appActive = false;
    for (const w of this.windows()) if (!w.destroyed) w.visible = false;
  }
  isHidden(): boolean {
    return !this.state.appActive;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.state.calls.push('app.setLoginItemSettings');
    if (this.loginItemNeedsApproval) return;
    this.loginItem = { openAtLogin: settings.openAtLogin === true };
  }
  getLoginItemSettings(): {
    openAtLogin: boolean;
    wasOpenedAtLogin: boolean;
    status: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';
    executableWillLaunchAtLogin: boolean;
    launchItems: [];
  } {
    this.state.calls.push('app.getLoginItemSettings');
    const { openAtLogin } = this.loginItem;
    return {
      openAtLogin,
      wasOpenedAtLogin: false,
      status: this.loginItemNeedsApproval ? 'requires-approval' : openAtLogin ? 'enabled' : 'not-registered',
      executableWillLaunchAtLogin: openAtLogin,
      launchItems: [],
    };
  }
  /**
   * Electron's Browser::Quit() (shell/browser/browser.cc): ignored while a quit is already closing the windows
   * (`is_quitting_`); before-quit, which preventDefault() cancels; then every window is asked to close, newest first
   * on macOS (window_list.cc CloseAllWindows()), the others even when one refuses. A window whose 'close' is
   * prevented CANCELS THE QUIT (Browser::OnWindowCloseCancelled: "Once a beforeunload handler has prevented the
   * closing, we think the quit is cancelled too"; docs/api/app.md app.quit(): "a window cancels the quitting"), so
   * no will-quit follows. Only when all windows closed does will-quit → quit run (Browser::OnWindowAllClosed).
   */
  quit(): void {
    this.state.calls.push('app.quit');
    if (this.quitState !== 'running') return;
    const event = preventable();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitState = 'quitting';
    for (const w of [...this.windows()].reverse()) w.close();
    if (this.windows().some((w) => !w.destroyed)) {
      this.quitState = 'running';
      this.state.calls.push('app.quit cancelled by a window');
      return;
    }
    this.emit('will-quit', preventable());
    this.quitState = 'quit';
    this.emit('quit', preventable(), 0);
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.quitState = 'quit';
  }

  // ---- lifecycle and user actions (test controls) ----

  /** What Electron does after the entry module's first tick: will-finish-launching, default menu, ready. */
  launch(): void {
    this.emit('will-finish-launching');
    if (!this.menu.wasSet) {
      this.menu.setApplicationMenu(this.menu.buildFromTemplate(DEFAULT_MENU_TEMPLATE));
      this.menu.wasSet = false; // installed by Electron, not by the app
    }
    this.state.ready = true;
    this.emit('ready', {}, {});
    this.resolveReady();
  }
  /** The user opens the app again from Finder / Spotlight / Launchpad while it runs. */
  userReopen(): void {
    this.state.appActive = true;
    this.emit(
      'activate',
      {},
      this.windows().some((w) => w.visible),
    );
  }
}
