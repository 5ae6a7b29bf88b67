// The one harness for tests of the real application core (createAppCore: real hub client, sockets, store, event
import { defaultHubFactory } from '../../src/main/hub-factory';
// log, notify policy) against the project's simulator over real sockets on 127.0.0.1. Every observable
// (notifications, status transitions, log lines, the persisted log) is recorded for the assertions, and waits are
// driven by core.onChange (plus a short poll for simulator-side truth, which changes without a core change).
// No fixed sleeps. Two ways in: startHarness (one host, a simulator the test owns) and startWithSimulators (one
// host per simulator it starts and closes itself).
import { createAppCore, type AppCoreDiagnostics } from '../../src/main/core/app-core';
import type { AppCoreOptions } from '../../src/main/core/app-core-types';
import { systemClock, systemTimers, type Clock, type Timers } from '../../src/main/kernel/clock';
import type { AppCore } from '../../src/main/core/ports';
import type { EventLogRepository } from '../../src/main/persist/event-log-repository';
import type { NotificationIntent } from '../../src/main/notify/intent';
import { normalizeVmId, type ConnectionStatus, type HubEvent, type Vm } from '../../src/shared/model';
import {
  DEFAULT_SETTINGS,
  type AppSettings,
  type AuthMethod,
  type HostConfig,
} from '../../src/shared/settings';
import { startSimulator, type SimOptions, type Simulator } from '../sim';
import { createCapturingLogger, type CapturingLogger } from './capture';
import { hostConfig } from './host-config';

export const HOST_ID = 'farm-1';

/** How long a transitional state may last before it is confirmed by GET, in both presets below. */
export const CONFIRM_WINDOW_MS = 300;

/** Short timings so faults resolve in seconds; no coalescing and no rate cap, so every notification is seen. */
const FAST: AppCoreOptions = {
  livenessTimeoutMs: 2_000,
  backoff: { initialMs: 50, maxMs: 400, stableAfterMs: 1_000 },
  conflictBackoffMs: 200,
  reconcileIntervalMs: 300_000,
  confirmTransitionalAfterMs: CONFIRM_WINDOW_MS,
  coalesceWindowMs: 0,
  notificationRateCapPerMinute: 1_000_000,
};

/** Short timings with the product's coalescing and rate cap: startWithSimulators' default. */
const FAST_COALESCING: AppCoreOptions = {
  reconcileIntervalMs: 60_000,
  confirmTransitionalAfterMs: CONFIRM_WINDOW_MS,
  livenessTimeoutMs: 10_000,
  backoff: { initialMs: 20, maxMs: 60, stableAfterMs: 1_000 },
  coalesceWindowMs: 200,
};

export interface Harness {
  readonly core: AppCore & AppCoreDiagnostics;
  /** The simulators behind the hosts, in host order. */
  readonly sims: readonly Simulator[];
  readonly logger: CapturingLogger;
  readonly notifications: NotificationIntent[];
  /** Every distinct status the first host went through, in order, with when we saw it. */
  readonly statuses: { at: number; status: ConnectionStatus }[];
  readonly persisted: { events: readonly HubEvent[] };
  /** A host's status (default: the first host). */
  status(hostId?: string): ConnectionStatus;
  vms(hostId?: string): readonly Vm[];
  /** Store vs. simulator truth: list of differences (empty = equal). */
  diffFromTruth(sim: Simulator, hostId?: string): string[];
  /** Resolves with the ms waited once `predicate` holds; rejects after `timeoutMs`. */
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<number>;
  /** waitFor: the first host live and its store equal to `sim`'s truth (default 10 s). */
  waitForTruth(what: string, sim: Simulator, timeoutMs?: number): Promise<number>;
  /** The settings the harness configured (call core.configure(h.settings()) after setSecret). */
  settings(): AppSettings;
  setSecret(hostId: string, secret: string): void;
  /** Stops the core, then closes the simulators the harness started. */
  stop(): Promise<void>;
}

export interface HostSpec {
  readonly sim: Simulator;
  readonly id?: string;
  readonly name?: string;
  readonly auth?: AuthMethod;
  readonly secret: string;
  readonly username?: string;
  readonly url?: string;
  readonly pinnedFingerprint?: string | null;
}

