// The farm integration tests' common start (issue 15): the orchestrator simulator, the real core watching it as one
// entry, both closed after each test whatever happened in it, and the VMs the tests seed hosts with.
import { afterEach } from 'vitest';
import type { AppCoreOptions } from '../../../src/main/core/app-core';
import type { OrchestratorSimulator, SimVm } from '../../sim';
import { startFarm } from '../sim/orchestrator-helpers';
import { farmEntry, startFarmCore, type FarmHarness } from '../../support/farm-harness';

/** The farm entry's secret, by entry id (the simulator's demo API key). */
export const FARM_SECRET = { orch: 'hubwatch-demo-secret' };

/** `n` macOS VMs in `state`, with UUID-shaped ids `${prefix}${i}-…` and names from `name`. */
export function farmVms(
  n: number,
  o: { state?: string; prefix?: string; name?: (i: number) => string } = {},
): SimVm[] {
  const prefix = o.prefix ?? '0000000';
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}-8b7e-4c33-9a10-5e4f3d2c1b0a`,
    name: o.name?.(i) ?? `runner-${i}`,
    state: o.state ?? 'running',
    os: 'macosx',
    uptime: '100',
    user: 'ci',
  }));
}

export interface FarmTest {
  /** What the running test started (closed after it): set by `live`, or by a test that starts its own. */
  sim: OrchestratorSimulator | null;
  h: FarmHarness | null;
  /** Starts a farm and the core watching it; resolves once every VM of every host is listed live. */
  live(
    o: Parameters<typeof startFarm>[0],
    options?: AppCoreOptions,
  ): Promise<[OrchestratorSimulator, FarmHarness]>;
}

/** Call once at a test file's top level. */
export function farmTest(): FarmTest {
  const t: FarmTest = {
    sim: null,
    h: null,
    async live(o, options = {}) {
      const s = await startFarm(o);
      t.sim = s;
      const harness = await startFarmCore([farmEntry(s)], FARM_SECRET, options);
      t.h = harness;
      const total = s.hosts().reduce((n, host) => n + s.vms(host.id).length, 0);
      await harness.waitFor(
        'the farm live',
        () => harness.entry()?.status.tag === 'live' && harness.vms().length === total,
      );
      return [s, harness];
    },
  };
  afterEach(async () => {
    await t.h?.stop();
    t.h = null;
    await t.sim?.close();
    t.sim = null;
  });
  return t;
}
