// Re-lists while live (periodic, on wake, on demand): events keep flowing during them, a VM an event touched keeps
// its live value, the timer rules hold (never later than the interval, one list at a time), on the fake clock.
import { describe, expect, it } from 'vitest';
import type { HubMessage } from '../../../src/main/core/hub-ports';
import { settle, vm } from './fake-hub';
import { recordingSync } from './sync-recorder';

const stop = (vmId: string): HubMessage => ({
  type: 'vm-state-changed',
  vmId,
  previousState: 'running',
  currentState: 'stopped',
});

describe('HostSync: re-list while live', () => {
  it('applies events at once during a re-list, and the older list does not undo them', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    h.sync.resync('wake');
    expect(h.rest.lists).toHaveLength(2);
    h.sync.handleMessage(stop('1'));
    expect(h.vm('1')?.state).toBe('stopped'); // not held back: the list may hang for minutes
    // The server's list was built before the stop; it also finds a VM the socket never told us about.
    h.rest.lists[1]?.resolve([
      vm('1', 'ci-01', 'running'),
      vm('2', 'ci-02', 'running'),
      vm('3', 'ci-03', 'running'),
    ]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:stopped', 'ci-02:running', 'ci-03:running']);
    const relist = h.applied.at(-1);
    expect([relist?.action.type, relist?.source, relist?.reason]).toEqual([
      'replace-list',
      'reconcile',
      'wake',
    ]);
    expect(relist?.action).toMatchObject({ offline: false, at: h.time.now() });
    expect(h.events.filter((e) => e === 'live')).toHaveLength(1); // a re-list is not a new "live"
    // The event agreed with what we held (no lookup for it); the VM it touched during the re-list is confirmed.
    expect(h.rest.gets.map((g) => g.id)).toEqual(['1']);
  });

  it('a VM removed by an event during a re-list stays removed and is not looked up', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    h.sync.resync('user');
    h.sync.handleMessage({ type: 'vm-removed', vmId: '2' });
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:running']);
    expect(h.rest.gets).toHaveLength(0);
  });

  it('a re-list with no event meanwhile is the truth: a stop the socket missed is found (no offline label)', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.time.advance(60_000);
    expect(h.rest.lists).toHaveLength(2);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'stopped')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:stopped']);
    expect(h.applied.at(-1)).toMatchObject({ source: 'reconcile', reason: 'periodic' });
    expect(h.vm('1')?.changedWhileOffline).toBe(false);
    expect(h.rest.gets).toHaveLength(0);
  });

  it('events after a re-list answered are no longer counted as touched by it', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    h.sync.resync('user');
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    await settle();
    h.sync.handleMessage(stop('2'));
    h.time.advance(60_000); // next periodic re-list, whose list still says running (the server had not seen it)
    h.rest.lists[2]?.resolve([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'stopped')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:running', 'ci-02:stopped']);
    expect(h.rest.gets).toHaveLength(0);
  });

  it('one re-list at a time, and none unless live', async () => {
    const h = recordingSync();
    h.sync.resync('user'); // down
    h.sync.connectionOpened();
    h.sync.resync('user'); // syncing: the connect list is already on its way
    expect(h.rest.lists).toHaveLength(1);
    h.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.sync.resync('user');
    h.sync.resync('wake');
    h.sync.resync('user');
    expect(h.rest.lists).toHaveLength(2);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.sync.resync('user'); // the previous one answered: a new one may start
    expect(h.rest.lists).toHaveLength(3);
  });

  it('the periodic re-list repeats, each within the interval after the previous answer', async () => {
    const h = recordingSync({ random: () => 0.5 });
    await h.goLive();
    for (let round = 1; round <= 3; round++) {
      h.time.advance(56_999);
      expect(h.rest.lists).toHaveLength(round);
      h.time.advance(1); // 57 s: 60 × (1 − 0.1 × 0.5)
      expect(h.rest.lists).toHaveLength(round + 1);
      h.time.advance(30_000); // an open re-list is not stacked by the timer
      expect(h.rest.lists).toHaveLength(round + 1);
      h.rest.lists[round]?.resolve([vm('1', 'ci-01', 'running')]);
      await settle();
    }
  });

  it('without an injected random source the re-list still comes within the interval, never later', async () => {
    const h = recordingSync({ random: undefined });
    await h.goLive();
    h.time.advance(53_999); // 60 s × (1 − 0.1): never earlier than this
    expect(h.rest.lists).toHaveLength(1);
    h.time.advance(6_001);
    expect(h.rest.lists).toHaveLength(2);
  });

  it('a re-list on demand restarts the interval: no second list at the old timer', async () => {
    const h = recordingSync({ random: () => 0 });
    await h.goLive();
    h.time.advance(40_000);
    h.sync.resync('wake');
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.time.advance(59_999); // the old timer would have fired at 60 s, 20 s ago
    expect(h.rest.lists).toHaveLength(2);
    h.time.advance(1);
    expect(h.rest.lists).toHaveLength(3);
  });

  it('a failed re-list waiting for its retry still counts as the one re-list: on demand adds none', async () => {
    const h = recordingSync();
    await h.goLive();
    h.sync.resync('user');
    h.rest.lists[1]?.reject(new Error('prlctl list failed'));
    await settle();
    expect(h.time.pending().map((p) => p.ms)).toEqual([1_000]);
    h.time.advance(500);
    h.sync.resync('wake');
    expect(h.rest.lists).toHaveLength(2);
    h.time.advance(500); // the retry, at its time
    expect(h.rest.lists).toHaveLength(3);
    h.rest.lists[2]?.resolve([vm('1', 'ci-01', 'stopped')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:stopped']);
    expect(h.applied.at(-1)).toMatchObject({ source: 'reconcile', reason: 'user' });
  });

  it('a new welcome during a re-list: the re-list is dropped and periodic re-lists carry on after the new list', async () => {
    const h = recordingSync({ random: () => 0 });
    await h.goLive();
    h.sync.resync('user');
    h.sync.connectionOpened(); // the server restarted the stream without a close frame we saw
    h.rest.lists[1]?.resolve([vm('1', 'old', 'running')]); // the dropped re-list, late
    h.rest.lists[2]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:running']);
    h.time.advance(60_000);
    expect(h.rest.lists).toHaveLength(4);
  });

  it('a re-list after a doubled welcome drops the first welcome’s late list', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.connectionOpened(); // the first welcome's list is still on its way
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.sync.resync('user');
    h.rest.lists[0]?.resolve([vm('1', 'old', 'running')]); // the first welcome's list, late
    await settle();
    expect(h.vms()).toEqual(['ci-01:running']);
    expect(h.applied.filter((a) => a.source === 'reconcile')).toEqual([]);
    h.rest.lists[2]?.resolve([vm('1', 'ci-01', 'stopped')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:stopped']);
  });

  it('a new welcome restarts the interval: no re-list at the old connection’s timer', async () => {
    const h = recordingSync({ random: () => 0 });
    await h.goLive();
    h.time.advance(30_000);
    h.sync.connectionOpened();
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.time.advance(59_999); // the old timer was due 30 s ago
    expect(h.rest.lists).toHaveLength(2);
    h.time.advance(1);
    expect(h.rest.lists).toHaveLength(3);
  });
});

// The server's 5-minute full refresh sends VM_UPDATED for every VM from its own goroutine (protocol §9.1, §9.2): a
// snapshot built before a state event can arrive after it and must not undo a stop the user was just told about.
describe('HostSync: the full refresh’s older snapshot', () => {
  const refreshed = (state: string): HubMessage => ({
    type: 'vm-upsert',
    vmId: '1',
    vm: { ...vm('1', 'ci-01-renamed', state), uptimeSeconds: 0 },
    reason: 'updated',
  });

  it('an update contradicting a stop seen up to 10 s ago keeps the stop, takes the rest, and asks the server', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.sync.handleMessage(stop('1'));
    h.time.advance(10_000);
    h.sync.handleMessage(refreshed('running'));
    expect(h.vms()).toEqual(['ci-01-renamed:stopped']);
    expect(h.rest.gets.map((g) => g.id)).toEqual(['1']);
    h.rest.gets[0]?.d.resolve(vm('1', 'ci-01-renamed', 'stopped'));
    await settle();
    expect(h.vms()).toEqual(['ci-01-renamed:stopped']);
  });

  it('an update more than 10 s after the last state event is taken as the truth', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.sync.handleMessage(stop('1'));
    h.time.advance(10_001);
    h.sync.handleMessage(refreshed('running'));
    expect(h.vms()).toEqual(['ci-01-renamed:running']);
    expect(h.rest.gets).toHaveLength(0);
  });
});
