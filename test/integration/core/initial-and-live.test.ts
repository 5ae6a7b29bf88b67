import { describe, expect, it } from 'vitest';
import { createRecordingTimers, type ArmedTimer } from '../../reliability/support/timers';
import { CONFIRM_WINDOW_MS, isLive, same, storeView, truth, waitFor } from '../../support/core-harness';
import { harnessPerTest } from '../../support/per-test-harness';

/** The one timer that starts "did it settle?" confirmations (confirm-deadlines.ts); sites come from the stack. */
const CONFIRM_SITE = /ConfirmDeadlines\.schedule/;
const WINDOW = CONFIRM_WINDOW_MS;
const confirmTimers = (armed: readonly ArmedTimer[]): ArmedTimer[] =>
  armed.filter((t) => CONFIRM_SITE.test(t.site));

const startWithSimulators = harnessPerTest();

describe('initial list', () => {
  it('equals the simulator truth (names, states, OS) for 1 host', async () => {
    const h = await startWithSimulators([{ vms: 8, seed: 3 }]);
    const { core, sims } = h;
    await waitFor(core, () => isLive(core, 'h1'), 'h1 live');
    expect(storeView(core, 'h1')).toEqual(truth(sims[0]!));
    expect(truth(sims[0]!)).toHaveLength(8);
    // The baseline is silent.
    expect(core.snapshot().events).toEqual([]);
    expect(h.notifications).toEqual([]);
  });

  it('equals the simulator truth for 3 hosts at once, each keyed by its host', async () => {
    const h = await startWithSimulators([
      { vms: 4, seed: 1 },
      { vms: 5, seed: 2 },
      { vms: 3, seed: 3, docsShape: true },
    ]);
    const { core, sims } = h;
    await waitFor(core, () => ['h1', 'h2', 'h3'].every((id) => isLive(core, id)), 'all hosts live');
    sims.forEach((sim, i) => expect(storeView(core, `h${i + 1}`)).toEqual(truth(sim)));
    expect(core.snapshot().vms).toHaveLength(12);
  });
});

