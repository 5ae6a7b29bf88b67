// Composition of the orchestrator-mode simulator: the farm (hosts with truth + cache), the `orchestrator` channel on
// the single-host simulator's Hub / auth / upgrade / listener, the link and health engine, and the REST routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AuthService } from '../auth';
import { apiError } from '../bodies';
import { sendJson } from '../http-util';
import { Hub } from '../hub';
import { Listener } from '../listener';
import { handleRest } from '../rest';
import { BruteForceGuard } from '../brute-force';
import type { RestContext } from '../rest-context';
import { createRng } from '../rng';
import { DEFAULT_API_KEY, DEFAULT_USER, freshStats as freshHubStats } from '../sim-defaults';
import { handleUpgrade } from '../upgrade';
import { VmEvents } from '../vm-events';
import { VmStore } from '../vm-store';
import { followBackingHost, type BackingLink } from './backing-link';
import { OrchestratorChannel } from './channel';
import { Farm } from './farm';
import type { FarmHost } from './farm-host';
import { LinkEngine } from './links';
import { handleFarmRest, type FarmRestContext } from './rest-orchestrator';
import { TimerBag } from './timer-bag';
import type { OrchestratorSimOptions, OrchestratorSimStats, OrchestratorSimulator } from './types';

export async function startOrchestratorSimulator(
  options: OrchestratorSimOptions = {},
): Promise<OrchestratorSimulator> {
  const rng = createRng(options.seed ?? 1);
  const clock = options.clock ?? { now: () => Date.now() };
  const auth = new AuthService([{ ...DEFAULT_USER }], [DEFAULT_API_KEY], 3600, clock);
  const hubStats = freshHubStats();
  const fresh = () => ({
    restRequests: 0,
    published: {},
    lostEvents: 0,
    fullRefreshes: 0,
    statusReads: 0,
    hostTableReads: 0,
    machineLists: {},
  });
  const farmStats = fresh();
  const p = options.pullFrequencyMs ?? 30_000;
  const timers = new TimerBag();

  const hub = new Hub({
    flushIntervalMs: options.flushIntervalMs ?? 100,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    pongWaitMs: options.pongWaitMs ?? 45_000,
    stats: hubStats,
    isFrozen: () => false,
  });
  const stats: OrchestratorSimStats = Object.defineProperties(farmStats as OrchestratorSimStats, {
    wsOpen: { get: () => hubStats.wsOpen, enumerable: true },
    framesSent: { get: () => hubStats.framesSent, enumerable: true },
    framesDropped: { get: () => hubStats.framesDropped, enumerable: true },
  });
  const channel = new OrchestratorChannel(hub, stats, rng, options.realistic ?? false);
  const farm = new Farm(rng, channel, stats, {
    vmsPerHost: options.vmsPerHost ?? 4,
    devopsVersion: options.hostDevopsVersion ?? '1.0.5',
  });
  const engine = new LinkEngine(
    {
      pullFrequencyMs: p,
      readDeadlineMs: options.readDeadlineMs ?? 3 * p,
      fullRefreshMs: options.fullRefreshMs ?? 10 * p,
      fullRefreshDurationMs: options.fullRefreshDurationMs ?? 2000,
      healthCheckTimeoutMs: options.healthCheckTimeoutMs ?? 3000,
      connectionMonitorMs: options.connectionMonitorMs ?? 30_000,
      reconnectBackoffMs: options.reconnectBackoffMs ?? [5000, 10_000, 20_000, 40_000, 80_000],
      dialTimeoutMs: options.dialTimeoutMs ?? 45_000,
      statsIntervalMs: options.statsIntervalMs ?? 5000,
      logIntervalMs: options.logIntervalMs ?? 2000,
    },
    channel,
    () => farm.list(),
  );
  engine.onFullRefresh = () => stats.fullRefreshes++;
  farm.engine = engine;
  const specs = options.hosts ?? 3;
  const backingLinks: BackingLink[] = [];
  if (typeof specs === 'number') for (let i = 0; i < specs; i++) farm.register({}, false);
  else
    for (const spec of specs) {
      const host = farm.register(spec, false);
      if (spec.backedBy)
        backingLinks.push(
          // A VM the orchestrator has not registered (added on the Mac directly) is not this model's concern.
          followBackingHost(spec.backedBy, (vmId, state) => {
            if (host.truth.byId(vmId)) farm.setState(host, vmId, state, false);
          }),
        );
    }
  await Promise.all(backingLinks.map((l) => l.open));

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    autoPong: false,
    maxPayload: 256 * 1024 * 1024,
  });
  let startedAt = Date.now();
  // The single-host router answers what is not orchestrator-specific (auth, probe, /ws/*). Its VM store stays empty:
  // a Linux orchestrator has no `host` module (ORCH §1.2), and /machines is intercepted before it anyway.
  const emptyStore = new VmStore([]);
  const restCtx: RestContext = {
    auth,
    // The orchestrator signs in through the same GetTokenHandler, brute-force guard included (brute-force.ts).
    bruteForce: new BruteForceGuard(),
    store: emptyStore,
    events: new VmEvents(emptyStore, hub, rng, { docsShape: false, realistic: false }),
    hub,
    stats: hubStats,
    devopsVersion: () => options.devopsVersion ?? '1.0.5',
    actionDelayMs: options.actionDelayMs ?? 500,
    emitterRefused: () => false,
    sleep: (ms) => timers.sleep(ms),
    // The routes live under the default API_PREFIX; a Linux orchestrator has no `host` module, so the router has no
    // /machines routes at all (events-hub-protocol.md: an orchestrator-only server answers them with the router 404).
    apiPrefix: '/api',
    orchestratorOnly: true,
    missDelayMs: 0,
    listFault: () => null,
    noteLookup: () => () => undefined,
    // /ws/stats start_time: how a client tells that the orchestrator restarted (ORCH §1.4, §6.2 step 6).
    get startedAt() {
      return startedAt;
    },
  };
  const healthCheckTimeoutMs = options.healthCheckTimeoutMs ?? 3000;
  const farmCtx: FarmRestContext = {
    auth,
    stats,
    rng,
    hosts: () => farm.list(),
    findHost: (key) => farm.find(key),
    probe: async (host: FarmHost) => {
      if (host.service === 'powered-off') await timers.sleep(healthCheckTimeoutMs);
      return host.service === 'up' ? 'healthy' : 'unhealthy';
    },
    requestRefresh: () => void engine.refreshAll(),
    removeHost: (key) => farm.remove(key),
    setEnabled: (host, on) => farm.setEnabled(host, on),
    lookupRetryMs: options.lookupRetryMs ?? 1000,
    devopsVersion: options.devopsVersion ?? '1.0.5',
    sleep: (ms) => timers.sleep(ms),
    actionDelayMs: options.actionDelayMs ?? 500,
    setState: (host, vmId, state) => farm.setState(host, vmId, state, false),
    fallback: (req, res) => handleRest(req, res, restCtx),
  };

  const listener = new Listener(
    {
      request: (req: IncomingMessage, res: ServerResponse) => {
        handleFarmRest(req, res, farmCtx).catch(() =>
          sendJson(res, 500, apiError('internal simulator error', 500)),
        );
      },
      upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        handleUpgrade(req, socket, head, {
          auth,
          hub,
          wss,
          stats: hubStats,
          apiPrefix: '/api',
          refusedStatus: () => null,
          legacyOnePerIp: () => false,
        }),
    },
    null,
  );
  await listener.open(options.port ?? 0);
  engine.start();

  let closed = false;
  const need = (hostId: string): FarmHost => farm.require(hostId);
  return {
    get url() {
      return `http://127.0.0.1:${listener.port}`;
    },
    get port() {
      return listener.port;
    },
    get credentials() {
      const u = auth.defaultUser;
      return { username: u.username, email: u.email, password: u.password, apiKey: auth.apiKeyHeaderValue() };
    },
    issueToken: () => auth.issueToken(auth.defaultUser).token,
    stats,
    resetStats: () => {
      Object.assign(farmStats, fresh());
      Object.assign(hubStats, freshHubStats(), { wsOpen: hubStats.wsOpen });
    },
    hosts: () => farm.list().map((h) => h.view()),
    host: (id) => farm.find(id)?.view(),
    vms: (hostId) => need(hostId).truth.all(),
    cachedVms: (hostId) => need(hostId).cache.map((vm) => ({ ...vm })),
    setState: (hostId, vmId, state, o) => farm.setState(need(hostId), vmId, state, o?.silent ?? false),
    addVm: (hostId, vm, o) => farm.addVm(need(hostId), vm ?? {}, o?.silent ?? false),
    removeVm: (hostId, vmId, o) => farm.removeVm(need(hostId), vmId, o?.silent ?? false),
    renameVm: (hostId, vmId, name, o) => farm.renameVm(need(hostId), vmId, name, o?.silent ?? false),
    setUptime: (hostId, vmId, uptime) => farm.setUptime(need(hostId), vmId, uptime),
    killHostService: (hostId) => farm.killService(need(hostId)),
    powerOffHost: (hostId) => farm.powerOff(need(hostId)),
    startHostService: (hostId) => farm.startService(need(hostId)),
    cutLink: (hostId) => farm.cutLink(need(hostId)),
    restoreLink: (hostId) => {
      need(hostId).linkBlocked = false;
    },
    setEnabled: (hostId, on) => farm.setEnabled(need(hostId), on),
    setHostVersion: (hostId, v) => {
      need(hostId).devopsVersion = v;
    },
    addHost: (spec) => farm.register(spec ?? {}, true).view(),
    removeHost: (key) => farm.remove(key),
    refreshNow: () => engine.refreshAll(),
    relayExtra: (hostId, kind) => farm.relayExtra(need(hostId), kind),
    restart: async (o) => {
      engine.stop();
      hub.shutdown();
      await listener.close();
      o?.whileDown?.();
      // A new process: the event emitter's start time is taken anew (`NewEventEmitter()`,
      // src/serviceprovider/eventEmitter/main.go:98) and served as /ws/stats `start_time` (:210, :611).
      startedAt = Date.now();
      await listener.open(listener.port);
      engine.restart();
    },
    dropAllSockets: () => {
      hub.dropAll();
      listener.destroyAllSockets();
    },
    broadcast: (frame) => hub.publish(frame as Record<string, unknown>),
    close: async () => {
      if (closed) return;
      closed = true;
      engine.close();
      for (const link of backingLinks) link.close();
      timers.clear();
      hub.shutdown();
      wss.close();
      await listener.close();
    },
  };
}
