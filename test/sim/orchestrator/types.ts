// Public types of the orchestrator-mode simulator: one prl-devops-service orchestrator in front of N simulated hosts.
// Every behaviour is specified in /work/shared/docs/orchestrator-protocol.md (called "ORCH" in comments) and cites
// the server source file it comes from (Parallels/prl-devops-service at 51f9563).
import type { MutationOptions, SimClock, SimServer, SimVm } from '../types';
import type { BackingHost } from './backing-link';

/**
 * What the host's own service is doing, as the orchestrator can tell:
 * - `up`: API and WS answer;
 * - `killed`: the service process died but the Mac is up, so connections are refused / reset at once (FIN/RST);
 * - `powered-off`: the Mac is off, asleep or cut off: packets vanish, so every call waits for its timeout.
 */
export type HostService = 'up' | 'killed' | 'powered-off';

export interface OrchestratorHostSpec {
  /** ORCH §2.2 `description`: the display name (`host_name`). Default "mac-mini-NN". */
  description?: string;
  /** Number of VMs, or the VMs themselves. Default: `vmsPerHost`. */
  vms?: number | SimVm[];
  /** The host's devops_version; >= 1.0.5 refuses the orchestrator's GET-forwarded actions (ORCH §2.6). */
  devopsVersion?: string;
  /** false = the orchestrator can never open its WS to this host (custom prefix, untrusted cert: ORCH §4.4). */
  linkable?: boolean;
  enabled?: boolean;
  /**
   * A real single-host simulator on 127.0.0.1 behind this host (backing-link.ts): the registered URL is its own,
   * its VMs are this host's, and its VM state changes reach the orchestrator over a real WS link. `vms` is ignored.
   */
  backedBy?: BackingHost;
}

export interface OrchestratorSimOptions {
  /** 0 (default) = ephemeral; bound to 127.0.0.1 only. */
  port?: number;
  /** Hosts registered at start. Default 3. */
  hosts?: number | OrchestratorHostSpec[];
  /** VMs per generated host. Default 4. */
  vmsPerHost?: number;
  seed?: number;
  /** Default "1.0.5" for every host (see OrchestratorHostSpec.devopsVersion). */
  hostDevopsVersion?: string;
  /**
   * P = ORCHESTRATOR_PULL_FREQUENCY_SECONDS in ms (ORCH §1.1, default 30 s). Sets the health tick, the link ping
   * period, the 3P read deadline / staleness, and the 10P full refresh (ORCH §4.7).
   */
  pullFrequencyMs?: number;
  /**
   * The orchestrator->host link's read deadline after each pong (ORCH §4.3: 3P). Default 3P. Tests with a tiny P
   * can stretch it so that a stalled test runner does not drop every link.
   */
  readDeadlineMs?: number;
  /** Full silent cache refresh period (ORCH §3.5 `runFullRefreshLoop()`). Default 10P (300 s). */
  fullRefreshMs?: number;
  /**
   * How long one full refresh takes between reading the VM list and replacing the cache (per-VM snapshot calls,
   * ORCH §3.6). The source gives no figure; default 2 s (a guess).
   */
  fullRefreshDurationMs?: number;
  /** HTTP health check / probe timeout (ORCH §4.7 `healthCheckTimeout`). Default 3 s. */
  healthCheckTimeoutMs?: number;
  /** Connection monitor for hosts without a link client (ORCH §4.2 `StartConnectionMonitor`). Default 30 s. */
  connectionMonitorMs?: number;
  /**
   * Sleeps after each failed redial (`Connect()`: the first redial after a loss is immediate). Default 5, 10, 20, 40,
   * 80 s (then 80 s).
   */
  reconnectBackoffMs?: readonly number[];
  /** One WS dial to a black-holed host (gorilla DefaultDialer HandshakeTimeout, ORCH §4.2). Default 45 s. */
  dialTimeoutMs?: number;
  /** HOST_STATS_UPDATE period per linked host (`src/startup/main.go` statsService.Run 5 s). Default 5 s; 0 = off. */
  statsIntervalMs?: number;
  /** HOST_LOGS_UPDATE period per linked host. The source gives no rate ("every log line"); default 2 s; 0 = off. */
  logIntervalMs?: number;
  /** `/orchestrator/machines/{id}` miss: retried 10 x 1 s (ORCH §2.5 `GetVirtualMachine()`). Default 1000. */
  lookupRetryMs?: number;
  /** How long a forwarded VM action takes on a host that accepts it. Default 500. */
  actionDelayMs?: number;
  /** Orchestrator-side WS options (EH §5/§6): defaults 30 s / 45 s / 100 ms. */
  pingIntervalMs?: number;
  pongWaitMs?: number;
  flushIntervalMs?: number;
  /** The orchestrator's own devops_version. Default "1.0.5". */
  devopsVersion?: string;
  /** JWT time source (as the single-host simulator). */
  clock?: SimClock;
  /**
   * Relay races of ORCH §3.6: a same-VM event may overtake the previous queued one (per-frame goroutines).
   * Default false.
   */
  realistic?: boolean;
}

