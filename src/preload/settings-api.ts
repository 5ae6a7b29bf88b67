// The settings page's window.api (see popover-api.ts for why it is separate from the contextBridge call).
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  InvokeArg,
  InvokeChannel,
  InvokeResult,
  SettingsApi,
  PushChannel,
  PushMap,
  Result,
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

export const settingsApi = {
  getSettings: () => invoke('settings:get'),
  saveSettings: (input) => invoke('settings:save', input),
  testConnection: (host) => invoke('hub:test-connection', host),
  setUnsaved: (unsaved) => invoke('settings:unsaved', { unsaved }),
  onSettingsChanged: (listener) => subscribe('settings:changed', listener),
  onFocusHost: (listener) => subscribe('settings:focus-host', listener),
  onSaveBeforeClose: (listener) => subscribe('settings:save-before-close', () => listener()),
  closeGuard: () => 'native',
} satisfies SettingsApi;
