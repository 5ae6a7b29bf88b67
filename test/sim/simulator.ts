// Composition of the simulator: truth (VmStore), auth, hub, REST, listener and the fault switches.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AuthService } from './auth';
import { BruteForceGuard } from './brute-force';
import { PRIMARY_CERT } from './certs';
import { apiError } from './bodies';
import { sendJson } from './http-util';
import { Hub } from './hub';
import { Listener, certFingerprint } from './listener';
import { toParallelsVm } from './parallels-vm';
import { handleRest } from './rest';
import type { RestContext } from './rest-context';
import { createRng } from './rng';
import type { SimOptions, SimVm, Simulator } from './types';
import { handleUpgrade } from './upgrade';
import { VmEvents } from './vm-events';
import { generateVm, generateVms, VmStore } from './vm-store';

// Kept in sim-defaults.ts, which reads no cert files (the bundled bench hub runs the orchestrator simulator);
// the identities are re-exported here for the callers that import them from the simulator.
import { DEFAULT_API_KEY, DEFAULT_USER, freshStats } from './sim-defaults';

export { DEFAULT_API_KEY, DEFAULT_USER };

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const rng = createRng(options.seed ?? 1);
  const clock = options.clock ?? { now: () => Date.now() };
  const initialVms = typeof options.vms === 'object' ? options.vms : generateVms(rng, options.vms ?? 3);
  const users = (options.users ?? [DEFAULT_USER]).map((u) => ({ ...u }));
  const auth = new AuthService(
    users,
    options.apiKeys ?? [DEFAULT_API_KEY],
    options.tokenLifetimeSec ?? 900,
    clock,
  );
  // In the user database on a real server: the count survives restart().
  const bruteForce = new BruteForceGuard(options.bruteForce);
  const stats = freshStats();
  const store = new VmStore(initialVms);

  let frozen = false;
  let refused: 503 | null = null;
  let legacy = options.legacyOnePerIp ?? false;
  let listFault: 500 | 'hang' | null = null;
  let machineLookups = 0;
  let lookupsInFlight = 0;
  let maxConcurrentLookups = 0;
  const apiPrefix = (options.apiPrefix ?? '/api').replace(/\/+$/, '');
  let closed = false;
  const held: (() => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const hub = new Hub({
    flushIntervalMs: options.flushIntervalMs ?? 100,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    pongWaitMs: options.pongWaitMs ?? 45_000,
    stats,
    isFrozen: () => frozen,
  });
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  const events = new VmEvents(store, hub, rng, {
    docsShape: options.docsShape ?? false,
    realistic: options.realistic ?? false,
    eventLagMs: options.eventLagMs ?? 0,
    refreshSnapshotAgeMs: options.refreshSnapshotAgeMs ?? 0,
    later,
  });
  // Compression off and no read limit, like the gorilla upgrader; autoPong off so freeze() can ignore pings.
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    autoPong: false,
    maxPayload: 256 * 1024 * 1024,
  });

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const ctx: RestContext = {
    auth,
    bruteForce,
    store,
    events,
    hub,
    stats,
    devopsVersion: () => options.devopsVersion ?? '1.0.5',
    actionDelayMs: options.actionDelayMs ?? 500,
    emitterRefused: () => refused !== null,
    sleep,
    startedAt: Date.now(),
    apiPrefix,
    orchestratorOnly: options.orchestratorOnly ?? false,
    missDelayMs: options.missDelayMs ?? 5_000,
    listFault: () => listFault,
    noteLookup: () => {
      machineLookups++;
      lookupsInFlight++;
      maxConcurrentLookups = Math.max(maxConcurrentLookups, lookupsInFlight);
      let done = false;
      return () => {
        if (!done) lookupsInFlight--;
        done = true;
      };
    },
  };

  // A frozen server accepts TCP but answers nothing: requests and upgrades wait until it thaws.
  const whenThawed = (run: () => void): void => {
    if (!frozen) return run();
    stats.heldWhileFrozen++;
    held.push(run);
  };
  const listener = new Listener(
    {
      request: (req: IncomingMessage, res: ServerResponse) =>
        whenThawed(() => {
          handleRest(req, res, ctx).catch(() =>
            sendJson(res, 500, apiError('internal simulator error', 500)),
          );
        }),
      upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        whenThawed(() =>
          handleUpgrade(req, socket, head, {
            auth,
            hub,
            wss,
            stats,
            refusedStatus: () => refused,
            legacyOnePerIp: () => legacy,
            apiPrefix,
          }),
        ),
    },
    options.tls === true ? PRIMARY_CERT : options.tls ? options.tls : null,
  );
  await listener.open(options.port ?? 0);

  if (options.realistic) {
    const refresh = setInterval(() => events.refreshAll(), options.refreshIntervalMs ?? 300_000);
    refresh.unref();
    timers.add(refresh);
  }

  const sim: Simulator = {
    get url() {
      return `${listener.tls ? 'https' : 'http'}://127.0.0.1:${listener.port}`;
    },
    get port() {
      return listener.port;
    },
    get fingerprint() {
      return listener.tls ? certFingerprint(listener.tls.certPem) : null;
    },
    get credentials() {
      const u = auth.defaultUser;
      return { username: u.username, email: u.email, password: u.password, apiKey: auth.apiKeyHeaderValue() };
    },
    issueToken: () => auth.issueToken(auth.defaultUser).token,
    get stats() {
      return stats;
    },
    resetStats: () => {
      const open = stats.wsOpen;
      Object.assign(stats, freshStats(), { wsOpen: open });
    },
    vms: () => store.all(),
    getVm: (id) => {
      const vm = store.byId(id);
      return vm ? { ...vm } : undefined;
    },
    setState: (id, state, o) => events.setState(id, state, o?.silent),
    addVm: (partial = {}, o) => {
      let index = store.size + 1;
      const names = new Set(store.all().map((v) => v.name));
      let vm: SimVm;
      do {
        vm = generateVm(rng, index++, { state: 'stopped', uptime: '0', ...partial });
      } while (partial.name === undefined && names.has(vm.name));
      events.addVm(vm, o?.silent);
      return { ...vm };
    },
    removeVm: (id, o) => events.removeVm(id, o?.silent),
    renameVm: (id, name, o) => events.renameVm(id, name, o?.silent),
    setUptime: (id, uptime) => events.setUptime(id, uptime),
    dropAllSockets: () => {
      hub.dropAll();
      listener.destroyAllSockets();
    },
    refuseConnections: (status) => {
      refused = status;
    },
    refuseTcp: (on) => {
      if (on) listener.stopListening();
      else if (!closed) listener.open(listener.port).catch(() => undefined);
    },
    freeze: (on) => {
      frozen = on;
      if (!on) for (const run of held.splice(0)) run();
    },
    revokeAllTokens: () => auth.revokeAll(),
    setPassword: (username, password) => auth.setPassword(username, password),
    setLegacyOnePerIp: (on) => {
      legacy = on;
    },
    sendRaw: (data, o) => hub.sendRaw(data, o?.binary ?? false),
    broadcast: (frame) => hub.publish(frame as Record<string, unknown>),
    restart: async (o) => {
      hub.shutdown();
      held.splice(0);
      // Without JWT_HMACS_SECRET every start draws a new HMAC secret: all issued tokens die (§2.3).
      if (!options.stableJwtSecret) auth.redrawSecret();
      await listener.close();
      if (o?.tls) listener.tls = o.tls;
      events.serverRestarted();
      await listener.open(listener.port);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      held.splice(0);
      hub.shutdown();
      wss.close();
      await listener.close();
    },
    restVm: (id) => {
      const vm = store.byIdOrName(id);
      return vm ? toParallelsVm(vm) : undefined;
    },
    clientIds: () => hub.ids(),
    refreshNow: () => events.refreshAll(),
    failMachinesList: (mode) => {
      listFault = mode;
    },
    get machineLookups() {
      return machineLookups;
    },
    get maxConcurrentLookups() {
      return maxConcurrentLookups;
    },
    whenListening: () => listener.ready(),
    failedLogins: (username) => bruteForce.failuresOf(username),
  };
  return sim;
}
