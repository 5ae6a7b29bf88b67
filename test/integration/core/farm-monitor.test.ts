// The farm monitor end to end: the real core watching the orchestrator simulator as one entry (issue 15 acceptance),
// over real sockets on 127.0.0.1. Waits are driven by core changes; the simulator's delays are configured short.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrchestratorSimulator } from '../../sim';
import { startFarm } from '../sim/orchestrator-helpers';
import { farmEntry, startFarmCore, type FarmHarness } from '../../support/farm-harness';

let sim: OrchestratorSimulator | null = null;
let h: FarmHarness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
  await sim?.close();
  sim = null;
});

const SECRET = { orch: 'hubwatch-demo-secret' };

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
    sim = await startFarm({ hosts: 40, vmsPerHost: 3 });
    const s = sim;
    h = await startFarmCore([farmEntry(s)], SECRET);
    const harness = h;
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
