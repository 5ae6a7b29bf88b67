// The real application core watching the orchestrator simulator as one farm entry (plus, optionally, single-host
// entries), over real sockets on 127.0.0.1, with short configured farm timings. Everything observable is recorded.
import { createAppCore, type AppCoreDiagnostics } from '../../src/main/core/app-core';
import type { AppCoreOptions } from '../../src/main/core/app-core-types';
import type { AppCore } from '../../src/main/core/ports';
import { defaultHubFactory } from '../../src/main/hub-factory';
import { systemClock, systemTimers } from '../../src/main/kernel/clock';
import type { NotificationIntent } from '../../src/main/notify/intent';
import type { HostSummary, HubEvent, Vm } from '../../src/shared/model';
import { DEFAULT_SETTINGS, type HostConfig } from '../../src/shared/settings';
import type { OrchestratorSimulator } from '../sim';
import { createCapturingLogger, type CapturingLogger } from './capture';
import { waitFor } from './core-harness';

export const FARM_ID = 'orch';

/** Farm timers scaled down so a test never waits for the product's minutes; nothing else differs. */
export const FAST_FARM: AppCoreOptions = {
  livenessTimeoutMs: 10_000,
  backoff: { initialMs: 20, maxMs: 200, stableAfterMs: 1_000 },
  coalesceWindowMs: 0,
  notificationRateCapPerMinute: 1_000_000,
  farmUnreachableWindowMs: 300,
  farmActionConfirmMs: 2_000,
  farmTimings: {
    hostsPollMs: 60_000,
    relistMs: 300_000,
    unlinkedPollMs: 200,
    listRetryMs: 50,
    debounceMs: 50,
    resyncRetryMs: 200,
  },
};

export interface FarmHarness {
  readonly core: AppCore & AppCoreDiagnostics;
  readonly logger: CapturingLogger;
  readonly notifications: NotificationIntent[];
  readonly events: () => readonly HubEvent[];
  entry(id?: string): HostSummary | undefined;
  /** The farm's VMs of one farm host (default: all of the entry). */
  vms(farmHostId?: string): Vm[];
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function farmEntry(sim: OrchestratorSimulator, extra: Partial<HostConfig> = {}): HostConfig {
  return {
    id: FARM_ID,
    name: 'farm-1',
    url: sim.url,
    auth: 'api-key',
    username: 'hubwatch-demo-key',
    pinnedFingerprint: null,
    enabled: true,
    ...extra,
  };
}

export async function startFarmCore(
  hosts: readonly HostConfig[],
  secrets: Readonly<Record<string, string>>,
  options: AppCoreOptions = {},
): Promise<FarmHarness> {
  const logger = createCapturingLogger(5_000);
  const notifications: NotificationIntent[] = [];
  const core = await createAppCore({
    clock: systemClock,
    timers: systemTimers,
    logger,
    eventLog: { load: () => Promise.resolve([]), save: () => Promise.resolve() },
    notifier: { show: (i) => void notifications.push(i) },
    secrets: { getSecret: (id) => Promise.resolve(secrets[id] ?? null) },
    hubFactory: defaultHubFactory,
    options: { ...FAST_FARM, ...options },
  });
  core.configure({ ...DEFAULT_SETTINGS, hosts });
  return {
    core,
    logger,
    notifications,
    events: () => core.snapshot().events,
    entry: (id = FARM_ID) => core.snapshot().hosts.find((h) => h.id === id),
    vms: (farmHostId) =>
      core
        .snapshot()
        .vms.filter((v) => v.hostId === FARM_ID && (farmHostId === undefined || v.farmHostId === farmHostId)),
    waitFor: (what, predicate, timeoutMs = 10_000) => waitFor(core, predicate, what, timeoutMs),
    stop: () => core.stop(),
  };
}
