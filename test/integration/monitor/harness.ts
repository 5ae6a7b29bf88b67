// Shared setup for monitor <-> simulator integration tests: real sockets on 127.0.0.1, the real hub client,
// small intervals, and waitFor() driven by core.onChange (plus a short poll for simulator-side conditions
// such as sim.stats, which change without a core change). No fixed sleeps.
import { createAppCore, type AppCoreDiagnostics } from '../../../src/main/monitor/app-core';
import type { AppCoreOptions } from '../../../src/main/monitor/app-core-types';
import {
  silentLogger,
  systemClock,
  systemTimers,
  type AppCore,
  type Clock,
  type NotificationIntent,
  type Timers,
} from '../../../src/main/monitor/ports';
import { normalizeVmId, type HubEvent } from '../../../src/shared/model';
import {
  DEFAULT_SETTINGS,
  type AppSettings,
  type AuthMethod,
  type HostConfig,
} from '../../../src/shared/settings';
import { startSimulator, type SimOptions, type Simulator } from '../../sim';

export type Core = AppCore & AppCoreDiagnostics;

export const FAST: AppCoreOptions = {
  reconcileIntervalMs: 60_000,
  confirmTransitionalAfterMs: 300,
  livenessTimeoutMs: 10_000,
  backoff: { initialMs: 20, maxMs: 60, stableAfterMs: 1_000 },
  coalesceWindowMs: 200,
};

export interface Harness {
  core: Core;
  sims: Simulator[];
  shown: NotificationIntent[];
  secrets: Map<string, string>;
  hosts: HostConfig[];
  settings(): AppSettings;
  cleanup(): Promise<void>;
}

export function hostFor(sim: Simulator, id: string, auth: AuthMethod = 'token'): HostConfig {
  return {
    id,
    name: `Farm ${id}`,
    url: sim.url,
    auth,
    username: auth === 'password' ? sim.credentials.username : '',
    pinnedFingerprint: null,
    enabled: true,
  };
}

export async function startHarness(o: {
  sims?: SimOptions[];
  auth?: AuthMethod;
  options?: AppCoreOptions;
  clock?: Clock;
  timers?: Timers;
  configure?: boolean;
}): Promise<Harness> {
  const sims: Simulator[] = [];
  for (const so of o.sims ?? [{ vms: 6, seed: 1 }]) sims.push(await startSimulator(so));
  const auth = o.auth ?? 'token';
  const secrets = new Map<string, string>();
  const hosts = sims.map((sim, i) => {
    const h = hostFor(sim, `h${i + 1}`, auth);
    secrets.set(h.id, auth === 'password' ? sim.credentials.password : sim.issueToken());
    return h;
  });
  const shown: NotificationIntent[] = [];
  const core = await createAppCore({
    clock: o.clock ?? systemClock,
    timers: o.timers ?? systemTimers,
    logger: silentLogger,
    eventLog: { load: async () => [], save: async () => undefined },
    notifier: { show: (i) => shown.push(i) },
    secrets: { getSecret: async (id) => secrets.get(id) ?? null },
    options: { ...FAST, ...o.options },
  });
  const settings = (): AppSettings => ({ ...DEFAULT_SETTINGS, hosts });
  if (o.configure !== false) core.configure(settings());
  return {
    core,
    sims,
    shown,
    secrets,
    hosts,
    settings,
    async cleanup() {
      await core.stop();
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}

export function waitFor(
  core: AppCore,
  predicate: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (err?: Error): void => {
      if (finished) return;
      finished = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(deadline);
      if (err) reject(err);
      else resolve();
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
    const deadline = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeoutMs);
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
