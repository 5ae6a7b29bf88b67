// Pushes carry what changed (issue 15, "Scale"): measured over the real core fed by the scriptable hub, the bytes
// Electron would send (the structured-clone serializer) and the page's rebuilt state against a full snapshot.
import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatePusher } from '../../../src/main/ipc/push-deltas';
import { SnapshotModel } from '../../../src/shared/snapshot-model';
import type { StatePush } from '../../../src/shared/state-push';
import { vm } from '../core/fake-hub';
import { farm, stopFarm } from '../core/fake-farm';
import { expectPageHolds } from './page-holds';

afterEach(stopFarm);

describe('state pushes', () => {
  it('one VM change at 4,000 VMs pushes under 2 KB; the first push is the full snapshot', async () => {
    const { hub, core } = await farm(100, 40);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const first = pusher.next();
    expect('full' in first && first.full.vms.length).toBe(4_000);
    expect(serialize(first).length).toBeGreaterThan(400_000);

    hub.last('h7').connection.msg({
      type: 'vm-state-changed',
      vmId: 'h7-vm-3',
      previousState: 'running',
      currentState: 'stopped',
    });
    const second = pusher.next();
    const bytes = serialize(second).length;
    expect(bytes).toBeLessThan(2_048);
    expect('delta' in second && second.delta.upserts?.map((v) => [v.id, v.state])).toEqual([
      ['h7-vm-3', 'stopped'],
    ]);
  });

  it('a page that applies the pushes holds exactly the full snapshot: changes, removals, hosts, events, mutes', async () => {
    const { hub, core } = await farm(3, 5);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const page = new SnapshotModel();
    const deliver = (p: StatePush): void => expect(page.apply(structuredClone(p))).toBe('applied');
    deliver(pusher.next());

    const c = hub.last('h1');
    c.connection.msg({
      type: 'vm-state-changed',
      vmId: 'h1-vm-2',
      previousState: 'running',
      currentState: 'stopped',
    });
    deliver(pusher.next());
    c.connection.msg({ type: 'vm-removed', vmId: 'h1-vm-4' });
    c.connection.msg({
      type: 'vm-upsert',
      vmId: 'h1-vm-9',
      vm: vm('h1-vm-9', 'ci-aaa-first', 'stopped'),
      reason: 'added',
    });
    core.setVmMuted('h1', 'h1-vm-2', true);
    deliver(pusher.next());
    // 'closed' alone changes no status; the retry it schedules makes the host 'reconnecting' (app-core.test.ts).
    hub.last('h2').connection.emit({ type: 'closed', reason: '1006', willRetry: true });
    hub.last('h2').connection.emit({ type: 'retry-scheduled', attempt: 1, nextAt: 5_000, lastError: '1006' });
    deliver(pusher.next());

    expectPageHolds(page.current, core);
    expect(page.current!.hosts.map((h) => h.status.tag)).toEqual(['live', 'live', 'reconnecting']);
    expect(page.current!.vms.map((v) => v.name)).toEqual(core.snapshot().vms.map((v) => v.name));
  });

  it('a page that missed a push sees the gap; after reset() the next push is full again', async () => {
    const { hub, core } = await farm(1, 3);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const page = new SnapshotModel();
    expect(page.apply(pusher.next())).toBe('applied');
    hub.last('h0').connection.msg({
      type: 'vm-state-changed',
      vmId: 'h0-vm-1',
      previousState: 'running',
      currentState: 'stopped',
    });
    pusher.next(); // lost on the way
    hub.last('h0').connection.msg({
      type: 'vm-state-changed',
      vmId: 'h0-vm-2',
      previousState: 'running',
      currentState: 'stopped',
    });
    expect(page.apply(pusher.next())).toBe('gap');
    pusher.reset();
    const full = pusher.next();
    expect('full' in full).toBe(true);
    expect(page.apply(full)).toBe('applied');
    expect(page.current?.vms.filter((v) => v.state === 'stopped')).toHaveLength(2);
  });
});