/** Relays a test can trigger that the simulator never produces by itself (ORCH §3.3 rows without a VM change). */
export type ExtraRelay =
  | 'snapshots'
  | 'mac-vms-running'
  | 'catalog-cache'
  | 'reverse-proxy'
  | 'deployed'
  /** `processHost()` finding a link marked up but without a pong for 3P while HTTP passes: a tick/deadline race. */
  | 'degraded';

export interface FarmHostView {
  id: string;
  description: string;
  /** Base URL, `http://<bare host>:3080/api`. */
  host: string;
  /** Bare host name, as in HOST_ADDED.host and VM `host_url`. */
  hostName: string;
  enabled: boolean;
  devopsVersion: string;
  service: HostService;
  linkable: boolean;
  /** A fault holds the orchestrator's WS link to this host down (cutLink). */
  linkBlocked: boolean;
  /** The orchestrator's link client: none (never created / disabled), connected, or retrying with backoff. */
  client: 'none' | 'connected' | 'reconnecting';
  /** The DB flag of ORCH §4.2. */
  hasWebsocketEvents: boolean;
  /** The stored state (ORCH §4.5); undefined = never checked. */
  storedState: 'healthy' | 'unhealthy' | undefined;
}

export interface OrchestratorSimStats {
  restRequests: number;
  /** Orchestrator frames published, by message name. */
  published: Record<string, number>;
  /** HOST_VM_* that a host produced while its link was down: lost (ORCH §3.5). */
  lostEvents: number;
  fullRefreshes: number;
  /** `/status` calls forwarded to hosts (the live per-VM read). */
  statusReads: number;
  /** `GET /orchestrator/hosts` answered (the host table). */
  hostTableReads: number;
  /** `GET /orchestrator/hosts/{id}/machines` answered, by host id (a client's per-host lists, e.g. after a storm). */
  machineLists: Record<string, number>;
  wsOpen: number;
  framesSent: number;
  framesDropped: number;
}

export interface OrchestratorSimulator extends SimServer<OrchestratorSimStats> {
  hosts(): FarmHostView[];
  host(id: string): FarmHostView | undefined;
  /** The host's truth (what prlctl on that Mac says now). */
  vms(hostId: string): SimVm[];
  /** What the orchestrator's cache holds for that host (what its VM list routes answer). */
  cachedVms(hostId: string): SimVm[];

  /** Mutations on a host. Relayed as HOST_VM_* only while the link is up; otherwise lost. */
  setState(hostId: string, vmId: string, state: string, opts?: MutationOptions): void;
  addVm(hostId: string, vm?: Partial<SimVm>, opts?: MutationOptions): SimVm;
  removeVm(hostId: string, vmId: string, opts?: MutationOptions): void;
  renameVm(hostId: string, vmId: string, name: string, opts?: MutationOptions): void;
  setUptime(hostId: string, vmId: string, uptime: string): void;

  /** Fault controls for hosts. */
  killHostService(hostId: string): void;
  /** The Mac goes dark; its VMs stop (in truth only: nobody can tell the orchestrator). */
  powerOffHost(hostId: string): void;
  /** Service (and Mac) back. The link returns at the client's next backoff retry or monitor tick. */
  startHostService(hostId: string): void;
  /** The orchestrator->host WS drops now (read error) and cannot reconnect until restoreLink(). HTTP still works. */
  cutLink(hostId: string): void;
  restoreLink(hostId: string): void;
  setEnabled(hostId: string, enabled: boolean): void;
  setHostVersion(hostId: string, devopsVersion: string): void;
  addHost(spec?: OrchestratorHostSpec): FarmHostView;
  /** DELETE /orchestrator/hosts/{idOrName}: HOST_REMOVED carries `idOrName` verbatim (ORCH §3.8). */
  removeHost(idOrName: string): boolean;
  /** One of the quieter relays, as a real host (or the deployer) would produce it. */
  relayExtra(hostId: string, kind: ExtraRelay): void;
  /** Runs the silent full refresh now (what the 10P ticker, enable and X-No-Cache do). */
  refreshNow(): Promise<void>;

  /**
   * The orchestrator service restarts: clients' sockets die (1006), /ws/stats start_time changes, host links are
   * re-made without CONNECTED events and `has_websocket_events` may stay stale-true (ORCH §4.2); the cache keeps
   * its pre-restart values until the silent startup full refresh (`fullRefreshDurationMs` later) replaces it.
   * `whileDown` runs while nothing listens: host changes made there are lost (no link, no event).
   */
  restart(o?: { whileDown?: () => void }): Promise<void>;
  /** Orchestrator-level faults, as the single-host simulator. */
  dropAllSockets(): void;
  broadcast(frame: object): void;
  close(): Promise<void>;
}
