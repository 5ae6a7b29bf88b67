// HostSync's per-VM bookkeeping must follow the requests in flight, not the history of ids ever seen: a menu-bar
// app runs for weeks against a farm that creates and deletes ephemeral CI VMs (and a buggy or hostile server can
// send endless fresh vm_ids), so anything kept per id seen would grow without bound.
import { describe, expect, it } from 'vitest';
import { emptyStore, type StoreState } from '../../../src/main/core/store';
import { getVm } from '../../../src/main/core/store-selectors';
import { FakeTime } from '../../support/fake-time';
import { applyAction } from './store-apply';
import { FakeRest, fakeTimeSync, settle, vm } from './fake-hub';

const HOST = 'farm-1';

async function liveSync(initial = [vm('1', 'ci-01', 'running')]) {
  const time = new FakeTime();
  const rest = new FakeRest();
  let state: StoreState = emptyStore;
  const sync = fakeTimeSync(time, rest, {
    hostId: HOST,
    getVm: (id) => getVm(state, HOST, id),
    apply: (action) => {
      state = applyAction(state, action);
    },
  });
  sync.connectionOpened();
  rest.lists[0]?.resolve(initial);
  await settle();
  expect(sync.state).toBe('live');
  /** Answer every GET still open with `answer(id)`, then let the continuations run. */
  const answerAll = async (answer: (id: string) => ReturnType<typeof vm> | null): Promise<void> => {
    let done = 0;
    while (done < rest.gets.length) {
      for (const g of rest.gets.slice(done)) g.d.resolve(answer(g.id));
      done = rest.gets.length;
      await settle();
    }
  };
  return { sync, rest, time, answerAll, vms: () => [...state.vms.values()] };
}

describe('HostSync per-VM bookkeeping', () => {
  it('stays bounded under a stream of fresh unknown vm_ids (each confirmed absent)', async () => {
    const { sync, rest, answerAll, vms } = await liveSync();
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 100; i++) {
        const id = `ghost-${round}-${i}`;
        sync.handleMessage({
          type: 'vm-state-changed',
          vmId: id,
          previousState: null,
          currentState: 'running',
        });
        sync.handleMessage({ type: 'vm-removed', vmId: `gone-${round}-${i}` });
      }
      // Held only while their GETs are open or queued (at most 4 run at once): one per unknown VM of this round.
      expect(sync.trackedVmCount).toBe(100);
      for (let batch = 0; batch < 100 && sync.trackedVmCount > 0; batch++) await answerAll(() => null);
      expect(sync.trackedVmCount).toBe(0);
    }
    expect(rest.gets).toHaveLength(2_000);
    expect(vms().map((v) => v.id)).toEqual(['1']);
  });

  it('forgets ephemeral VMs that are added and removed live (CI farm churn)', async () => {
    const { sync, rest, vms } = await liveSync();
    for (let i = 0; i < 1_000; i++) {
      const id = `ephemeral-${i}`;
      sync.handleMessage({ type: 'vm-upsert', vmId: id, vm: vm(id, `ci-${i}`, 'stopped'), reason: 'added' });
      sync.handleMessage({
        type: 'vm-state-changed',
        vmId: id,
        previousState: 'stopped',
        currentState: 'running',
      });
      sync.handleMessage({ type: 'vm-removed', vmId: id });
    }
    expect(rest.gets).toHaveLength(0); // complete, consistent events need no confirmation
    expect(sync.trackedVmCount).toBe(0);
    expect(vms().map((v) => v.id)).toEqual(['1']);
  });

  it('still re-asks a GET overtaken by a newer event, and forgets the VM once answered', async () => {
    const { sync, rest, vms } = await liveSync([]);
    sync.handleMessage({ type: 'vm-state-changed', vmId: 'x', previousState: null, currentState: 'running' });
    expect(rest.gets.map((g) => g.id)).toEqual(['x']);
    // The VM changes while the GET is on the wire: its answer ("running") is stale.
    sync.handleMessage({
      type: 'vm-upsert',
      vmId: 'x',
      vm: { id: 'x', name: 'X', state: 'stopped', os: '' },
      reason: 'updated',
    });
    rest.gets[0]?.d.resolve(vm('x', 'X', 'running'));
    await settle();
    expect(rest.gets).toHaveLength(2);
    expect(vms()[0]?.state).toBe('stopped');
    expect(sync.trackedVmCount).toBe(1);
    rest.gets[1]?.d.resolve(vm('x', 'X', 'stopped'));
    await settle();
    expect(rest.gets).toHaveLength(2);
    expect(vms()[0]?.state).toBe('stopped');
    expect(sync.trackedVmCount).toBe(0);
  });

  it('an event seen before the GET started does not make its answer stale', async () => {
    const { sync, rest, vms } = await liveSync([]);
    sync.handleMessage({ type: 'vm-removed', vmId: 'y' }); // an event for y, long before any GET
    sync.handleMessage({ type: 'vm-state-changed', vmId: 'y', previousState: null, currentState: 'running' });
    rest.gets[0]?.d.resolve(vm('y', 'Y', 'running'));
    await settle();
    expect(rest.gets).toHaveLength(1);
    expect(vms().map((v) => `${v.name}:${v.state}`)).toEqual(['Y:running']);
    expect(sync.trackedVmCount).toBe(0);
  });

  it('a failed GET does not leave its VM behind', async () => {
    const { sync, rest } = await liveSync([]);
    sync.handleMessage({ type: 'vm-state-changed', vmId: 'z', previousState: null, currentState: 'running' });
    sync.handleMessage({
      type: 'vm-state-changed',
      vmId: 'z',
      previousState: 'running',
      currentState: 'stopped',
    });
    rest.gets[0]?.d.reject(new Error('socket hang up'));
    await settle();
    expect(sync.trackedVmCount).toBe(0);
  });
});
