// The one IPC contract. Channel names live only here; payload types come from the maps below;
// the preloads implement PopoverApi / SettingsApi with `satisfies`, and window.api is typed from the same source.
import type { HostId, Snapshot, VmAction } from './model';
import type { SnapshotSlice, SnapshotSliceRequest } from './snapshot-slices';
import type { StatePush } from './state-push';
import type { ConnectionTestResult, HostInput, SettingsInput, SettingsView } from './settings';

/** Errors survive the bridge as values: Electron would otherwise flatten a thrown error into a string. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface VmActionRequest {
  readonly hostId: HostId;
  readonly vmId: string;
  /** Farm mode: the orchestrator's id of the Mac running the VM. */
  readonly farmHostId?: string;
  readonly action: VmAction;
  /** Only for stop: `?force=true` (kill a running VM, drop a suspended one's state). */
  readonly force?: boolean;
}

export interface VmRef {
  readonly hostId: HostId;
  readonly vmId: string;
  readonly farmHostId?: string;
}

/**
 * "Open settings on this host with this field focused": the credentials path's "Fix…" (a banner, a notification)
 * lands the user on the one field that needs them instead of the top of the page.
 */
export interface SettingsFocus {
  readonly hostId: HostId;
  readonly field: 'credentials';
}

/** Asks 'vm:snapshot' for the first screen only. */
export interface SnapshotRequest {
  readonly firstScreen: true;
}

export type PauseNotificationsFor = 'one-hour' | 'until-tomorrow' | 'resume';

/** The two pages; each channel belongs to exactly one, and main rejects a call from the other (shell/ipc.ts). */
export type WindowName = 'popover' | 'settings';

/** One row of the tables below. The type parameters carry the payload types; at runtime a row is {window, api}. */
interface ChannelSpec<Payload, W extends WindowName, Api extends string> {
  /** The page that may use the channel. */
  readonly window: W;
  /** The name of the window.api function that wraps it (see PopoverApi / SettingsApi). */
  readonly api: Api;
  /** Type-only: never set. */
  readonly payload?: Payload;
}

// Curried so the payload types are written out and the window and api name are inferred as literals.
const invoke =
  <Arg, Result>() =>
  <W extends WindowName, Api extends string>(window: W, api: Api): ChannelSpec<[Arg, Result], W, Api> => ({
    window,
    api,
  });
const push =
  <Payload>() =>
  <W extends WindowName, Api extends string>(window: W, api: Api): ChannelSpec<Payload, W, Api> => ({
    window,
    api,
  });

/**
 * Renderer → main requests, each written once: channel → [argument, result], owning page, window.api name.
 * A new request is one row here, one handler (src/main/ipc/handlers.ts) and one preload function.
 */
const INVOKES = {
  /**
   * `{ firstScreen: true }`: only what the popover's first screen shows (shared/first-screen.ts; the page pulls
   * the rest in slices right after its first frame). No argument: the whole snapshot.
   */
  'vm:snapshot': invoke<SnapshotRequest | undefined, Snapshot>()('popover', 'getSnapshot'),
  /** One slice of the whole snapshot behind a first screen (its `firstScreen.rest`; shared/snapshot-slices.ts). */
  'vm:snapshot-slice': invoke<SnapshotSliceRequest, SnapshotSlice>()('popover', 'getSnapshotSlice'),
  /** The page missed a push (or holds none): main's next 'state:changed' is a full snapshot. */
  'state:resync': invoke<void, void>()('popover', 'requestFullState'),
  'vm:action': invoke<VmActionRequest, { readonly message: string }>()('popover', 'runAction'),
  'vm:mute': invoke<
    { readonly hostId: HostId; readonly vmId: string; readonly farmHostId?: string; readonly muted: boolean },
    void
  >()('popover', 'setVmMuted'),
  'hub:reconnect': invoke<{ readonly hostId: HostId | null }, void>()('popover', 'reconnect'),
  'notifications:pause': invoke<{ readonly for: PauseNotificationsFor }, void>()(
    'popover',
    'pauseNotifications',
  ),
  'popover:hide': invoke<void, void>()('popover', 'hide'),
  /** Quit from the popover's menu (not only from the tray's right-click menu). */
  'app:quit': invoke<void, void>()('popover', 'quit'),
  /** `undefined` (no argument) opens the page as it is; `{ focus }` also selects a host and focuses a field. */
  'settings:open': invoke<{ readonly focus: SettingsFocus | null } | undefined, void>()(
    'popover',
    'openSettings',
  ),
  'settings:get': invoke<void, SettingsView>()('settings', 'getSettings'),
  'settings:save': invoke<SettingsInput, SettingsView>()('settings', 'saveSettings'),
  'hub:test-connection': invoke<HostInput, ConnectionTestResult>()('settings', 'testConnection'),
  /** The settings page tells main whether it holds unsaved edits, so closing its window can ask first. */
  'settings:unsaved': invoke<{ readonly unsaved: boolean }, void>()('settings', 'setUnsaved'),
} as const;

