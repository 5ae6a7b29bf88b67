// What HostMonitor drives for one set of clients (a "session"): the connection, the sync state machine behind it,
// VM actions and the server's version. A single host's session is GET /machines + the pdfm channel (sync.ts); a
// farm's is the orchestrator's REST + channel (farm-monitor.ts). HostMonitor keeps the connection rules (reconnect,
// backoff, liveness, health probe, auth/TLS verdicts, outages) for both, so a farm reuses them instead of a copy.
import type { VmAction } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { ConnectionPort, HubAuthLike, HubClientOptions, HubFactory, HubMessage } from './hub-ports';
import { HostSync, type SyncDeps } from './sync';
/** What the monitor drives for one set of clients: the sync state machine behind the connection. */
export interface MonitorSync {
  readonly state: string;
  connectionOpened(): void;
  connectionClosed(): void;
  handleMessages(messages: readonly HubMessage[]): void;
  resync(reason: string): void;
  dispose(): void;
}

export interface MonitorSession {
  connection: ConnectionPort;
  sync: MonitorSync;
  runAction(
    vmId: string,
    action: VmAction,
    force?: boolean,
    farmHostId?: string,
  ): Promise<{ message: string }>;
  serverInfo(): Promise<{ devopsVersion: string | null }>;
}

/** The hooks a sync reports through (everything of SyncDeps but the REST client). */
export type SessionHooks = Omit<SyncDeps, 'rest'>;

/**
 * Builds one session's clients and sync. The connection rules (reconnect, backoff, liveness, health probe, auth
 * and TLS verdicts, outage bookkeeping) stay in HostMonitor whatever the session is, so a farm reuses them.
 */
export type SessionBuilder = (
  config: HostConfig,
  auth: HubAuthLike,
  factory: HubFactory,
  client: HubClientOptions,
  hooks: SessionHooks,
) => MonitorSession;

/** The single-host session: GET /machines + the pdfm channel (sync.ts). */
export const singleHostSession: SessionBuilder = (config, auth, factory, client, hooks) => {
  const { rest, connection } = factory.create(config, auth, client);
  return {
    connection,
    sync: new HostSync({ ...hooks, rest }),
    runAction: (vmId, action, force) => rest.runAction(vmId, action, force),
    serverInfo: () => rest.serverInfo(),
  };
};
