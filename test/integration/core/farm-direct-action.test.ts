// §6.7's direct-to-host fallback over real sockets: the orchestrator forwards VM actions to its hosts with GET, which
// v1.0.5+ hosts refuse (orchestrator-protocol.md §2.6). When the user also has an entry with credentials for that
// Mac, the action runs there instead and the farm view follows the Mac's new state (the Mac's own event, relayed by
// the orchestrator); without one, the plain explanation. Each Mac here is a real single-host simulator on 127.0.0.1
// behind the orchestrator simulator (OrchestratorHostSpec.backedBy).
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { startFarm } from '../sim/orchestrator-helpers';
import { FARM_ID, farmEntry, startFarmCore } from '../../support/farm-harness';
import { FARM_SECRET, farmTest, farmVms } from './live-farm';

const started = farmTest();
const macs: Simulator[] = [];
afterEach(async () => {
  await Promise.all(macs.splice(0).map((m) => m.close()));
});

async function mac(prefix: string): Promise<Simulator> {
  const sim = await startSimulator({ vms: farmVms(2, { state: 'stopped', prefix }), actionDelayMs: 10 });
  macs.push(sim);
  return sim;
}

describe('farm monitor: direct-to-host action fallback', () => {
  it('a refused forward runs on the user’s own entry for that Mac, and the farm row follows; without one, the plain explanation', async () => {
    const mac07 = await mac('0000007a');
    const mac08 = await mac('0000008a');
    const s = await startFarm({
      hosts: [
        { description: 'mac-07', backedBy: mac07 },
        { description: 'mac-08', backedBy: mac08 },
      ],
    });
    started.sim = s;
    const [host07, host08] = s.hosts();
    // The user has credentials for mac-07 only: a single-host entry at the URL the orchestrator registered (minus /api).
    expect(host07!.host).toBe(`${mac07.url}/api`);
    const harness = await startFarmCore(
      [
        farmEntry(s),
        {
          id: 'mac-07-direct',
          name: 'mac-07 (direct)',
          url: mac07.url,
          auth: 'password',
          username: mac07.credentials.username,
          pinnedFingerprint: null,
          enabled: true,
        },
      ],
      { ...FARM_SECRET, 'mac-07-direct': mac07.credentials.password },
    );
    started.h = harness;
    await harness.waitFor(
      'both live',
      () =>
        harness.entry()?.status.tag === 'live' &&
        harness.entry('mac-07-direct')?.status.tag === 'live' &&
        harness.vms().length === 4,
    );

    const vm = mac07.vms()[0]!;
    const result = await harness.core.runAction(FARM_ID, vm.id, 'start', undefined, host07!.id);
    expect(result.message).toContain('run directly on mac-07 (direct)');
    expect(result.message).toContain('the orchestrator cannot forward actions to mac-07');
    // It reached the Mac itself ...
    expect(mac07.getVm(vm.id)?.state).toBe('running');
    // ... and the farm's row follows, from the Mac's event relayed by the orchestrator.
    await harness.waitFor('the farm row running', () =>
      harness.vms(host07!.id).some((v) => v.id === vm.id && v.state === 'running'),
    );
    expect(s.cachedVms(host07!.id).find((v) => v.id === vm.id)?.state).toBe('running');

    // mac-08: no entry, no credentials. Nothing runs anywhere; the user is told why and what to do.
    const other = mac08.vms()[0]!;
    const error = await harness.core.runAction(FARM_ID, other.id, 'start', undefined, host08!.id).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(error).toBe(
      "The orchestrator cannot forward actions to mac-08 (a v1.0.5+ host refuses the orchestrator's GET). " +
        'Nothing was done. Add mac-08 as its own host in Settings to act on it from Hubwatch, ' +
        'or run the action on mac-08 directly.',
    );
    expect(mac08.getVm(other.id)?.state).toBe('stopped');
    expect(harness.vms(host08!.id).find((v) => v.id === other.id)?.state).toBe('stopped');
    expect(harness.core.snapshot().pending).toEqual([]);
  });
});
