// Effects the Electron-free core needs, injected so tests can use fakes (fake clock, in-memory repos)
// and the Electron shell / web preview can supply real ones.
import type { HostId, Snapshot, VmAction } from '../../shared/model';
import type { AppSettings, ConnectionTestResult, HostInput } from '../../shared/settings';

/** Where the core gets a host's secret (token, API key secret or password); the Keychain in the app. */
export interface SecretSource {
  getSecret(hostId: HostId): Promise<string | null>;
}

type Unsubscribe = () => void;

/** The application core: every configured host's monitor, the event log, the notify policy. */
export interface AppCore {
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
  /** Reconnect now (skipping the backoff wait) and resync; null = every host. */
  reconnect(hostId: HostId | null): void;
  /** Re-fetch every host's list now (system wake, network change). */
  reconcileAll(reason: string): void;
  testConnection(host: HostInput, secret: string | null): Promise<ConnectionTestResult>;
  stop(): Promise<void>;
}
