// The farm monitor end to end: the real core watching the orchestrator simulator as one entry (issue 15 acceptance),
// over real sockets on 127.0.0.1. Waits are driven by core changes; the simulator's delays are configured short.
import { describe, expect, it } from 'vitest';
import type { OrchestratorSimulator } from '../../sim';
import { startFarm } from '../sim/orchestrator-helpers';
import { farmEntry, startFarmCore, type FarmHarness } from '../../support/farm-harness';
import { FARM_SECRET, farmTest } from './live-farm';

const farm = farmTest();

/** The simulator's truth for every host, as "farmHostId/vmId=state" lines. */
function truth(s: OrchestratorSimulator): string[] {
  return s
    .hosts()
    .flatMap((host) => s.vms(host.id).map((vm) => `${host.id}/${vm.id.toLowerCase()}=${vm.state}`))
    .sort();
}

function shown(harness: FarmHarness): string[] {
  return harness
    .vms()
    .map((vm) => `${vm.farmHostId ?? '?'}/${vm.id.toLowerCase()}=${vm.state}`)
    .sort();
}

describe('farm monitor against the orchestrator simulator', () => {
  it('detects the orchestrator by itself, lists 40 hosts, and shows exactly the truth', async () => {
    const s = (farm.sim = await startFarm({ hosts: 40, vmsPerHost: 3 }));
    const harness = (farm.h = await startFarmCore([farmEntry(s)], FARM_SECRET));
    await harness.waitFor(
      'the farm live with 120 VMs',
      () => harness.entry()?.status.tag === 'live' && harness.vms().length === 120,
    );
    expect(shown(harness)).toEqual(truth(s));
    const entry = harness.entry();
    expect(entry?.kind).toBe('orchestrator');
    expect(entry?.farmHosts).toHaveLength(40);
    expect(new Set(entry?.farmHosts?.map((f) => f.state))).toEqual(new Set(['live']));
    // The first list is a silent baseline.
    expect(harness.notifications).toEqual([]);
  });
});
