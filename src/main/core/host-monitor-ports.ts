// What a HostMonitor needs from its owner (app-core) and how it is tuned: the monitor's side of the contract,
// kept apart from its state machine in host-monitor.ts.
import type { ConnectionStatus, HostId, Vm } from '../../shared/model';
import type { NewHubEvent } from './event-log';
import type { HubClientOptions } from './hub-ports';
import type { SessionBuilder } from './monitor-session';
import type { StoreAction } from './store';
import type { ChangeSource } from './sync';

export interface HostMonitorContext {
  getVm(hostId: HostId, vmId: string): Vm | undefined;
  /** Everything `run` changes is committed (store, log, policy, change notification) once, at its end. */
  batch(run: () => void): void;
  apply(hostId: HostId, action: StoreAction, source: ChangeSource, reason: string): void;
  setStatus(hostId: HostId, status: ConnectionStatus): void;
  setServerVersion(hostId: HostId, version: string | null): void;
  log(entry: NewHubEvent): void;
  /** The host left `live` (start of an outage) / reached `live` again. */
  outageStarted(hostId: HostId, at: number): void;
  outageEnded(hostId: HostId): void;
  /** Hubwatch gave up on the host until its credential changes: one notification. */
  stoppedWatching(hostId: HostId, message: string): void;
}

export interface HostMonitorOptions {
  confirmTransitionalAfterMs: number;
  reconcileIntervalMs: number;
  client: HubClientOptions;
  /** What one connection's session is; default: a single host (HostSync). A farm passes farm-monitor.ts's. */
  session?: SessionBuilder;
}
