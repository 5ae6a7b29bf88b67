// The popover's window.api: one function per capability, built on the channel table. Kept apart from the
// contextBridge call so the type test can check it without exposing anything.
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  InvokeArg,
  InvokeChannel,
  InvokeResult,
  PopoverApi,
  PushChannel,
  PushMap,
  Result,
  SettingsFocus,
  SnapshotRequest,
} from '../shared/ipc';

// Each preload must be ONE self-contained CommonJS file: a sandboxed preload can require('electron') but not a
// sibling chunk, so these two helpers are deliberately repeated in popover-api.ts and settings-api.ts instead of
// shared (a shared module would become a chunk). The bundle smoke test asserts there is no relative require.
function invoke<C extends InvokeChannel>(
  channel: C,
  ...arg: InvokeArg<C> extends void ? [] : [InvokeArg<C>]
): Promise<Result<InvokeResult<C>>> {
  return ipcRenderer.invoke(channel, ...arg) as Promise<Result<InvokeResult<C>>>;
}

/** The IpcRendererEvent (it carries `sender`, i.e. ipcRenderer itself) never reaches the page. */
function subscribe<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: PushMap[C]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

/**
 * The popover's window.api. Creating it asks main for the first screen at once, while the preload runs: main cuts
 * it while Chromium loads, parses and mounts the page, and the page's first `getSnapshot({ firstScreen: true })`
 * gets that answer, usually already in. Asked only then, the answer always came in a task after the page's first
 * layout (Electron answers an invoke from the main process, never in the caller's task), so the page laid out and
 * painted its empty shell first, then everything again with the rows (docs/performance.md, session 7).
 */
export function createPopoverApi(): PopoverApi {
  let early: ReturnType<typeof invoke<'vm:snapshot'>> | null = invoke('vm:snapshot', { firstScreen: true });
  // Read by the page's first pull; until then a failure must not surface as an unhandled rejection here.
  early.catch(() => undefined);
  return {
    getSnapshot: (request?: SnapshotRequest) => {
      if (request?.firstScreen === true && early !== null) {
        const answer = early;
        early = null;
        // A refusal or failure of the early ask (main not ready, a sender check that ran before the page's URL was
        // committed) is not the page's answer: it asks again, as it always did.
        return answer.then((result) => (result.ok ? result : invoke('vm:snapshot', request)));
      }
      return invoke('vm:snapshot', request);
    },
    getSnapshotSlice: (request) => invoke('vm:snapshot-slice', request),
    requestFullState: () => invoke('state:resync'),
    runAction: (request) => invoke('vm:action', request),
    setVmMuted: (ref, muted) =>
      invoke('vm:mute', {
        hostId: ref.hostId,
        vmId: ref.vmId,
        ...(ref.farmHostId === undefined ? {} : { farmHostId: ref.farmHostId }),
        muted,
      }),
    reconnect: (hostId) => invoke('hub:reconnect', { hostId }),
    pauseNotifications: (duration) => invoke('notifications:pause', { for: duration }),
    hide: () => invoke('popover:hide'),
    quit: () => invoke('app:quit'),
    openSettings: (focus?: SettingsFocus) => invoke('settings:open', focus ? { focus } : undefined),
    onStateChanged: (listener) => subscribe('state:changed', listener),
    onFocusVm: (listener) => subscribe('popover:focus-vm', listener),
  } satisfies PopoverApi;
}
