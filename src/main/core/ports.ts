// Effects the Electron-free core needs, injected so tests can use fakes (fake clock, in-memory repos)
// and the Electron shell / web preview can supply real ones.
import type {
  HostId,
  HostSummary,
  HubEvent,
  PendingAction,
  Snapshot,
  Vm,
  VmAction,
} from '../../shared/model';
import type { AppSettings, ConnectionTestResult, HostInput } from '../../shared/settings';

/** Where the core gets a host's secret (token, API key secret or password); the Keychain in the app. */
export interface SecretSource {
  getSecret(hostId: HostId): Promise<string | null>;
}

type Unsubscribe = () => void;

/**
 * The core's state read piecewise, for readers that run on every change (the popover's pushes, the tray): no
 * sorted VM list is built and neither the store nor the notify state is handed out, so the next batch still
 * writes them in place instead of copying every VM (issue 15, "Scale"). Read at once; do not keep the results
 * beyond the call except where a method says so.
 */
export interface CoreView {
  /** The snapshot's host list, in settings order (which is also the VM list's host order). */
  hosts(): readonly HostSummary[];
  /** The VM under a vmKeyOf key. */
  vm(key: string): Vm | undefined;
  forEachVm(visit: (vm: Vm) => void): void;
  /** A cursor for vmChangesSince, as of now. */
  vmCursor(): number;
  /** vmKeyOf keys of VMs written or deleted since `cursor`; null when that is too far back (read everything). */
  vmChangesSince(cursor: number): readonly string[] | null;
  /** The event log's window, oldest first (an immutable array: may be kept and compared by identity). */
  events(): readonly HubEvent[];
  pending(): readonly PendingAction[];
  /** Muted vmKeys (replaced, never written, when it changes: may be kept and compared by identity). */
  muted(): ReadonlySet<string>;
  pausedUntil(): number | null;
  now(): number;
}

/** The application core: every configured host's monitor, the event log, the notify policy. */
export interface AppCore {
  /** What changed, read piecewise (pushes, tray); `snapshot()` builds everything at once. */
  readonly view: CoreView;
  /** Apply settings: start, restart or stop host monitors; update notification rules. */
  configure(settings: AppSettings): void;
  snapshot(): Snapshot;
  /** Called (synchronously, possibly many times per tick) whenever the snapshot changed; callers coalesce. */
  onChange(listener: () => void): Unsubscribe;
  /** `farmHostId`: a VM behind an orchestrator entry (its farm host). */
  runAction(
    hostId: HostId,
    vmId: string,
    action: VmAction,
    force?: boolean,
    farmHostId?: string,
  ): Promise<{ message: string }>;
  setVmMuted(hostId: HostId, vmId: string, muted: boolean, farmHostId?: string): void;
  /** Pause all notifications until the given epoch ms; null resumes them. */
  pauseNotifications(until: number | null): void;
  /**
   * Reconnect now (skipping the backoff wait) and resync; null = every host. A 'system' reconnect (wake, unlock,
   * network back) leaves hosts whose credentials were rejected alone: only the user may sign in again.
   */
  reconnect(hostId: HostId | null, initiator?: 'user' | 'system'): void;
  /** Re-fetch every host's list now (system wake, network change). */
  reconcileAll(reason: string): void;
  testConnection(host: HostInput, secret: string | null): Promise<ConnectionTestResult>;
  stop(): Promise<void>;
}