describe('live events', () => {
  it('each event kind changes the store as the server truth', async () => {
    const h = await startWithSimulators([{ vms: 4, seed: 5 }]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const inSync = (): boolean => same(storeView(core, 'h1'), truth(sim));
    const [a, b, c] = sim.vms();

    sim.setState(a!.id, a!.state === 'running' ? 'stopped' : 'running');
    await waitFor(core, inSync, 'state change applied');

    const added = sim.addVm({ name: 'fresh-vm', state: 'stopped', os: 'ubuntu' });
    await waitFor(core, inSync, 'VM_ADDED applied');
    expect(core.snapshot().vms.some((v) => v.name === 'fresh-vm')).toBe(true);

    sim.renameVm(b!.id, 'renamed-vm');
    await waitFor(core, inSync, 'rename applied');

    sim.removeVm(c!.id);
    await waitFor(core, inSync, 'VM_REMOVED applied');

    sim.setUptime(added.id, '1234');
    await waitFor(
      core,
      () =>
        core.snapshot().vms.find((v) => v.id.toLowerCase() === added.id.toLowerCase())?.uptimeSeconds ===
        1234,
      'uptime applied',
    );

    const log = core.snapshot().events.map((e) => e.kind);
    expect(log).toEqual(expect.arrayContaining(['state-changed', 'added', 'renamed', 'removed']));
    expect(core.snapshot().events.every((e) => !e.offline)).toBe(true);
  });

  it('realistic mode: reordered transitions converge, and what stays transitional is confirmed within the window', async () => {
    const timers = createRecordingTimers();
    const h = await startWithSimulators([{ vms: 6, seed: 11, realistic: true, actionDelayMs: 30 }], {
      timers,
    });
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const mark = timers.armed.length;
    // Quick transitional -> final pairs on every VM, as prlctl produces them; the simulator may reorder them.
    for (const vm of sim.vms()) {
      const target = vm.state === 'running' ? 'stopped' : 'running';
      sim.setState(vm.id, target === 'stopped' ? 'stopping' : 'starting');
      sim.setState(vm.id, target);
    }
    // Real time decides only how long delivery takes on a busy machine (hence the generous deadline); the window
    // itself is proven by the timers: no confirmation was scheduled further out than confirmTransitionalAfterMs.
    await waitFor(core, () => same(storeView(core, 'h1'), truth(sim)), 'store converges to truth', 5_000);
    expect(core.snapshot().vms.every((v) => v.state === 'running' || v.state === 'stopped')).toBe(true);
    const confirms = confirmTimers(timers.armed.slice(mark));
    for (const t of confirms) expect(t.ms).toBeLessThanOrEqual(WINDOW);
  });

  it('a reordered pair (stopped, then stale stopping) ends stopped with exactly one notification', async () => {
    const timers = createRecordingTimers();
    const h = await startWithSimulators([{ vms: 3, seed: 4 }], { timers });
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const vm = sim.vms().find((v) => v.state === 'running') ?? sim.vms()[0]!;
    if (vm.state !== 'running') {
      sim.setState(vm.id, 'running');
      await waitFor(core, () => same(storeView(core, 'h1'), truth(sim)), 'running');
    }
    sim.setState(vm.id, 'stopped', { silent: true });
    const frame = (prev: string, cur: string) => ({
      event_type: 'pdfm',
      message: 'VM_STATE_CHANGED',
      body: { previous_state: prev, current_state: cur, vm_id: vm.id },
    });
    const framesBefore = core.hostDiagnostics('h1')!.counters!.framesReceived;
    sim.broadcast(frame('stopping', 'stopped'));
    sim.broadcast(frame('running', 'stopping'));
    await waitFor(
      core,
      () => same(storeView(core, 'h1'), truth(sim)) && h.notifications.length > 0,
      'stopped + notified',
    );
    // Past the confirmation window, without waiting for it or for a log line: once both frames are in, every
    // confirmation timer still pending runs now (as if the window had passed), and any GET it started is answered
    // before we look. Nothing may flip back to "stopping", and no second notification may appear.
    const counters = () => core.hostDiagnostics('h1')!.counters!;
    await waitFor(core, () => counters().framesReceived >= framesBefore + 2, 'both frames received');
    const restBefore = sim.stats.restRequests;
    const fired = confirmTimers(timers.pending()).filter((t) => timers.fire(t)).length;
    if (fired > 0)
      await waitFor(core, () => sim.stats.restRequests > restBefore, 'confirmation GET sent', 5_000);
    await fetch(`${sim.url}/api/health/probe`).then((r) => r.arrayBuffer()); // the GET's answer is back by now
    await new Promise((resolve) => setImmediate(resolve));
    expect(confirmTimers(timers.pending())).toEqual([]);
    expect(storeView(core, 'h1')).toEqual(truth(sim));
    expect(h.notifications.filter((i) => i.vmId?.toLowerCase() === vm.id.toLowerCase())).toHaveLength(1);
  });

  it('duplicates change nothing', async () => {
    const h = await startWithSimulators([{ vms: 3, seed: 8 }]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const vm = sim.vms()[0]!;
    const next = vm.state === 'running' ? 'stopped' : 'running';
    sim.setState(vm.id, next);
    await waitFor(core, () => same(storeView(core, 'h1'), truth(sim)), 'applied');
    // A VM_ADDED for a known VM carries the full REST object; let the first copy align uptime etc.
    const added = {
      event_type: 'pdfm',
      message: 'VM_ADDED',
      body: { vm_id: vm.id, new_vm: sim.restVm(vm.id) },
    };
    const counters = () => core.hostDiagnostics('h1')!.counters!;
    const first = counters().framesReceived;
    sim.broadcast(added);
    await waitFor(core, () => counters().framesReceived >= first + 1, 'first copy received');
    const vmsBefore = core.snapshot().vms;
    const eventsBefore = core.snapshot().events.length;
    const shownBefore = h.notifications.length;
    const received = counters().framesReceived;
    // The state event setState() already sent, twice more, and the VM_ADDED again (not deduplicated by servers).
    const frame = {
      event_type: 'pdfm',
      message: 'VM_STATE_CHANGED',
      body: { previous_state: vm.state, current_state: next, vm_id: vm.id },
    };
    sim.broadcast(frame);
    sim.broadcast(frame);
    sim.broadcast(added);
    await waitFor(core, () => counters().framesReceived >= received + 3, 'duplicates received');
    expect(core.snapshot().vms).toBe(vmsBefore);
    expect(core.snapshot().events).toHaveLength(eventsBefore);
    expect(h.notifications).toHaveLength(shownBefore);
  });
});
