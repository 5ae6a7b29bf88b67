// How the orchestrator watches its hosts (ORCH §4): one WS link client per host with pings every P, a 3P read
// deadline and a 5→80 s reconnect backoff (`src/orchestrator/websocket_client.go`); the 30 s connection monitor
// that probes hosts without a client (`host_websocket_manager.go` `syncConnections()`); the health tick
// (`src/orchestrator/main.go` `Start()` → `processHost()`); and the silent full refresh (`runFullRefreshLoop()`).
// Stats and log noise ride on the link, so they stop when it drops.
import type { OrchestratorChannel } from './channel';
import type { FarmHost } from './farm-host';
import { TimerBag } from './timer-bag';

export interface LinkTimings {
  /** P. */
  pullFrequencyMs: number;
  /** The link's read deadline after each pong: 3P in the server; tests may stretch it so a stalled runner cannot drop links. */
  readDeadlineMs: number;
  fullRefreshMs: number;
  fullRefreshDurationMs: number;
  healthCheckTimeoutMs: number;
  connectionMonitorMs: number;
  reconnectBackoffMs: readonly number[];
  dialTimeoutMs: number;
  statsIntervalMs: number;
  logIntervalMs: number;
}

/** `stalenessMultiplier` (ORCH §4.3, §4.5). */
const STALENESS = 3;

export class LinkEngine {
  private readonly loops = new TimerBag();
  private readonly perHost = new Map<FarmHost, TimerBag>();
  /** The 3P read deadline of each link, re-armed by every pong. */
  private readonly deadlines = new Map<FarmHost, NodeJS.Timeout>();
  private closed = false;
  onFullRefresh: () => void = () => undefined;

  constructor(
    private readonly t: LinkTimings,
    private readonly channel: OrchestratorChannel,
    /** Every host the orchestrator knows (removed ones are gone from here, but may still hold a link). */
    private readonly hosts: () => FarmHost[],
  ) {}

  /** `Start()`: monitor once at start and then every 30 s; the health tick; the 10P refresh ticker. */
  start(): void {
    this.monitor();
    this.loops.every(this.t.connectionMonitorMs, () => this.monitor());
    void this.healthLoop();
    this.loops.every(this.t.fullRefreshMs, () => void this.refreshAll());
  }

  close(): void {
    this.closed = true;
    this.loops.clear();
    for (const bag of this.perHost.values()) bag.clear();
    this.perHost.clear();
  }

  /**
   * Orchestrator stops (the first half of a restart): link clients close without clearing `has_websocket_events`
   * (`Close()` closes `stopChan`, so `notifyDisconnection()` is skipped, ORCH §4.2). From here until `restart()`,
   * what a host does reaches nobody: those events are lost, and the cache (the JSON DB) keeps its old values.
   */
  stop(): void {
    this.close();
    for (const host of this.hosts()) host.client = 'none';
  }

  /**
   * Orchestrator starts again after `stop()`. At start the monitor relinks reachable hosts with no CONNECTED (the
   * flag does not flip); an unreachable host keeps a stale-true flag. Then `Start()` runs a **startup full refresh**
   * of every host (prl-devops-service 51f9563 `src/orchestrator/main.go:109-125`, "Startup: full data load for
   * every host", `fullRefreshHost(h, true)` per host, after the API is up: `<-restapi.Initialized` at :104). It is
   * silent like every full refresh, and until it lands the API answers from the cache as it was before the restart.
   */
  restart(): void {
    this.stop();
    this.closed = false;
    this.start();
    void this.refreshAll();
  }

  /** `ProbeAndConnect()` for one host now (registration, enable), outside the monitor's rhythm. */
  probeAndConnect(host: FarmHost): void {
    if (host.client === 'none' && host.dialable) this.connect(host);
  }

  /** The link's read loop ended with an error (RST/FIN, close, deadline): `notifyDisconnection()`, then retry. */
  readError(host: FarmHost): void {
    if (host.client !== 'connected') return;
    this.dropClient(host, 'reconnecting');
    void this.reconnectLoop(host);
  }

  /** `DisconnectHost()` (disable, update): the client is closed and not retried. */
  disconnect(host: FarmHost): void {
    if (host.client === 'none') return;
    this.dropClient(host, 'none');
  }

  /** `fullRefreshHost()` for every enabled host in parallel (10P ticker, X-No-Cache, `Refresh()` callers). */
  async refreshAll(): Promise<void> {
    await Promise.all(this.hosts().map((h) => this.refreshHost(h)));
    this.onFullRefresh();
  }

  /**
   * Reads the host's VM list first, then (after the per-VM snapshot calls) replaces the cache: a state event in
   * between is overwritten by the older list (ORCH §3.6 stale overwrite). Success stores `healthy` with no event;
   * a failure changes nothing (ORCH §4.5).
   */
  async refreshHost(host: FarmHost): Promise<void> {
    if (!host.enabled || host.removed || host.service !== 'up') return;
    // Goroutines: the caller (an X-No-Cache read) answers from the stale cache before any of this lands.
    await this.loops.sleep(0);
    if (host.service !== 'up') return;
    const list = host.truth.all();
    await this.loops.sleep(this.t.fullRefreshDurationMs);
    if (this.closed || host.removed) return;
    host.cache = list;
    host.storedState = 'healthy';
    host.touchedAt = Date.now();
  }

  private bagFor(host: FarmHost): TimerBag {
    let bag = this.perHost.get(host);
    if (!bag) {
      bag = new TimerBag();
      this.perHost.set(host, bag);
    }
    return bag;
  }

