// The list after a (re)connect (protocol §9.4): welcome -> buffer events -> GET /machines -> replace the list ->
// apply the buffer -> live. What the store, the log's change sources and the caller's hooks see, on the fake clock.
import { describe, expect, it } from 'vitest';
import type { HubMessage } from '../../../src/main/core/hub-ports';
import { settle, vm } from './fake-hub';
import { HOST, recordingSync } from './sync-recorder';

const stop = (vmId: string, previousState: string | null = 'running'): HubMessage => ({
  type: 'vm-state-changed',
  vmId,
  previousState,
  currentState: 'stopped',
});
const uptime = (vmId: string, uptimeSeconds: number): HubMessage => ({
  type: 'vm-uptime',
  vmId,
  uptimeSeconds,
});

describe('HostSync: the list after a connect', () => {
  it('ignores events before the welcome: nothing applied, nothing asked', async () => {
    const h = recordingSync();
    h.sync.handleMessage(stop('1'));
    h.sync.handleMessages([stop('2'), uptime('1', 5)]);
    await settle();
    expect(h.sync.state).toBe('down');
    expect(h.applied).toEqual([]);
    expect(h.rest.lists).toHaveLength(0);
    expect(h.rest.gets).toHaveLength(0);
  });

  it('holds events back until the list answers, then applies the list and the events on top in one batch', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    expect(h.sync.state).toBe('syncing');
    expect(h.rest.lists).toHaveLength(1);
    h.sync.handleMessage(stop('1'));
    h.sync.handleMessage({ type: 'vm-removed', vmId: '2' });
    expect(h.applied).toEqual([]); // a stop before the list must not be overwritten by the list
    h.time.advance(2_000);
    h.rest.lists[0]?.resolve([
      vm('1', 'ci-01', 'running'),
      vm('2', 'ci-02', 'running'),
      vm('3', 'ci-03', 'stopped'),
    ]);
    await settle();
    expect(h.sync.state).toBe('live');
    expect(h.vms()).toEqual(['ci-01:stopped', 'ci-03:stopped']);
    // The list is the truth of the outage (offline), the buffered events are live; one commit for all three.
    expect(h.applied.map((a) => [a.action.type, a.source, a.reason, a.batch])).toEqual([
      ['replace-list', 'resync', 'connect', 1],
      ['vm-state-changed', 'live', 'event', 1],
      ['vm-removed', 'live', 'event', 1],
    ]);
    expect(h.applied[0]?.action).toMatchObject({
      type: 'replace-list',
      hostId: HOST,
      offline: true,
      at: h.time.now(),
    });
    // The buffered stop gets the list's time: it is applied when the user can first see it.
    expect(h.applied[1]?.action).toMatchObject({ at: h.time.now() });
    expect(h.events.at(-1)).toBe('live');
    expect(h.events.filter((e) => e === 'live')).toHaveLength(1);
    // The stopped VM is confirmed (its event may predate the list); the removed one is not looked up.
    expect(h.rest.gets.map((g) => g.id)).toEqual(['1']);
  });

  it('commits the list on its own when the caller has no batcher', async () => {
    const h = recordingSync({ batch: undefined });
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('1'));
    h.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.applied.map((a) => [a.action.type, a.batch])).toEqual([
      ['replace-list', null],
      ['vm-state-changed', null],
    ]);
    expect(h.vms()).toEqual(['ci-01:stopped']);
  });

  it('a full buffer (10,000 events) is applied as is; one more drops the oldest and lists once more', async () => {
    const full = recordingSync();
    full.sync.connectionOpened();
    for (let i = 1; i <= 10_000; i++) full.sync.handleMessage(uptime('1', i));
    full.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(full.sync.state).toBe('live');
    expect(full.rest.lists).toHaveLength(1);
    expect(full.applied.filter((a) => a.action.type === 'vm-uptime')).toHaveLength(10_000);

    const over = recordingSync();
    over.sync.connectionOpened();
    for (let i = 1; i <= 10_001; i++) over.sync.handleMessage(uptime('1', i));
    over.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    const uptimes = over.applied.flatMap((a) =>
      a.action.type === 'vm-uptime' ? [a.action.uptimeSeconds] : [],
    );
    expect(uptimes).toHaveLength(10_000);
    expect(uptimes[0]).toBe(2); // the oldest was dropped, the newest kept
    expect(uptimes.at(-1)).toBe(10_001);
    // Something was lost: the list is asked again, events are held back again meanwhile.
    expect(over.sync.state).toBe('syncing');
    expect(over.rest.lists).toHaveLength(2);
    over.sync.handleMessage(stop('1'));
    expect(over.vm('1')?.state).toBe('running');
    over.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(over.sync.state).toBe('live');
    expect(over.vm('1')?.state).toBe('stopped');
    expect(over.applied.filter((a) => a.action.type === 'replace-list').map((a) => a.reason)).toEqual([
      'connect',
      'buffer overflow',
    ]);
    // The overflow was dealt with: the next list is the periodic one, not a third overflow list.
    expect(over.rest.lists).toHaveLength(2);
    over.time.advance(60_000);
    expect(over.rest.lists).toHaveLength(3);
  });

  it('a list answer that arrives after the socket closed is dropped, and later events too', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('1'));
    h.sync.connectionClosed();
    expect(h.sync.state).toBe('down');
    h.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.sync.handleMessage(stop('1'));
    expect(h.applied).toEqual([]);
    expect(h.events).toEqual([]);
    expect(h.time.pendingCount).toBe(0);
  });

  it('reconnect: the buffer of the lost connection is not applied; the new list and new events are', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('1')); // buffered on the first connection, which then drops
    h.sync.connectionClosed();
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('2'));
    h.rest.lists[0]?.resolve([vm('1', 'old', 'running')]); // the first connection's list, late
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:running', 'ci-02:stopped']);
    expect(h.applied.map((a) => a.action.type)).toEqual(['replace-list', 'vm-state-changed']);
    expect(h.events.filter((e) => e === 'live')).toHaveLength(1);
  });

  it('a second welcome while the first list is open: only the newest list counts', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('1'));
    h.sync.connectionOpened(); // the buffer starts again with the new connection
    h.rest.lists[0]?.resolve([vm('1', 'old', 'running')]);
    await settle();
    expect(h.sync.state).toBe('syncing');
    expect(h.applied).toEqual([]);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.vms()).toEqual(['ci-01:running']);
  });

  it('a live host that reconnects holds events back again until the new list', async () => {
    const h = recordingSync();
    await h.goLive();
    h.sync.connectionClosed();
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('1'));
    expect(h.vm('1')?.state).toBe('running');
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.vm('1')?.state).toBe('stopped');
    expect(h.applied.filter((a) => a.source === 'resync')).toHaveLength(2);
  });

  it('after dispose nothing is applied or asked: not the open list, not a new connection', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.dispose();
    h.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.sync.connectionOpened();
    h.sync.handleMessage(stop('1'));
    h.sync.resync('user');
    await settle();
    expect(h.rest.lists).toHaveLength(1);
    expect(h.applied).toEqual([]);
    expect(h.events).toEqual([]);
    expect(h.sync.state).toBe('down');
  });

  it('after dispose a live host applies no more events and re-lists no more', async () => {
    const h = recordingSync();
    await h.goLive();
    const before = h.applied.length;
    h.sync.dispose();
    h.sync.handleMessage(stop('1'));
    h.time.advance(10 * 60_000);
    expect(h.applied).toHaveLength(before);
    expect(h.rest.lists).toHaveLength(1);
  });

  it('frames of one socket read carry the time of that read', async () => {
    let clock = 1_000;
    // A clock that moves at every read: the frames of one read must still share one time.
    const h = recordingSync({ now: () => (clock += 7) });
    await h.goLive([vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'running')]);
    h.sync.handleMessages([stop('1'), stop('2')]);
    const times = h.applied
      .filter((a) => a.action.type === 'vm-state-changed')
      .map((a) => (a.action.type === 'vm-state-changed' ? a.action.at : -1));
    expect(times).toHaveLength(2);
    expect(times[0]).toBe(times[1]);
  });
});
