// BrowserWindow and WebContents with the macOS behaviour the shell depends on: windows cannot exist before ready,
// loadURL emits did-start-loading → did-finish-load → ready-to-show on later ticks, show() of a normal window
// activates the app while a 'panel' does not (shell/browser/native_window_mac.mm Show()), hide() never deactivates
// it, and a translucent backgroundColor without `transparent: true` is a recorded violation
// (docs/api/structures/base-window-options.md, backgroundColor).
import { EventEmitter } from 'node:events';
import { strict, type ModelState } from './state';

type Options = Record<string, unknown> & { webPreferences?: Record<string, unknown> };

/**
 * An event whose default can be prevented, as Electron passes to close / input / navigation listeners; `fields`
 * are the event's own (e.g. `url` of will-navigate).
 */
export function preventable<T extends object = object>(
  fields: T = {} as T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextContentsId = 1;

export class ModelWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  url = '';
  reloads = 0;
  devToolsOpened = false;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  constructor(private readonly owner: ModelBrowserWindow) {
    super();
  }
  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('WebContents.send: Object has been destroyed');
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    this.reloads += 1;
    this.owner.loadURL(this.url).catch(() => undefined);
  }
  /** Test control: the renderer process dies (docs/api/web-contents.md 'render-process-gone'). */
  crash(reason = 'crashed'): void {
    this.emit('render-process-gone', preventable(), { reason, exitCode: 139 });
  }
  /** Test control: a key press reaches the page (before-input-event, preventable). */
  pressKey(key: string): boolean {
    const event = preventable();
    this.emit('before-input-event', event, { type: 'keyDown', key, control: false, meta: false });
    return event.defaultPrevented;
  }
}

export class ModelBrowserWindow extends EventEmitter {
  static all: ModelBrowserWindow[] = [];
  readonly webContents: ModelWebContents;
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;
  position: [number, number] = [0, 0];
  /** Every member the product called, in order (for tests of call order, e.g. restore → show → focus). */
  readonly calls: string[] = [];
  readonly loadedUrls: string[] = [];
  /** Every setPosition(x, y, animate) asked for, in order. */
  readonly positions: [number, number, boolean | undefined][] = [];
  /** Every setVisibleOnAllWorkspaces(visible, options) asked for, in order. */
  readonly allWorkspaces: [boolean, unknown][] = [];
  private size: [number, number];

  constructor(
    private readonly state: ModelState,
    readonly options: Options,
  ) {
    super();
    state.requireReady('BrowserWindow');
    state.calls.push('new BrowserWindow');
    this.size = [Number(options['width'] ?? 800), Number(options['height'] ?? 600)];
    const color = options['backgroundColor'];
    if (
      typeof color === 'string' &&
      /^#[0-9a-f]{8}$/i.test(color) &&
      !/^#ff/i.test(color) &&
      !options['transparent']
    )
      state.violate('alpha-needs-transparent', `backgroundColor ${color} without transparent: true`);
    this.webContents = strict(new ModelWebContents(this), 'WebContents');
    ModelBrowserWindow.all.push(this);
  }

  get isPanel(): boolean {
    return this.options['type'] === 'panel';
  }

  private alive(member: string): void {
    if (this.destroyed) throw new Error(`BrowserWindow.${member}: Object has been destroyed`);
    this.calls.push(member);
  }

  get webPreferences(): Record<string, unknown> {
    return this.options.webPreferences ?? {};
  }

  async loadURL(url: string): Promise<void> {
    this.alive('loadURL');
    this.loadedUrls.push(url);
    this.webContents.url = url;
    await Promise.resolve();
    // Test control: the page fails to load (e.g. ERR_ABORTED): loadURL rejects and no ready-to-show follows.
    if (this.state.loadFailure !== null) throw this.state.loadFailure;
    this.webContents.emit('did-start-loading');
    await new Promise((r) => setImmediate(r));
    if (this.destroyed) return;
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }
  show(): void {
    this.alive('show');
    const wasVisible = this.visible;
    this.visible = true;
    this.focused = true;
    // A panel receives key focus without activating the app; any other window activates it.
    if (!this.isPanel) this.state.appActive = true;
    if (!wasVisible) this.emit('show');
    this.emit('focus');
  }
  focus(): void {
    this.alive('focus');
    if (!this.visible) return;
    this.focused = true;
    if (!this.isPanel) this.state.appActive = true;
  }
  hide(): void {
    this.alive('hide');
    if (!this.visible) return;
    this.visible = false;
    const hadFocus = this.focused;
    this.focused = false;
    this.emit('hide');
    // Hiding does NOT deactivate the app: keystrokes keep going to it with no window to receive them.
    if (hadFocus) this.emit('blur');
  }
  close(): void {
    if (this.destroyed) return;
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (ModelBrowserWindow.all.every((w) => w.destroyed)) this.state.onAllWindowsClosed?.();
  }
  reload(): void {
    this.alive('reload');
    this.webContents.reload();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    this.alive('isVisible');
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    this.alive('isMinimized');
    return this.minimized;
  }
  restore(): void {
    this.alive('restore');
    this.minimized = false;
  }
  getSize(): number[] {
    this.alive('getSize');
    return [...this.size];
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: this.position[0], y: this.position[1], width: this.size[0], height: this.size[1] };
  }
  setSize(width: number, height: number): void {
    this.alive('setSize');
    this.size = [width, height];
  }
  setPosition(x: number, y: number, animate?: boolean): void {
    this.alive('setPosition');
    this.position = [x, y];
    this.positions.push([x, y, animate]);
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: unknown): void {
    this.alive('setVisibleOnAllWorkspaces');
    this.allWorkspaces.push([visible, options]);
  }

  // ---- user actions (test controls) ----

  /** The user clicks somewhere else: the window loses key status. */
  userBlur(): void {
    if (!this.focused) return;
    this.focused = false;
    this.emit('blur');
  }
}

export interface BrowserWindowConstructor {
  new (options: Options): ModelBrowserWindow;
  getAllWindows(): ModelBrowserWindow[];
}

export function createBrowserWindowClass(state: ModelState): BrowserWindowConstructor {
  return class BrowserWindow extends ModelBrowserWindow {
    constructor(options: Options) {
      super(state, options);
      // Tests must see the very object the product holds (identity), so the registry keeps the proxy.
      const proxy = strict(this, 'BrowserWindow');
      ModelBrowserWindow.all[ModelBrowserWindow.all.indexOf(this)] = proxy;
      return proxy;
    }
    static getAllWindows(): ModelBrowserWindow[] {
      return ModelBrowserWindow.all.filter((w) => !w.destroyed);
    }
  };
}
