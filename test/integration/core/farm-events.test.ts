// Farm monitor acceptance (issue 15): every HOST_VM_* event applied; a link outage with 5 stops inside it found after
// the link returns; an unhealthy host told once with its VMs last-known; a removed host's VMs gone. The real core
// against the orchestrator simulator over real sockets on 127.0.0.1; waits are driven by core changes.
import { describe, expect, it } from 'vitest';
import type { FarmHarness } from '../../support/farm-harness';
import { farmTest, farmVms } from './live-farm';

const { live } = farmTest();
const runningVms = (n: number) => farmVms(n);

const stateOf = (harness: FarmHarness, farmHostId: string, vmId: string): string | undefined =>
  harness.vms(farmHostId).find((v) => v.id.toLowerCase() === vmId.toLowerCase())?.state;

const farmHostState = (harness: FarmHarness, farmHostId: string): string | undefined =>
  harness.entry()?.farmHosts?.find((f) => f.id === farmHostId)?.state;

describe('farm monitor: events', () => {
  it('applies every HOST_VM_* event: state, added, updated (renamed), uptime, removed', async () => {
    const [s, harness] = await live({ hosts: 3, vmsPerHost: 2 });
    const host = s.hosts()[1]!;
    const vm = s.vms(host.id)[0]!;
    const next = vm.state === 'running' ? 'stopped' : 'running';
    s.setState(host.id, vm.id, next);
    await harness.waitFor('state applied', () => stateOf(harness, host.id, vm.id) === next);
    const added = s.addVm(host.id, { name: 'fresh-vm', state: 'running' });
    await harness.waitFor('added', () => harness.vms(host.id).some((v) => v.name === 'fresh-vm'));
    s.renameVm(host.id, added.id, 'renamed-vm');
    await harness.waitFor('renamed', () => harness.vms(host.id).some((v) => v.name === 'renamed-vm'));
    s.setUptime(host.id, added.id, '4242');
    await harness.waitFor('uptime', () => harness.vms(host.id).some((v) => v.uptimeSeconds === 4242));
    s.removeVm(host.id, added.id);
    await harness.waitFor('removed', () => !harness.vms(host.id).some((v) => v.id === added.id));
    // Every VM carries its farm host; the other hosts were untouched.
    expect(harness.vms().every((v) => v.farmHostId !== undefined)).toBe(true);
    const stop = harness.notifications.find((n) => n.vmId === vm.id);
    if (next === 'stopped') expect(stop?.title).toBe(`${vm.name} stopped · ${host.description}`);
  });

  it('a link outage with 5 stops inside it: all 5 told after the link returns, found after the outage, never shown running again', async () => {
    const [s, harness] = await live(
      { hosts: [{ vms: runningVms(8), description: 'mac-07' }, {}, {}] },
      { farmTimings: { unlinkedPollMs: 600_000, debounceMs: 50, listRetryMs: 50, resyncRetryMs: 200 } },
    );
    const host = s.hosts().find((x) => x.description === 'mac-07')!;
    const victims = s.vms(host.id).slice(0, 5);
    s.cutLink(host.id);
    await harness.waitFor('polling (link down)', () => farmHostState(harness, host.id) === 'polling');
    for (const v of victims) s.setState(host.id, v.id, 'stopped');
    expect(s.stats.lostEvents).toBe(5);
    // Still running in our view and in the orchestrator's cache: nobody told anyone.
    for (const v of victims) expect(stateOf(harness, host.id, v.id)).toBe('running');

    let shownRunningAfterFix = false;
    let fixed = false;
    const off = harness.core.onChange(() => {
      const states = victims.map((v) => stateOf(harness, host.id, v.id));
      if (states.every((st) => st === 'stopped')) fixed = true;
      else if (fixed && states.some((st) => st === 'running')) shownRunningAfterFix = true;
    });
    const restoredAt = Date.now();
    s.restoreLink(host.id);
    await harness.waitFor(
      'all 5 found stopped',
      () => victims.every((v) => stateOf(harness, host.id, v.id) === 'stopped'),
      10_000,
    );
    expect(Date.now() - restoredAt).toBeLessThan(10_000);
    await harness.waitFor('the back notification', () =>
      harness.notifications.some((n) => n.title.startsWith('mac-07 is back')),
    );
    const back = harness.notifications.filter((n) => n.title.startsWith('mac-07 is back'));
    expect(back.map((n) => n.title)).toEqual([
      'mac-07 is back — 5 VMs stopped while its live events were down',
    ]);
    expect(back[0]?.covers.map((c) => c.vmId).sort()).toEqual(victims.map((v) => v.id).sort());
    // No second notification per VM on top of it.
    expect(harness.notifications.filter((n) => victims.some((v) => n.vmId === v.id))).toEqual([]);
    for (const v of victims) {
      const shown = harness.vms(host.id).find((x) => x.id === v.id);
      expect(shown?.changedWhileOffline).toBe(true);
    }
    const offline = harness
      .events()
      .filter((e) => e.offline && e.to === 'stopped' && e.farmHostId === host.id);
    expect(offline).toHaveLength(5);
    // The orchestrator's stale cache must not bring them back to running: a re-list now still says running, and
    // each disagreement is read live instead of being believed.
    expect(s.cachedVms(host.id).filter((v) => v.state === 'running')).toHaveLength(8);
    const readsBefore = s.stats.statusReads;
    harness.core.reconcileAll('test');
    await harness.waitFor('the disagreements read live', () => s.stats.statusReads >= readsBefore + 5);
    await harness.waitFor('farm host live', () => farmHostState(harness, host.id) === 'live');
    off();
    expect(victims.every((v) => stateOf(harness, host.id, v.id) === 'stopped')).toBe(true);
    expect(shownRunningAfterFix).toBe(false);
  });

  it('an unhealthy host: one notification, its VMs kept last-known with the time they are from; several at once: one', async () => {
    const [s, harness] = await live({ hosts: 5, vmsPerHost: 3 });
    const [a, b, c] = s.hosts();
    const count = s.vms(a!.id).length;
    s.killHostService(a!.id);
    await harness.waitFor('unreachable', () => farmHostState(harness, a!.id) === 'unreachable');
    await harness.waitFor('told', () => harness.notifications.some((n) => n.title.includes('unreachable')));
    const summary = harness.entry()?.farmHosts?.find((f) => f.id === a!.id);
    expect(summary?.dataAsOf).toBeTypeOf('number');
    expect(harness.vms(a!.id)).toHaveLength(count);
    expect(harness.notifications.map((n) => n.title)).toEqual([`${a!.description} is unreachable · farm-1`]);

    s.killHostService(b!.id);
    s.killHostService(c!.id);
    await harness.waitFor('two more told', () => harness.notifications.length === 2);
    expect(harness.notifications[1]?.title).toBe('2 farm hosts unreachable · farm-1');
    // Health is a level, repeated every tick: still one notification each after more ticks.
    await harness.waitFor('a few more health ticks', () => s.stats.published.HOST_HEALTH_UPDATE! > 20);
    expect(harness.notifications).toHaveLength(2);
  });

  it('a removed host takes its VMs with it', async () => {
    const [s, harness] = await live({ hosts: 3, vmsPerHost: 2 });
    const gone = s.hosts()[2]!;
    s.removeHost(gone.id);
    await harness.waitFor('its VMs gone', () => harness.vms(gone.id).length === 0);
    expect(harness.entry()?.farmHosts?.some((f) => f.id === gone.id)).toBe(false);
    expect(harness.vms()).toHaveLength(4);
  });
});
