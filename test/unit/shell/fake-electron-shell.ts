// Hand-written stand-ins for the Electron objects the POPOVER window tests use. The tray, notifier and settings-window
// unit tests already run on the strict Electron model (test/support/electron-model); these are next to move. They
// are injected into the real modules (nothing here or in the tests imports `electron`), record what was asked of
// them, and throw like Electron does when a destroyed window is touched, so a "used after destroy" bug fails a test
// instead of a Mac.
import { vi } from 'vitest';
import type { Rect } from '../../../src/main/shell/position';

type Listener = (...args: unknown[]) => unknown;

class FakeEmitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): void {
    const all = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      all.filter((l) => !l.once),
    );
    for (const l of all) l.fn(...args);
  }
}

/** An event whose default can be prevented, like Electron's navigation / close / input events. */
export function preventable<T extends object>(fields: T): T & { prevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

type OpenHandler = (details: { url: string }) => { action: string };

class FakeWebContents extends FakeEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  openHandler: OpenHandler | null = null;
  devToolsOpened = false;
  reloads = 0;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }
  isDestroyed(): boolean {
    return false;
  }
  /** Every webContents.send(channel, payload), in order. */
  readonly sent: [string, unknown][] = [];
  send(channel: string, payload?: unknown): void {
    this.sent.push([channel, payload]);
  }
  reload(): void {
    this.reloads += 1;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** Make the next loadURL calls reject with this error. */
  static loadError: Error | null = null;
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  readonly loadedUrls: string[] = [];
  readonly positions: [number, number, boolean | undefined][] = [];
  readonly allWorkspaces: [boolean, unknown][] = [];
  visible: boolean;
  minimized = false;
  destroyed = false;
  size: [number, number];

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.visible = options['show'] !== false;
    this.size = [Number(options['width'] ?? 800), Number(options['height'] ?? 600)];
    FakeBrowserWindow.instances.push(this);
  }

  private use(name: string): void {
    if (this.destroyed) throw new TypeError(`Object has been destroyed (${name})`);
    this.calls.push(name);
  }
  get webPreferences(): Record<string, unknown> {
    return this.options['webPreferences'] as Record<string, unknown>;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    this.use('isVisible');
    return this.visible;
  }
  isMinimized(): boolean {
    this.use('isMinimized');
    return this.minimized;
  }
  show(): void {
    this.use('show');
    this.visible = true;
  }
  hide(): void {
    this.use('hide');
    this.visible = false;
  }
  focus(): void {
    this.use('focus');
  }
  restore(): void {
    this.use('restore');
    this.minimized = false;
  }
  getSize(): number[] {
    this.use('getSize');
    return [...this.size];
  }
  setPosition(x: number, y: number, animate?: boolean): void {
    this.use('setPosition');
    this.positions.push([x, y, animate]);
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: unknown): void {
    this.use('setVisibleOnAllWorkspaces');
    this.allWorkspaces.push([visible, options]);
  }
  loadURL(url: string): Promise<void> {
    this.use('loadURL');
    this.loadedUrls.push(url);
    return FakeBrowserWindow.loadError ? Promise.reject(FakeBrowserWindow.loadError) : Promise.resolve();
  }
  reload(): void {
    this.use('reload');
  }
  /** Like Electron: 'close' may be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    this.use('close');
    const event = preventable({});
    this.emit('close', event);
    if (event.prevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
  destroy(): void {
    this.use('destroy');
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export interface FakeDisplay {
  readonly bounds: Rect;
  readonly workArea: Rect;
}

export function fakeScreen(displays: FakeDisplay[], primary: FakeDisplay = displays[0] as FakeDisplay) {
  return { getAllDisplays: () => displays, getPrimaryDisplay: () => primary };
}

/** The context-menu actions, all recorded. */
export function menuActions() {
  return {
    openSettings: vi.fn(),
    reconnectAll: vi.fn(),
    pauseOneHour: vi.fn(),
    pauseUntilTomorrow: vi.fn(),
    resumeNotifications: vi.fn(),
    quit: vi.fn(),
  };
}

/** What every Hubwatch window must be created with (windows-security.ts), for `toMatchObject`. */
export function hardenedWebPreferences(preload: string) {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    preload,
  };
}
