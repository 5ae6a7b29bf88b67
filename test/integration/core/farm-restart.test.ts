// §6.2 step 6 (orchestrator-protocol.md): an orchestrator that restarted says nothing about it on the channel. Its
// links come back without HOST_WEBSOCKET_CONNECTED, `has_websocket_events` never flipped, and its cache keeps the
// pre-restart values until the silent startup full refresh lands (simulator: links.ts `restart()`, from
// src/orchestrator/main.go). Whatever a Mac did while the orchestrator was down is lost. Only `/ws/stats`
// `start_time` tells: the real core must notice it and read every host live, so no stop is missed.
import { describe, expect, it } from 'vitest';
import type { FarmHarness } from '../../support/farm-harness';
import { farmTest, farmVms } from './live-farm';

const { live } = farmTest();

const stateOf = (harness: FarmHarness, farmHostId: string, vmId: string): string | undefined =>
  harness.vms(farmHostId).find((v) => v.id.toLowerCase() === vmId.toLowerCase())?.state;

describe('farm monitor: orchestrator restart', () => {
  it('5 stops while the orchestrator was down: all 5 found within 10 s of its return and told once, never shown running again', async () => {
    // The startup refresh takes a minute here (100 hosts, one snapshot call per VM): the cache stays stale meanwhile.
    const [s, harness] = await live({
      hosts: [{ vms: farmVms(8), description: 'mac-07' }, {}, {}],
      fullRefreshDurationMs: 60_000,
    });
    const host = s.hosts().find((x) => x.description === 'mac-07')!;
    const victims = s.vms(host.id).slice(0, 5);
    await s.restart({
      whileDown: () => {
        for (const v of victims) s.setState(host.id, v.id, 'stopped');
      },
    });
    const restartedAt = Date.now();
    // Nothing was relayed, and the orchestrator's cache still says "running" for all five.
    expect(s.stats.lostEvents).toBe(5);
    expect(s.cachedVms(host.id).filter((v) => v.state === 'running')).toHaveLength(8);

    let shownRunningAfterFix = false;
    let fixed = false;
    const off = harness.core.onChange(() => {
      const states = victims.map((v) => stateOf(harness, host.id, v.id));
      if (states.every((st) => st === 'stopped')) fixed = true;
      else if (fixed && states.some((st) => st === 'running')) shownRunningAfterFix = true;
    });
    await harness.waitFor(
      'all 5 found stopped',
      () => victims.every((v) => stateOf(harness, host.id, v.id) === 'stopped'),
      10_000,
    );
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    await harness.waitFor('the restart notification', () =>
      harness.notifications.some((n) => n.farmHostId === host.id),
    );
    const told = harness.notifications.filter((n) => n.farmHostId === host.id);
    expect(told.map((n) => n.title)).toEqual([
      'mac-07 — 5 VMs stopped while the orchestrator was restarting',
    ]);
    expect(told[0]?.covers.map((c) => c.vmId).sort()).toEqual(victims.map((v) => v.id).sort());
    for (const v of victims)
      expect(harness.vms(host.id).find((x) => x.id === v.id)?.changedWhileOffline).toBe(true);
    // The other VMs were read live too, and still run; the other hosts are untouched.
    expect(harness.vms(host.id).filter((v) => v.state === 'running')).toHaveLength(3);
    expect(s.cachedVms(host.id).filter((v) => v.state === 'running')).toHaveLength(8);
    off();
    expect(shownRunningAfterFix).toBe(false);
  });

  it('a VM added while the orchestrator was down appears once its startup refresh has landed (the whole farm re-listed)', async () => {
    const [s, harness] = await live(
      { hosts: [{ vms: farmVms(2), description: 'mac-07' }, {}], fullRefreshDurationMs: 300 },
      { farmTimings: { restartRelistMs: 1_000 } },
    );
    const host = s.hosts().find((x) => x.description === 'mac-07')!;
    let added = '';
    await s.restart({
      whileDown: () => {
        added = s.addVm(host.id, { name: 'born-while-down', state: 'running' }).id;
      },
    });
    const restartedAt = Date.now();
    await harness.waitFor(
      'the new VM listed',
      () => harness.vms(host.id).some((v) => v.id === added),
      10_000,
    );
    // Not from the reconnect's own lists (the cache was still pre-restart then): from the re-list a second later.
    expect(Date.now() - restartedAt).toBeGreaterThanOrEqual(1_000);
  });
});
