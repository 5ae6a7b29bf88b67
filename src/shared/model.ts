// The vocabulary shared by main, preload and renderer. No electron, no DOM, no node: built-ins here.

/** A configured Events Hub host, identified by a stable id chosen when the user adds it. */
export type HostId = string;

// VM states (their spelling, normalised once at the boundary, and which are transitional) live in vm-state.ts.
export { TRANSITIONAL_STATES, isTransitionalState, normalizeVmState, type VmState } from './vm-state';
import type { VmState } from './vm-state';
// VM ids and the one VM key (memoised) live in vm-key.ts.
export { MAX_MEMO_ID_LENGTH, normalizeVmId, vmKey, vmKeyOf } from './vm-key';

export interface Vm {
  readonly hostId: HostId;
  /** The server's ID exactly as received (shown in tests as data-vm-id). */
  readonly id: string;
  /**
   * Farm mode: the orchestrator's id of the Mac that runs this VM (`body.host_id`, `id` in /orchestrator/hosts;
   * shown in tests as data-host-id). Absent for a VM of a single-host entry. With it, `hostId` is the orchestrator
   * entry and the VM's identity is (hostId, farmHostId, id) (orchestrator-protocol.md §6.1).
   */
  readonly farmHostId?: string;
  readonly name: string;
  readonly state: VmState;
  /** The server's `OS` (e.g. `macosx`, `ubuntu`, `win-11`); empty when unknown. */
  readonly os: string;
  /** Seconds as prlctl reports them (a string on the wire); undefined when unknown. */
  readonly uptimeSeconds?: number;
  /** The guest's IP when the server knows one (`internal_ip_address` / `Network.ipAddresses`). */
  readonly ip?: string;
  /** The VM's owner on its host (`user`): the login guessed for the copied ssh command. */
  readonly user?: string;
  /**
   * Epoch ms when this client saw the VM enter its current state (for "stopped 2 min ago"); null when the VM was
   * already in that state when Hubwatch first listed it, so a VM stopped for a week is not shown as "just now".
   */
  readonly stateSince: number | null;
  /** True when the current state was discovered by a resync rather than seen live. */
  readonly changedWhileOffline: boolean;
}

/**
 * A problem that does not take the host down (the socket is up and events are applied), shown next to the
 * status. For the UI (issue 14): render `message` as a secondary line/banner; `nextAt` as "next try in …".
 * - `credentials`: a REST call got 401 but the socket, which the server checks only at upgrade, still works.
 *   Hubwatch stops REST calls until the credential changes; the host goes to `auth-failed` when the socket ends.
 * - `list-failed`: `GET /machines` failed (`message` carries the server's reason); retried with back-off.
 * - `no-machines-api`: the server has no machines routes (orchestrator-only, no `host` module): nothing to list.
 */
export interface HostWarning {
  readonly kind: 'credentials' | 'list-failed' | 'no-machines-api';
  readonly message: string;
  /** Epoch ms of the next list attempt, when one is scheduled. */
  readonly nextAt?: number;
}

/** Connection status of one host: a small union the UI renders with a next step. */
export type ConnectionStatus =
  | { readonly tag: 'unconfigured' }
  | { readonly tag: 'connecting'; readonly attempt: number }
  | { readonly tag: 'syncing'; readonly warning?: HostWarning }
  | { readonly tag: 'live'; readonly since: number; readonly warning?: HostWarning }
  | {
      readonly tag: 'reconnecting';
      readonly attempt: number;
      /** Epoch ms of the next attempt. */
      readonly nextAt: number;
      readonly lastError: string;
    }
  | {
      readonly tag: 'auth-failed';
      readonly message: string;
      /**
       * Set when a fixed (pasted) token stopped working: `token-expired` (the server said "Token is expired")
       * or `token-invalidated` (any other rejection of a token that was accepted before, typically a server
       * restart that drew a new signing secret). Nothing retries until the credential changes.
       */
      readonly reason?: 'token-expired' | 'token-invalidated';
      /** The token's `exp` (epoch ms) when it can be read from the JWT. */
      readonly expiredAt?: number;
    }
  | { readonly tag: 'tls-untrusted'; readonly fingerprint: string; readonly message: string }
  | { readonly tag: 'stopped' };

export type ConnectionTag = ConnectionStatus['tag'];

/**
 * What one Mac behind an orchestrator is doing, as orchestrator-protocol.md §6.6 says to display it:
 * - `live`: healthy, the orchestrator's link to it is up, its VMs verified;
 * - `verifying`: healthy and linked again after a gap; its VMs are suspect until the §6.4 resync has read them;
 * - `polling`: healthy but the orchestrator has no live link ("Live events offline; polling"): states may lag by up
 *   to the poll period;
 * - `unreachable`: unreachable from the orchestrator; its VMs are last-known (greyed, "as of");
 * - `disabled`: disabled on the orchestrator; its VMs are the last-known cache, greyed.
 *
 * @public (the farm-mode vocabulary, used by the farm monitor and the popover: issue 15)
 */
export type FarmHostState = 'live' | 'verifying' | 'polling' | 'unreachable' | 'disabled';

/** One Mac behind an orchestrator entry. @public */
export interface FarmHostSummary {
  /** The orchestrator's host id (the VMs' `farmHostId`). */
  readonly id: string;
  /** `description`, else the host name from its URL. */
  readonly name: string;
  /** The host's own URL as the orchestrator knows it (no credentials); empty when unknown. */
  readonly url: string;
  readonly state: FarmHostState;
  /** Epoch ms its VMs were last known live; present only while `state` is `unreachable` or `disabled`. */
  readonly dataAsOf?: number;
}