export interface CoreOptions {
  /** Merged over the timings preset. */
  readonly core?: AppCoreOptions;
  readonly eventLog?: EventLogRepository;
  /** The core's clock and timers (default: the system ones), e.g. a recording Timers. */
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Keep only this many log lines (default: all). */
  readonly maxLogLines?: number;
  /**
   * Keep only this many notifications (default: all). Memory tests need it: a million-frame soak raises
   * ~34k notifications, and recording them all (~650 bytes each) would measure the harness, not the core.
   */
  readonly maxNotifications?: number;
  /** false: create the core unconfigured; the test calls core.configure(h.settings()) itself. */
  readonly configure?: boolean;
}

export type HarnessOptions = CoreOptions & Omit<HostSpec, 'sim' | 'id' | 'name'>;

export function simHostConfig(sim: Simulator, o: Omit<HostSpec, 'sim' | 'secret'>): HostConfig {
  return hostConfig({
    id: o.id ?? HOST_ID,
    url: o.url ?? sim.url,
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.auth !== undefined ? { auth: o.auth } : {}),
    ...(o.username !== undefined ? { username: o.username } : {}),
    ...(o.pinnedFingerprint !== undefined ? { pinnedFingerprint: o.pinnedFingerprint } : {}),
  });
}

/** One host (HOST_ID) on a simulator the test started and closes; FAST timings. */
export function startHarness(sim: Simulator, o: HarnessOptions): Promise<Harness> {
  return startCore([{ ...o, sim }], o, FAST, []);
}

/**
 * Starts one simulator per entry and one host per simulator (h1, h2, …, credentials from the simulator), with
 * FAST_COALESCING timings. stop() closes the simulators too.
 */
export async function startWithSimulators(
  simOptions: readonly SimOptions[],
  o: CoreOptions & { readonly auth?: AuthMethod } = {},
): Promise<Harness> {
  const sims: Simulator[] = [];
  for (const so of simOptions) sims.push(await startSimulator(so));
  const auth = o.auth ?? 'token';
  const hosts = sims.map((sim, i): HostSpec => ({
    sim,
    id: `h${i + 1}`,
    name: `Farm h${i + 1}`,
    auth,
    username: auth === 'password' ? sim.credentials.username : '',
    secret: auth === 'password' ? sim.credentials.password : sim.issueToken(),
  }));
  return startCore(hosts, o, FAST_COALESCING, sims);
}

