// The one IPC contract. Channel names live only here; payload types come from the maps below;
// the preloads implement PopoverApi / SettingsApi with `satisfies`, and window.api is typed from the same source.
import type { HostId, Snapshot, VmAction } from './model';
import type { ConnectionTestResult, HostInput, SettingsInput, SettingsView } from './settings';

/** Errors survive the bridge as values: Electron would otherwise flatten a thrown error into a string. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface VmActionRequest {
  readonly hostId: HostId;
  readonly vmId: string;
  readonly action: VmAction;
  /** Only for stop: `?force=true` (kill a running VM, drop a suspended one's state). */
  readonly force?: boolean;
}

export interface VmRef {
  readonly hostId: HostId;
  readonly vmId: string;
}

/**
 * "Open settings on this host with this field focused": the credentials path's "Fix…" (a banner, a notification)
 * lands the user on the one field that needs them instead of the top of the page.
 */
export interface SettingsFocus {
  readonly hostId: HostId;
  readonly field: 'credentials';
}

export type PauseNotificationsFor = 'one-hour' | 'until-tomorrow' | 'resume';

/** Renderer → main requests: channel → [argument, result]. */
export interface InvokeMap {
  'vm:snapshot': [void, Snapshot];
  'vm:action': [VmActionRequest, { readonly message: string }];
  'vm:mute': [{ readonly hostId: HostId; readonly vmId: string; readonly muted: boolean }, void];
  'hub:reconnect': [{ readonly hostId: HostId | null }, void];
  'notifications:pause': [{ readonly for: PauseNotificationsFor }, void];
  'popover:hide': [void, void];
  /** Quit from the popover's menu (not only from the tray's right-click menu). */
  'app:quit': [void, void];
  /** `undefined` (no argument) opens the page as it is; `{ focus }` also selects a host and focuses a field. */
  'settings:open': [{ readonly focus: SettingsFocus | null } | undefined, void];
  'settings:get': [void, SettingsView];
  'settings:save': [SettingsInput, SettingsView];
  'hub:test-connection': [HostInput, ConnectionTestResult];
  /** The settings page tells main whether it holds unsaved edits, so closing its window can ask first. */
  'settings:unsaved': [{ readonly unsaved: boolean }, void];
}

/** Main → renderer pushes: channel → payload. */
export interface PushMap {
  'state:changed': Snapshot;
  'popover:focus-vm': VmRef;
  'settings:changed': SettingsView;
  'settings:focus-host': SettingsFocus;
  /** "Save" in the close guard: save the form; main closes the window once the page reports nothing unsaved. */
  'settings:save-before-close': null;
}

export type InvokeChannel = keyof InvokeMap;
export type PushChannel = keyof PushMap;
export type InvokeArg<C extends InvokeChannel> = InvokeMap[C][0];
export type InvokeResult<C extends InvokeChannel> = InvokeMap[C][1];

/** Runtime list of channels (for main's handler registration and for tests that every channel is covered). */
export const INVOKE_CHANNELS = [
  'vm:snapshot',
  'vm:action',
  'vm:mute',
  'hub:reconnect',
  'notifications:pause',
  'popover:hide',
  'app:quit',
  'settings:open',
  'settings:get',
  'settings:save',
  'hub:test-connection',
  'settings:unsaved',
] as const satisfies readonly InvokeChannel[];

export const PUSH_CHANNELS = [
  'state:changed',
  'popover:focus-vm',
  'settings:changed',
  'settings:focus-host',
  'settings:save-before-close',
] as const satisfies readonly PushChannel[];

/** Which window may call which channel: main rejects everything else. */
export const POPOVER_INVOKES = [
  'vm:snapshot',
  'vm:action',
  'vm:mute',
  'hub:reconnect',
  'notifications:pause',
  'popover:hide',
  'app:quit',
  'settings:open',
] as const satisfies readonly InvokeChannel[];

export const SETTINGS_INVOKES = [
  'settings:get',
  'settings:save',
  'hub:test-connection',
  'settings:unsaved',
] as const satisfies readonly InvokeChannel[];

type Unsubscribe = () => void;

/** What the popover page sees as window.api. Every call resolves to a Result; listeners return an unsubscribe. */
export interface PopoverApi {
  getSnapshot(): Promise<Result<Snapshot>>;
  runAction(request: VmActionRequest): Promise<Result<{ readonly message: string }>>;
  setVmMuted(ref: VmRef, muted: boolean): Promise<Result<void>>;
  reconnect(hostId: HostId | null): Promise<Result<void>>;
  pauseNotifications(duration: PauseNotificationsFor): Promise<Result<void>>;
  hide(): Promise<Result<void>>;
  quit(): Promise<Result<void>>;
  openSettings(focus?: SettingsFocus): Promise<Result<void>>;
  onStateChanged(listener: (snapshot: Snapshot) => void): Unsubscribe;
  onFocusVm(listener: (ref: VmRef) => void): Unsubscribe;
}

/** What the settings page sees as window.api. */
export interface SettingsApi {
  getSettings(): Promise<Result<SettingsView>>;
  saveSettings(input: SettingsInput): Promise<Result<SettingsView>>;
  testConnection(host: HostInput): Promise<Result<ConnectionTestResult>>;
  onSettingsChanged(listener: (settings: SettingsView) => void): Unsubscribe;
  onFocusHost(listener: (focus: SettingsFocus) => void): Unsubscribe;
  setUnsaved(unsaved: boolean): Promise<Result<void>>;
  onSaveBeforeClose(listener: () => void): Unsubscribe;
  /**
   * (A function, like every member of the API.) Who asks before unsaved edits are closed away: 'native' (Electron: main's dialog on the window's close event)
   * or 'page' (the web preview: the browser's beforeunload prompt).
   */
  closeGuard(): 'native' | 'page';
}

/** Names of the API functions, so the bundle smoke test can assert each preload exposes exactly these. */
export const POPOVER_API_KEYS = [
  'getSnapshot',
  'runAction',
  'setVmMuted',
  'reconnect',
  'pauseNotifications',
  'hide',
  'quit',
  'openSettings',
  'onStateChanged',
  'onFocusVm',
] as const satisfies readonly (keyof PopoverApi)[];

export const SETTINGS_API_KEYS = [
  'getSettings',
  'saveSettings',
  'testConnection',
  'onSettingsChanged',
  'onFocusHost',
  'setUnsaved',
  'onSaveBeforeClose',
  'closeGuard',
] as const satisfies readonly (keyof SettingsApi)[];