  private connect(host: FarmHost): void {
    host.client = 'connected';
    const bag = this.bagFor(host);
    bag.clear();
    if (!host.hasWebsocketEvents) {
      // Only a false→true flip of the DB flag emits (ORCH §3.3 HOST_WEBSOCKET_CONNECTED row).
      host.hasWebsocketEvents = true;
      this.channel.linkConnected(host.id);
    }
    // `startPingRoutine()` pings right after connecting, so the first pong comes at once (ORCH §3.5).
    this.pong(host);
    bag.every(this.t.pullFrequencyMs, () => {
      // A dead or dark host sends no pong; only the read deadline notices (ORCH §4.3).
      if (host.service === 'up' && !host.linkBlocked) this.pong(host);
    });
    if (this.t.statsIntervalMs > 0)
      bag.every(this.t.statsIntervalMs, () => {
        if (host.relaying) this.channel.hostStats(host.id);
      });
    if (this.t.logIntervalMs > 0)
      bag.every(this.t.logIntervalMs, () => {
        if (host.relaying) this.channel.hostLog(host.id);
      });
  }

  /** `SetPongHandler` + `handlePong()`: deadline now+3P; stored → healthy, with an event only on a transition. */
  private pong(host: FarmHost): void {
    const now = Date.now();
    host.lastPongAt = now;
    host.updatedAt = now;
    if (host.storedState !== 'healthy') {
      host.storedState = 'healthy';
      host.touchedAt = now;
      this.channel.health(host.id, 'healthy');
    }
    this.armDeadline(host);
  }

  private armDeadline(host: FarmHost): void {
    const previous = this.deadlines.get(host);
    if (previous) clearTimeout(previous);
    const t = setTimeout(() => this.readError(host), this.t.readDeadlineMs);
    t.unref();
    this.deadlines.set(host, t);
  }

  private dropClient(host: FarmHost, next: 'none' | 'reconnecting'): void {
    this.perHost.get(host)?.clear();
    const d = this.deadlines.get(host);
    if (d) clearTimeout(d);
    this.deadlines.delete(host);
    host.client = next;
    if (host.hasWebsocketEvents && !host.removed) {
      // Only a true→false flip emits (`notifyDisconnection()`, `DisconnectHost()`); a deleted row has no flag.
      host.hasWebsocketEvents = false;
      this.channel.linkDisconnected(host.id);
    }
  }

  /**
   * `Connect()` (src/orchestrator/websocket_client.go): after a lost connection it re-dials at once; only a *failed*
   * dial sleeps, 5, 10, 20, 40, 80, 80 … s (doubling while < 1 min). ORCH §4.3 lists the sleeps but not the
   * immediate first redial. A dial to a dark host itself lasts up to 45 s (DefaultDialer).
   */
  private async reconnectLoop(host: FarmHost): Promise<void> {
    const bag = this.bagFor(host);
    await bag.sleep(0); // the redial is a new network round trip, not part of the read error
    for (let failures = 0; !this.closed; failures++) {
      if (host.client !== 'reconnecting') return;
      if (host.removed || !host.enabled) {
        host.client = 'none';
        return;
      }
      if (host.dialable) {
        this.connect(host);
        return;
      }
      if (host.service === 'powered-off') await bag.sleep(this.t.dialTimeoutMs);
      const steps = this.t.reconnectBackoffMs;
      await bag.sleep(steps[Math.min(failures, steps.length - 1)] ?? 5000);
    }
  }

  /** `syncConnections()`: probe enabled hosts without a client; close clients of hosts no longer in the DB. */
  private monitor(): void {
    const known = new Set(this.hosts());
    for (const host of [...this.perHost.keys()]) {
      if (!known.has(host)) {
        this.perHost.get(host)?.clear();
        this.perHost.delete(host);
        const d = this.deadlines.get(host);
        if (d) clearTimeout(d);
        this.deadlines.delete(host);
        host.client = 'none';
      }
    }
    for (const host of known) this.probeAndConnect(host);
  }

  /** Sleep P, check every enabled host in parallel, wait for the slowest, repeat (ORCH §4.5). */
  private async healthLoop(): Promise<void> {
    while (!this.closed) {
      await this.loops.sleep(this.t.pullFrequencyMs);
      if (this.closed) return;
      await Promise.all(this.hosts().map((h) => this.processHost(h)));
    }
  }

  private async processHost(host: FarmHost): Promise<void> {
    if (!host.enabled || host.removed) return;
    const now = Date.now();
    const staleAfter = STALENESS * this.t.pullFrequencyMs;
    const fresh = now - host.updatedAt < staleAfter;
    const linkedAndHealthy = host.client === 'connected' && host.storedState === 'healthy';
    if (linkedAndHealthy && fresh) return;
    // Connected but the pong is late: an HTTP check this tick, and DEGRADED if it passes (`processHost()`).
    const websocketPingFailed = linkedAndHealthy;
    // `GetHostSystemHealthCheck()`: a dark host costs the full 3 s timeout; a killed service fails at once.
    if (host.service === 'powered-off') await this.loops.sleep(this.t.healthCheckTimeoutMs);
    if (this.closed || host.removed) return;
    if (host.service !== 'up') {
      host.storedState = 'unhealthy';
      host.touchedAt = Date.now();
      this.channel.health(host.id, 'unhealthy');
      return;
    }
    // No UpdatedAt write here: since 51f9563 only the pong handler moves it (comment in `establishConnection()`).
    host.storedState = 'healthy';
    if (websocketPingFailed) this.channel.linkDegraded(host.id);
    // A level, not an edge: repeated every tick for hosts without a fresh link (ORCH §3.3, §4.4).
    this.channel.health(host.id, 'healthy');
  }
}
