import { describe, expect, it } from 'vitest';
import { normalizeVmId } from '../../../src/shared/model';
import { isLive, same, statusOf, storeView, truth, vmEvents, waitFor } from '../../support/core-harness';
import { harnessPerTest } from '../../support/per-test-harness';

const startWithSimulators = harnessPerTest();

describe('outage and recovery', () => {
  it('changes during an outage are found, logged as offline, and the stop notifies exactly once, marked offline', async () => {
    const h = await startWithSimulators([{ vms: 6, seed: 21 }]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const running = sim.vms().filter((v) => v.state === 'running');
    const stoppedVm = sim.vms().find((v) => v.state !== 'running');
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(stoppedVm).toBeDefined();

    sim.refuseConnections(503);
    sim.dropAllSockets();
    await waitFor(core, () => statusOf(core, 'h1') === 'reconnecting', 'reconnecting');
    const rejectedBefore = sim.stats.wsRejected[503] ?? 0;
    // Three changes while we are away: one stops, one starts, one is renamed.
    sim.setState(running[0]!.id, 'stopped');
    sim.setState(stoppedVm!.id, 'running');
    sim.renameVm(running[1]!.id, 'renamed-while-away');
    await waitFor(
      core,
      () => (sim.stats.wsRejected[503] ?? 0) > rejectedBefore,
      'a refused reconnect attempt',
    );
    sim.refuseConnections(null);

    await waitFor(
      core,
      () => isLive(core, 'h1') && same(storeView(core, 'h1'), truth(sim)),
      'recovered and in sync',
    );
    const offline = vmEvents(core.snapshot().events);
    expect(offline.map((e) => `${e.kind}:${normalizeVmId(e.vmId ?? '')}`).sort()).toEqual(
      [
        `state-changed:${normalizeVmId(running[0]!.id)}`,
        `state-changed:${normalizeVmId(stoppedVm!.id)}`,
        `renamed:${normalizeVmId(running[1]!.id)}`,
      ].sort(),
    );
    expect(offline.every((e) => e.offline === true)).toBe(true);
    const kinds = core.snapshot().events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'connection-lost')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'connection-restored')).toHaveLength(1);
    const stops = h.notifications.filter(
      (i) => i.vmId && normalizeVmId(i.vmId) === normalizeVmId(running[0]!.id),
    );
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ offline: true, title: `${running[0]!.name} stopped · Farm h1` });
    expect(h.notifications).toHaveLength(1);
    expect(
      core.snapshot().vms.find((v) => normalizeVmId(v.id) === normalizeVmId(running[0]!.id))
        ?.changedWhileOffline,
    ).toBe(true);
  });

  it('a frozen server is detected with a short liveness setting and the client reconnects', async () => {
    const h = await startWithSimulators([{ vms: 2, seed: 2, pingIntervalMs: 50 }], {
      core: { livenessTimeoutMs: 400 },
    });
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const connected = sim.stats.wsConnected;
    sim.freeze(true);
    await waitFor(core, () => statusOf(core, 'h1') !== 'live', 'freeze detected', 5_000);
    sim.freeze(false);
    await waitFor(core, () => isLive(core, 'h1') && sim.stats.wsConnected > connected, 'reconnected', 5_000);
    expect(core.snapshot().events.map((e) => e.kind)).toEqual(['connection-lost', 'connection-restored']);
  });

  it('garbage and binary frames: nothing crashes, state untouched, counters increase', async () => {
    const h = await startWithSimulators([{ vms: 3, seed: 9 }]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const vmsBefore = core.snapshot().vms;
    const c0 = { ...core.hostDiagnostics('h1')!.counters! };
    sim.sendRaw('this is not json');
    sim.sendRaw(Buffer.from([0, 1, 2, 255]), { binary: true });
    sim.sendRaw('{"event_type":"pdfm","message":"VM_STATE_CHANGED","body":{"vm_id":42,"current_state":[]}}');
    sim.sendRaw('{"event_type":"pdfm","message":"SOMETHING_NEW","body":{}}');
    sim.sendRaw('[1,2,3]');
    await waitFor(
      core,
      () => {
        const c = core.hostDiagnostics('h1')!.counters!;
        return c.framesInvalid + c.framesIgnored >= c0.framesInvalid + c0.framesIgnored + 5;
      },
      'bad frames counted',
    );
    const c1 = core.hostDiagnostics('h1')!.counters!;
    expect(c1.framesInvalid).toBeGreaterThan(c0.framesInvalid);
    expect(core.snapshot().vms).toBe(vmsBefore);
    expect(isLive(core, 'h1')).toBe(true);
    // Still working afterwards.
    const vm = sim.vms()[0]!;
    sim.setState(vm.id, vm.state === 'running' ? 'stopped' : 'running');
    await waitFor(core, () => same(storeView(core, 'h1'), truth(sim)), 'still applies events');
  });
});
