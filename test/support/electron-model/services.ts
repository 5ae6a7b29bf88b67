// The main-process service modules the shell touches: screen, session, safeStorage, powerMonitor, ipcMain, net,
// shell. Every member of screen, session, safeStorage and powerMonitor is behind the ready gate; unknown members
// throw. screen and session really wait for ready (docs/api/screen.md "cannot be used until the ready event",
// docs/api/session.md). safeStorage and powerMonitor are gated STRICTER than a Mac on purpose: on macOS
// safeStorage answers before ready (docs/api/safe-storage.md isEncryptionAvailable), but Linux/Windows do not, and
// powerMonitor creates its native source on the first listener whenever that is (lib/browser/api/power-monitor.ts,
// whose own comment says it should wait for ready); the product has no reason to touch either before ready.
import { EventEmitter } from 'node:events';
import { strict, type ModelState } from './state';

/** Wrap a module so each member access checks the ready gate first, then the strict member check. */
function gated<T extends object>(state: ModelState, target: T, name: string): T {
  const inner = strict(target, name);
  return new Proxy(inner, {
    get(obj, prop, receiver) {
      if (typeof prop === 'string' && prop !== 'then') state.requireReady(`${name}.${prop}`);
      return Reflect.get(obj, prop, receiver) as unknown;
    },
  });
}

export function createScreen(state: ModelState) {
  const display = (d: ModelState['config']['displays'][number]) => ({
    id: d.id,
    bounds: { ...d.bounds },
    workArea: { ...d.workArea },
    scaleFactor: 2,
    size: { width: d.bounds.width, height: d.bounds.height },
    workAreaSize: { width: d.workArea.width, height: d.workArea.height },
    rotation: 0,
    internal: d.primary === true,
  });
  const emitter = new EventEmitter();
  return gated(
    state,
    Object.assign(emitter, {
      getAllDisplays: () => state.config.displays.map(display),
      getPrimaryDisplay: () => {
        const primary = state.config.displays.find((d) => d.primary) ?? state.config.displays[0];
        if (!primary) throw new Error('electron-model: no display configured');
        return display(primary);
      },
    }),
    'screen',
  );
}

export function createSession(state: ModelState) {
  const defaultSession = strict(
    {
      permissionRequestHandler: null as unknown,
      permissionCheckHandler: null as unknown,
      setPermissionRequestHandler(handler: unknown) {
        state.calls.push('session.defaultSession.setPermissionRequestHandler');
        defaultSession.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: unknown) {
        defaultSession.permissionCheckHandler = handler;
      },
    },
    'Session',
  );
  return gated(state, { defaultSession }, 'session');
}

const MAGIC = Buffer.from('v10');

export function createSafeStorage(state: ModelState) {
  return gated(
    state,
    {
      isEncryptionAvailable: () => state.config.encryptionAvailable,
      encryptString(plain: string): Buffer {
        if (!state.config.encryptionAvailable) throw new Error('Error while encrypting the text provided');
        return Buffer.concat([MAGIC, Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
      },
      decryptString(cipher: Buffer): string {
        if (!cipher.subarray(0, 3).equals(MAGIC))
          throw new Error('Error while decrypting the ciphertext provided');
        return Buffer.from(cipher.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
      },
    },
    'safeStorage',
  );
}

export function createPowerMonitor(state: ModelState) {
  return gated(state, new EventEmitter(), 'powerMonitor');
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export function createIpcMain(state: ModelState) {
  const handlers = new Map<string, Handler>();
  const emitter = Object.assign(new EventEmitter(), {
    handlers,
    handle(channel: string, handler: Handler) {
      state.calls.push('ipcMain.handle');
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  });
  return strict(emitter, 'ipcMain');
}

export function createNet(online: () => boolean) {
  return strict({ isOnline: online }, 'net');
}

export function createShell(state: ModelState) {
  const opened: string[] = [];
  return strict(
    {
      opened,
      async openExternal(url: string) {
        state.calls.push('shell.openExternal');
        opened.push(url);
      },
      async openPath(): Promise<string> {
        return '';
      },
    },
    'shell',
  );
}
