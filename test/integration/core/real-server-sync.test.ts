// Situations 3, 4 and 6 of issue 11 against the strict simulator: a failing or hanging GET /machines during a
// live stream, a server without the machines API, the list-before-event race, and a stale VM_UPDATED snapshot.
import { describe, expect, it } from 'vitest';
import { isLive, statusOf, waitFor, type Harness } from '../../support/core-harness';
import {
  firstVmRunning,
  harnessPerTest,
  liveWithWarning,
  reconcileAndWait,
  stateOf,
  statusIn,
} from '../../support/per-test-harness';

const startWithSimulators = harnessPerTest();

const stopNotices = (harness: Harness, vmId: string): number =>
  harness.notifications.filter(
    (n) => n.covers.some((c) => c.vmId === vmId) && /stopped/i.test(n.title + n.body),
  ).length;

describe('GET /machines outage during a live stream (issue 11, situation 3)', () => {
  for (const mode of [500, 'hang'] as const) {
    it(`list ${mode === 500 ? 'answering 500' : 'hanging'}: every stop is shown and notified within 1 s, the status names the failure`, async () => {
      const h = await startWithSimulators([{ vms: 5, seed: 131, flushIntervalMs: 5, actionDelayMs: 20 }], {
        core: { restTimeoutMs: 400 },
      });
      const { core } = h;
      const sim = h.sims[0]!;
      await waitFor(core, () => isLive(core, 'h1'), 'live');
      for (const v of sim.vms()) if (v.state !== 'running') sim.setState(v.id, 'running');
      await waitFor(core, () => sim.vms().every((v) => stateOf(h, v.id) === 'running'), 'all running');
      sim.failMachinesList(mode);
      core.reconcileAll('periodic');
      await liveWithWarning(h, 'list-failed', 'the status names the list failure');
      const s = statusIn(h, 'h1');
      if (s?.tag !== 'live' || !s.warning) throw new Error('unexpected status');
      expect(s.warning.message).toMatch(mode === 500 ? /prlctl list failed/ : /did not answer/);
      for (const vm of sim.vms()) {
        const started = Date.now();
        sim.setState(vm.id, 'stopped');
        await waitFor(
          core,
          () => stateOf(h, vm.id) === 'stopped' && stopNotices(h, vm.id) === 1,
          `stop of ${vm.name} shown and notified`,
          1_000,
        );
        expect(Date.now() - started).toBeLessThan(1_000);
      }
      sim.failMachinesList(null);
    });
  }

  it('a server without the machines API (orchestrator-only) says so instead of "Syncing…" forever', async () => {
    const h = await startWithSimulators([{ vms: 2, seed: 132, orchestratorOnly: true }]);
    const { core } = h;
    await waitFor(
      core,
      () => {
        const s = statusIn(h, 'h1');
        return (s?.tag === 'syncing' || s?.tag === 'live') && s.warning?.kind === 'no-machines-api';
      },
      'no-machines-api warning',
    );
  });
});

describe('changes a reconcile finds while connected (issue 11, situation 4)', () => {
  it('a list that sees a stop before its event: notified once, without the "while disconnected" label', async () => {
    const h = await startWithSimulators([{ vms: 3, seed: 141, flushIntervalMs: 5, eventLagMs: 400 }]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const vm = await firstVmRunning(h);
    const connected = sim.stats.wsConnected;
    sim.setState(vm.id, 'stopped'); // the cache changes now, the frame leaves 400 ms later
    core.reconcileAll('periodic');
    await waitFor(core, () => stateOf(h, vm.id) === 'stopped', 'stop found by the reconcile');
    const sent = sim.stats.framesSent;
    await waitFor(core, () => sim.stats.framesSent > sent, 'the late event went out');
    await waitFor(core, () => stopNotices(h, vm.id) >= 1, 'notified');
    const entries = core.snapshot().events.filter((e) => e.vmId === vm.id && e.to === 'stopped');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.offline).not.toBe(true);
    expect(
      h.notifications.filter((n) => n.covers.some((c) => c.vmId === vm.id)).every((n) => !n.offline),
    ).toBe(true);
    expect(sim.stats.wsConnected).toBe(connected); // really connected all along
  });
});

describe('a stale VM_UPDATED from the periodic full refresh (issue 11, situation 6)', () => {
  it('a snapshot older than the stop does not bring the VM back to running, and the stop is notified once', async () => {
    const h = await startWithSimulators([
      { vms: 3, seed: 161, flushIntervalMs: 5, refreshSnapshotAgeMs: 300 },
    ]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const vm = await firstVmRunning(h);
    const lookups = sim.machineLookups;
    sim.refreshNow(); // snapshot: running; sent 300 ms later
    sim.setState(vm.id, 'stopped');
    await waitFor(core, () => stateOf(h, vm.id) === 'stopped', 'stop applied');
    const sent = sim.stats.framesSent;
    await waitFor(core, () => sim.stats.framesSent >= sent + sim.vms().length, 'stale snapshot sent');
    await waitFor(core, () => sim.machineLookups > lookups || stateOf(h, vm.id) !== 'stopped', 'handled');
    expect(stateOf(h, vm.id)).toBe('stopped');
    // A silent rename of another VM marks when the reconcile's list has been applied.
    await reconcileAndWait(h, sim.vms()[1]!.id, 'reconcile-marker');
    expect(statusOf(core, 'h1')).toBe('live');
    expect(stateOf(h, vm.id)).toBe('stopped');
    expect(stopNotices(h, vm.id)).toBe(1);
  });
});