/** Main → renderer pushes, each written once: channel → payload, receiving page, window.api listener name. */
const PUSHES = {
  /** A full snapshot when the page has nothing to build on, else what changed (shared/state-push.ts). */
  'state:changed': push<StatePush>()('popover', 'onStateChanged'),
  'popover:focus-vm': push<VmRef>()('popover', 'onFocusVm'),
  'settings:changed': push<SettingsView>()('settings', 'onSettingsChanged'),
  'settings:focus-host': push<SettingsFocus>()('settings', 'onFocusHost'),
  /** "Save" in the close guard: save the form; main closes the window once the page reports nothing unsaved. */
  'settings:save-before-close': push<null>()('settings', 'onSaveBeforeClose'),
} as const;

type Invokes = typeof INVOKES;
type Pushes = typeof PUSHES;
type PayloadOf<S> = S extends ChannelSpec<infer P, WindowName, string> ? P : never;
type ChannelsOf<T, W extends WindowName> = {
  [C in keyof T]: T[C] extends { readonly window: W } ? C : never;
}[keyof T];
type ApiOf<T, W extends WindowName> = {
  [C in keyof T]: T[C] extends ChannelSpec<unknown, W, infer Api> ? Api : never;
}[keyof T];

/** Renderer → main requests: channel → [argument, result]. */
type InvokeMap = { [C in keyof Invokes]: Extract<PayloadOf<Invokes[C]>, readonly unknown[]> };
/** Main → renderer pushes: channel → payload. */
export type PushMap = { [C in keyof Pushes]: PayloadOf<Pushes[C]> };

export type InvokeChannel = keyof InvokeMap;
export type PushChannel = keyof PushMap;
export type InvokeArg<C extends InvokeChannel> = InvokeMap[C][0];
export type InvokeResult<C extends InvokeChannel> = InvokeMap[C][1];

function channels<T extends Record<string, { readonly window: WindowName }>>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}
function rowsOf<T extends Record<string, { readonly window: WindowName; readonly api: string }>>(
  table: T,
  window: WindowName,
): [string, { readonly window: WindowName; readonly api: string }][] {
  return Object.entries(table).filter(([, row]) => row.window === window);
}
function channelsOf<
  T extends Record<string, { readonly window: WindowName; readonly api: string }>,
  W extends WindowName,
>(table: T, window: W): readonly ChannelsOf<T, W>[] {
  return rowsOf(table, window).map(([channel]) => channel as ChannelsOf<T, W>);
}
function apiOf<
  T extends Record<string, { readonly window: WindowName; readonly api: string }>,
  W extends WindowName,
>(table: T, window: W): ApiOf<T, W>[] {
  return rowsOf(table, window).map(([, row]) => row.api as ApiOf<T, W>);
}

/** Runtime list of channels (for main's handler registration and for tests that every channel is covered). */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = channels(INVOKES);

/** Which window may call which channel: main rejects everything else. */
export const POPOVER_INVOKES = channelsOf(INVOKES, 'popover');
export const SETTINGS_INVOKES = channelsOf(INVOKES, 'settings');

type Unsubscribe = () => void;

/** What the popover page sees as window.api. Every call resolves to a Result; listeners return an unsubscribe. */
export interface PopoverApi {
  getSnapshot(request?: SnapshotRequest): Promise<Result<Snapshot>>;
  getSnapshotSlice(request: SnapshotSliceRequest): Promise<Result<SnapshotSlice>>;
  requestFullState(): Promise<Result<void>>;
  runAction(request: VmActionRequest): Promise<Result<{ readonly message: string }>>;
  setVmMuted(ref: VmRef, muted: boolean): Promise<Result<void>>;
  reconnect(hostId: HostId | null): Promise<Result<void>>;
  pauseNotifications(duration: PauseNotificationsFor): Promise<Result<void>>;
  hide(): Promise<Result<void>>;
  quit(): Promise<Result<void>>;
  openSettings(focus?: SettingsFocus): Promise<Result<void>>;
  onStateChanged(listener: (push: StatePush) => void): Unsubscribe;
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

/** Names of the API functions, so the bundle smoke test can assert each preload exposes exactly these (and a
 * type test that they are exactly the keys of PopoverApi / SettingsApi). */
export const POPOVER_API_KEYS: readonly (ApiOf<Invokes, 'popover'> | ApiOf<Pushes, 'popover'>)[] = [
  ...apiOf(INVOKES, 'popover'),
  ...apiOf(PUSHES, 'popover'),
];
export const SETTINGS_API_KEYS: readonly (
  ApiOf<Invokes, 'settings'> | ApiOf<Pushes, 'settings'> | 'closeGuard'
)[] = [
  ...apiOf(INVOKES, 'settings'),
  ...apiOf(PUSHES, 'settings'),
  // Not a channel: answered by the preload itself (which guard asks before unsaved edits are closed away).
  'closeGuard',
];