/** What a configured entry is: one Mac's Events Hub, or an orchestrator relaying a farm. */
export type HostKind = 'host' | 'orchestrator';

export interface HostSummary {
  readonly id: HostId;
  /** Absent = a single host (`host`); `orchestrator` entries also carry `farmHosts`. */
  readonly kind?: HostKind;
  /**
   * Farm mode: the Macs behind the orchestrator, sorted by name. `status` above is then the orchestrator link
   * itself ("Orchestrator unreachable" when it is not live, §6.6), and each farm host has its own state.
   */
  readonly farmHosts?: readonly FarmHostSummary[];
  readonly name: string;
  /** The base URL without credentials, e.g. https://farm-1.local:3080 */
  readonly url: string;
  readonly status: ConnectionStatus;
  readonly serverVersion?: string;
  /** How Hubwatch signs in (never the secret): lets the UI name what was rejected ("the password"). */
  readonly auth?: 'token' | 'api-key' | 'password';
  /**
   * Epoch ms when this host was last live, present only while it is NOT live and we still show what it last
   * reported. Why: rows and counts of such a host are history, and the UI must say "as of <time>" instead of
   * presenting them as the present.
   */
  readonly dataAsOf?: number;
}

export type HubEventKind =
  | 'state-changed'
  | 'added'
  | 'removed'
  | 'renamed'
  | 'connection-lost'
  | 'connection-restored'
  | 'auth-failed'
  | 'action-failed';

/** One human-meaningful entry of the event log. */
export interface HubEvent {
  /** Unique, monotonically increasing per process (a string so it survives JSON). */
  readonly id: string;
  readonly at: number;
  readonly hostId: HostId;
  readonly kind: HubEventKind;
  readonly vmId?: string;
  /** Farm mode: the farm host of `vmId` (or the farm host the entry is about), as on Vm.farmHostId. */
  readonly farmHostId?: string;
  readonly vmName?: string;
  readonly from?: string;
  readonly to?: string;
  /** True when the change happened while we were disconnected and was found by a resync. */
  readonly offline?: boolean;
  readonly message?: string;
}

export type VmAction = 'start' | 'stop' | 'restart' | 'suspend' | 'resume' | 'reset' | 'pause';
export const VM_ACTIONS: readonly VmAction[] = [
  'start',
  'stop',
  'restart',
  'suspend',
  'resume',
  'reset',
  'pause',
];

/** An action in flight (calls are synchronous on the server and can take minutes). */
export interface PendingAction {
  readonly hostId: HostId;
  readonly vmId: string;
  readonly farmHostId?: string;
  readonly action: VmAction;
  readonly startedAt: number;
}

/** Everything the popover renders, pushed by main. */
/**
 * Whether Hubwatch can show notifications. 'failing': macOS refused the last one (unsigned build, or notifications
 * turned off for Hubwatch in System Settings); 'unsupported': no notification support at all. Pushed with the
 * snapshot (popover) and the settings view (settings) so both pages show a banner instead of failing silently.
 */
export type NotificationHealth =
  | { readonly state: 'ok' }
  | { readonly state: 'failing'; readonly reason: string }
  | { readonly state: 'unsupported' };

export interface Snapshot {
  readonly hosts: readonly HostSummary[];
  readonly vms: readonly Vm[];
  readonly events: readonly HubEvent[];
  readonly pending: readonly PendingAction[];
  /** Keys `${hostId}/${normalizedVmId}` of VMs whose notifications are muted. */
  readonly mutedVms: readonly string[];
  /** Epoch ms until which notifications are paused, or null. */
  readonly notificationsPausedUntil: number | null;
  /** Added by the shell (the core does not know about the OS); absent means not known yet. */
  readonly notificationHealth?: NotificationHealth;
  readonly generatedAt: number;
  /**
   * Present only on the popover's first, partial snapshot (shared/first-screen.ts): `vms` then holds what the
   * first screen shows, not the farm, and the full snapshot follows at once. Absent: `vms` is every VM.
   */
  readonly firstScreen?: FirstScreenPart;
  /**
   * Only on a whole snapshot pulled by the popover ('vm:snapshot'): main remembers it as this push generation,
   * and the next 'state:changed' is a delta that builds on it (shared/state-push.ts). Absent: wait for a full push.
   */
  readonly pushGeneration?: number;
}

/** What a first-screen snapshot left out, so every count the page shows is the whole farm's (shared/first-screen.ts). */
export interface FirstScreenPart {
  /** The VMs left out, counted per group (a host entry, or a Mac behind an orchestrator) and state. */
  readonly omitted: readonly OmittedVms[];
  /**
   * Where the rest comes from: main keeps the whole snapshot this first screen was cut from, and the page pulls
   * it in slices ('vm:snapshot-slice', shared/snapshot-slices.ts). Absent: pull the whole snapshot at once.
   */
  readonly rest?: RestOfSnapshot;
}

/** How many VMs of one group in one state a first screen left out. */
export interface OmittedVms {
  readonly hostId: HostId;
  readonly farmHostId?: string;
  readonly state: VmState;
  readonly count: number;
}

/** The whole snapshot behind a first screen, as main holds it for the page's slice pulls. */
export interface RestOfSnapshot {
  /** Names this whole snapshot: a slice of another (an older first screen's) is never mixed in. */
  readonly id: number;
  /** Slices to pull, index 0 first. */
  readonly slices: number;
  /** VMs in the whole snapshot (the slices together). */
  readonly total: number;
  /** The push generation main remembers that whole snapshot as (see Snapshot.pushGeneration). */
  readonly pushGeneration?: number;
}
