// The real application core (createAppCore: real hub client, sockets, store, event log, notify policy) against
// the project's simulator over real sockets, with short timings so faults resolve in seconds, and with every
// observable (notifications, status transitions, log lines) recorded for the assertions.
import { createAppCore } from '../../../src/main/monitor/app-core';
import type { AppCoreOptions } from '../../../src/main/monitor/app-core-types';
import {
  systemClock,
  systemTimers,
  type Clock,
  type EventLogRepository,
  type NotificationIntent,
  type Timers,
} from '../../../src/main/monitor/ports';
import type { ConnectionStatus, HubEvent, Vm } from '../../../src/shared/model';
import {
  DEFAULT_SETTINGS,
  type AppSettings,
  type AuthMethod,
  type HostConfig,
} from '../../../src/shared/settings';
import { normalizeVmId } from '../../../src/shared/model';
import type { Simulator } from '../../sim';
import { createCapturingLogger, type CapturingLogger } from './capture';

export const HOST_ID = 'farm-1';

export interface Harness {
  readonly core: Awaited<ReturnType<typeof createAppCore>>;
  readonly logger: CapturingLogger;
  readonly notifications: NotificationIntent[];
  /** Every distinct status the host went through, in order, with when we saw it. */
  readonly statuses: { at: number; status: ConnectionStatus }[];
  readonly persisted: { events: readonly HubEvent[] };
  status(): ConnectionStatus;
  vms(): readonly Vm[];
  /** Store vs. simulator truth: list of differences (empty = equal). */
  diffFromTruth(sim: Simulator): string[];
  waitFor(what: string, predicate: () => boolean, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly auth?: AuthMethod;
  readonly secret: string;
  readonly username?: string;
  readonly url?: string;
  readonly pinnedFingerprint?: string | null;
  readonly core?: AppCoreOptions;
  readonly eventLog?: EventLogRepository;
  /** The core's clock and timers (default: the system ones), e.g. a recording Timers (support/timers.ts). */
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Keep only this many log lines (default: all). */
  readonly maxLogLines?: number;
  /**
   * Keep only this many notifications (default: all). Memory tests need it: a million-frame soak raises
   * ~34k notifications, and recording them all (~650 bytes each) would measure the harness, not the core.
   */
  readonly maxNotifications?: number;
}

export const FAST: AppCoreOptions = {
  livenessTimeoutMs: 2_000,
  backoff: { initialMs: 50, maxMs: 400, stableAfterMs: 1_000 },
  conflictBackoffMs: 200,
  reconcileIntervalMs: 300_000,
  confirmTransitionalAfterMs: 300,
  coalesceWindowMs: 0,
  notificationRateCapPerMinute: 1_000_000,
};

export function hostConfig(sim: Simulator, o: HarnessOptions): HostConfig {
  return {
    id: HOST_ID,
    name: 'Farm 1',
    url: o.url ?? sim.url,
    auth: o.auth ?? 'token',
    username: o.username ?? '',
    pinnedFingerprint: o.pinnedFingerprint ?? null,
    enabled: true,
  };
}

export async function startHarness(sim: Simulator, o: HarnessOptions): Promise<Harness> {
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
    secrets: { getSecret: (hostId) => Promise.resolve(hostId === HOST_ID ? o.secret : null) },
    options: { ...FAST, ...o.core },
  });
  const statuses: { at: number; status: ConnectionStatus }[] = [];
  const waiters = new Set<() => void>();
  const status = (): ConnectionStatus =>
    core.snapshot().hosts.find((h) => h.id === HOST_ID)?.status ?? { tag: 'unconfigured' };
  core.onChange(() => {
    const s = status();
    const last = statuses[statuses.length - 1]?.status;
    if (!last || JSON.stringify(last) !== JSON.stringify(s)) statuses.push({ at: Date.now(), status: s });
    for (const w of [...waiters]) w();
  });
  const settings: AppSettings = { ...DEFAULT_SETTINGS, hosts: [hostConfig(sim, o)] };
  core.configure(settings);

  const vms = (): readonly Vm[] => core.snapshot().vms.filter((v) => v.hostId === HOST_ID);
  return {
    core,
    logger,
    notifications,
    statuses,
    persisted,
    status,
    vms,
    diffFromTruth(s) {
      const mine = new Map(vms().map((v) => [normalizeVmId(v.id), v]));
      const diffs: string[] = [];
      for (const t of s.vms()) {
        const m = mine.get(normalizeVmId(t.id));
        if (!m) diffs.push(`missing ${t.id}`);
        else if (m.state !== t.state || m.name !== t.name)
          diffs.push(`${t.id}: ${m.name}/${m.state} != ${t.name}/${t.state}`);
        mine.delete(normalizeVmId(t.id));
      }
      for (const id of mine.keys()) diffs.push(`extra ${id}`);
      return diffs;
    },
    waitFor(what, predicate, timeoutMs) {
      const started = Date.now();
      if (predicate()) return Promise.resolve(0);
      return new Promise((resolve, reject) => {
        // Core changes wake us; the poll covers truth that changes on the simulator side only.
        const check = (): void => {
          if (predicate()) {
            cleanup();
            resolve(Date.now() - started);
          }
        };
        const poll = setInterval(check, 20);
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${what}; status ${JSON.stringify(status())}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearInterval(poll);
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    stop: () => core.stop(),
  };
}