async function startCore(
  specs: readonly HostSpec[],
  o: CoreOptions,
  timings: AppCoreOptions,
  owned: readonly Simulator[],
): Promise<Harness> {
  const hosts = specs.map((s) => simHostConfig(s.sim, s));
  const secrets = new Map(hosts.map((h, i) => [h.id, (specs[i] as HostSpec).secret]));
  const firstHost = (hosts[0] as HostConfig).id;
  const logger = createCapturingLogger(o.maxLogLines);
  const notifications: NotificationIntent[] = [];
  const persisted = { events: [] as readonly HubEvent[] };
  const eventLog: EventLogRepository = o.eventLog ?? {
    load: () => Promise.resolve([]),
    save: (events) => {
      persisted.events = events;
      return Promise.resolve();
    },
  };
  const core = await createAppCore({
    hubFactory: defaultHubFactory,
    clock: o.clock ?? systemClock,
    timers: o.timers ?? systemTimers,
    logger,
    eventLog,
    notifier: {
      show: (intent) => {
        notifications.push(intent);
        const max = o.maxNotifications ?? Infinity;
        if (notifications.length > max) notifications.splice(0, notifications.length - max);
      },
    },
    secrets: { getSecret: (hostId) => Promise.resolve(secrets.get(hostId) ?? null) },
    options: { ...timings, ...o.core },
  });
  const status = (hostId = firstHost): ConnectionStatus =>
    core.snapshot().hosts.find((h) => h.id === hostId)?.status ?? { tag: 'unconfigured' };
  const statuses: { at: number; status: ConnectionStatus }[] = [];
  core.onChange(() => {
    const s = status();
    const last = statuses[statuses.length - 1]?.status;
    if (!last || JSON.stringify(last) !== JSON.stringify(s)) statuses.push({ at: Date.now(), status: s });
  });
  const settings = (): AppSettings => ({ ...DEFAULT_SETTINGS, hosts });
  if (o.configure !== false) core.configure(settings());

  const vms = (hostId = firstHost): readonly Vm[] => core.snapshot().vms.filter((v) => v.hostId === hostId);
  const diffFromTruth = (sim: Simulator, hostId = firstHost): string[] => {
    const mine = new Map(vms(hostId).map((v) => [normalizeVmId(v.id), v]));
    const diffs: string[] = [];
    for (const t of sim.vms()) {
      const m = mine.get(normalizeVmId(t.id));
      if (!m) diffs.push(`missing ${t.id}`);
      else if (m.state !== t.state || m.name !== t.name)
        diffs.push(`${t.id}: ${m.name}/${m.state} != ${t.name}/${t.state}`);
      mine.delete(normalizeVmId(t.id));
    }
    for (const id of mine.keys()) diffs.push(`extra ${id}`);
    return diffs;
  };
  const waitFor = (what: string, predicate: () => boolean, timeoutMs?: number): Promise<number> =>
    waitUntil(core, what, predicate, timeoutMs, () => `status ${JSON.stringify(status())}`);
  return {
    core,
    sims: specs.map((s) => s.sim),
    logger,
    notifications,
    statuses,
    persisted,
    status,
    vms,
    diffFromTruth,
    waitFor,
    waitForTruth: (what, sim, timeoutMs = 10_000) =>
      waitFor(what, () => status().tag === 'live' && diffFromTruth(sim).length === 0, timeoutMs),
    settings,
    setSecret: (hostId, secret) => void secrets.set(hostId, secret),
    async stop() {
      await core.stop();
      await Promise.all(owned.map((s) => s.close()));
    },
  };
}

/** waitFor for tests that hold only the core: resolves once `predicate` holds, rejects after `timeoutMs`. */
export async function waitFor(
  core: AppCore,
  predicate: () => boolean,
  what: string,
  timeoutMs?: number,
): Promise<void> {
  await waitUntil(core, what, predicate, timeoutMs, () => '');
}

/** The one wait: woken by core changes, polled for simulator-side truth; a throwing predicate rejects. */
function waitUntil(
  core: AppCore,
  what: string,
  predicate: () => boolean,
  timeoutMs = 10_000,
  context: () => string,
): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (err?: Error): void => {
      if (finished) return;
      finished = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(deadline);
      if (err) reject(err);
      else resolve(Date.now() - started);
    };
    const check = (): void => {
      try {
        if (predicate()) finish();
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    };
    const unsubscribe = core.onChange(check);
    const poll = setInterval(check, 20);
    const deadline = setTimeout(() => {
      const extra = context();
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra ? `; ${extra}` : ''}`));
    }, timeoutMs);
    check();
  });
}

/** The simulator's truth for comparison with the store: normalised id, name, state, OS. */
export function truth(sim: Simulator): string[] {
  return sim
    .vms()
    .map((v) => `${normalizeVmId(v.id)}|${v.name}|${v.state}|${v.os}`)
    .sort();
}

export function storeView(core: AppCore, hostId: string): string[] {
  return core
    .snapshot()
    .vms.filter((v) => v.hostId === hostId)
    .map((v) => `${normalizeVmId(v.id)}|${v.name}|${v.state}|${v.os}`)
    .sort();
}

export const same = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function isLive(core: AppCore, hostId: string): boolean {
  return core.snapshot().hosts.find((h) => h.id === hostId)?.status.tag === 'live';
}

export function statusOf(core: AppCore, hostId: string): string | undefined {
  return core.snapshot().hosts.find((h) => h.id === hostId)?.status.tag;
}

export const vmEvents = (events: readonly HubEvent[]): HubEvent[] =>
  events.filter(
    (e) => e.kind === 'state-changed' || e.kind === 'added' || e.kind === 'removed' || e.kind === 'renamed',
  );
