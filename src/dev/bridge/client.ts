// Browser side of the web preview bridge. Served as a classic script (transpiled at startup) and run before the
// page's module script, so `window.api` exists exactly as the Electron preload would expose it.
// Type-only imports: this file must compile to a standalone script with no imports.
import type { PopoverApi, PushChannel, PushMap, Result, SettingsApi } from '../../shared/ipc';
import type { BridgeInvoke, BridgeServerMessage } from './protocol';

(() => {
  const params = new URLSearchParams(location.search);
  const session = params.get('session') ?? '';
  const page = location.pathname.includes('settings') ? 'settings' : 'popover';
  const socketUrl = `ws://${location.host}/__bridge?page=${page}&session=${encodeURIComponent(session)}`;

  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<PushChannel, Set<(payload: unknown) => void>>();
  const queue: string[] = [];

  function connect(): void {
    const ws = new WebSocket(socketUrl);
    socket = ws;
    ws.onopen = () => {
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as BridgeServerMessage;
      if (message.t === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
      }
    };
    ws.onclose = () => {
      // Calls in flight are lost with the socket: settle them as errors rather than leave the UI waiting.
      for (const [id, settle] of pending) {
        settle({ ok: false, error: 'Preview bridge disconnected' });
        pending.delete(id);
      }
      socket = null;
      setTimeout(connect, 1000);
    };
  }

  function invoke<T>(channel: string, arg?: unknown): Promise<Result<T>> {
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (result: Result<unknown>) => void);
      const frame: BridgeInvoke = { t: 'invoke', id, channel, arg };
      const text = JSON.stringify(frame);
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    });
  }

  function on<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): () => void {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    const wrapped = (payload: unknown): void => listener(payload as PushMap[C]);
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  const popoverApi: PopoverApi = {
    getSnapshot: (request) => invoke('vm:snapshot', request),
    getSnapshotSlice: (request) => invoke('vm:snapshot-slice', request),
    requestFullState: () => invoke('state:resync'),
    runAction: (request) => invoke('vm:action', request),
    setVmMuted: (ref, muted) => invoke('vm:mute', { hostId: ref.hostId, vmId: ref.vmId, muted }),
    reconnect: (hostId) => invoke('hub:reconnect', { hostId }),
    pauseNotifications: (duration) => invoke('notifications:pause', { for: duration }),
    hide: () => invoke('popover:hide'),
    quit: () => invoke('app:quit'),
    openSettings: (focus) => invoke('settings:open', focus ? { focus } : undefined),
    onStateChanged: (listener) => on('state:changed', listener),
    onFocusVm: (listener) => on('popover:focus-vm', listener),
  };
  const settingsApi: SettingsApi = {
    getSettings: () => invoke('settings:get'),
    saveSettings: (input) => invoke('settings:save', input),
    testConnection: (host) => invoke('hub:test-connection', host),
    onSettingsChanged: (listener) => on('settings:changed', listener),
    onFocusHost: (listener) => on('settings:focus-host', listener),
    setUnsaved: (unsaved) => invoke('settings:unsaved', { unsaved }),
    onSaveBeforeClose: (listener) => on('settings:save-before-close', () => listener()),
    closeGuard: () => 'page',
  };

  connect();
  Object.defineProperty(window, 'api', {
    value: Object.freeze(page === 'settings' ? settingsApi : popoverApi),
    writable: false,
  });
})();
