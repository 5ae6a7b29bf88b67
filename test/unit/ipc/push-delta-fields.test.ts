// What one delta carries (main/ipc/push-deltas.ts): each part of the snapshot only when it changed since the last
// push to the page, and then exactly what changed, never a field that holds nothing (every push is cloned to the
// page; at 4,000 VMs a needless field is the cost the deltas removed, issue 15 "Scale"). The page's model rebuilds
// the whole snapshot from them (push-deltas.test.ts); here each kind of change is pushed alone.
import { describe, expect, it } from 'vitest';
import { createStatePusher } from '../../../src/main/ipc/push-deltas';
import {
  vmKeyOf,
  type HostSummary,
  type HubEvent,
  type NotificationHealth,
  type Snapshot,
  type Vm,
} from '../../../src/shared/model';
import type { SnapshotDelta, StatePush } from '../../../src/shared/state-push';
import { emptySnapshot, testVm } from '../../support/snapshots';
import { scriptedView } from './scripted-view';

const host = (id: string, tag: 'live' | 'syncing' = 'live'): HostSummary => ({
  id,
  name: id,
  url: `https://${id}`,
  status: tag === 'live' ? { tag, since: 0 } : { tag },
});
const vm = (id: string, state: Vm['state'] = 'running'): Vm =>
  testVm(id, state, { hostId: 'h', name: `ci-${id}` });
const event = (id: number): HubEvent => ({ id: String(id), at: id, hostId: 'h', kind: 'state-changed' });

function vmsOf(view: ReturnType<typeof scriptedView>): Vm[] {
  const vms: Vm[] = [];
  view.forEachVm((v) => vms.push(v));
  return vms;
}

function setup(health?: () => NotificationHealth | undefined) {
  const view = scriptedView([vm('1'), vm('2')], [host('h')]);
  const snapshot = (): Snapshot => ({
    ...emptySnapshot({ generatedAt: view.clock }),
    hosts: view.hostList,
    vms: vmsOf(view),
    events: view.eventWindow,
    notificationHealth: health?.(),
  });
  const pusher = createStatePusher({
    view,
    snapshot,
    ...(health === undefined ? {} : { notificationHealth: health }),
  });
  expect('full' in pusher.next()).toBe(true);
  return { view, pusher };
}

/** The delta of the next push, which must be a delta on the previous generation. */
function nextDelta(pusher: ReturnType<typeof createStatePusher>): SnapshotDelta {
  const push: StatePush = pusher.next();
  if (!('delta' in push)) throw new Error('expected a delta');
  expect(push.delta.base).toBe(push.generation - 1);
  return push.delta;
}

/** The delta's fields other than its numbers (what it carries). */
const carried = (d: SnapshotDelta): string[] =>
  Object.keys(d)
    .filter((k) => k !== 'base' && k !== 'generatedAt')
    .sort();

describe('a delta carries what changed, and only that', () => {
  it('a VM changed: only that VM, whole; no removal list', () => {
    const { view, pusher } = setup();
    view.setVm(vm('2', 'stopped'));
    view.setVm(vm('2', 'suspended')); // twice since the last push: sent once, as it is now
    const d = nextDelta(pusher);
    expect(carried(d)).toEqual(['upserts']);
    expect(d.upserts).toEqual([vm('2', 'suspended')]);
    expect(d.generatedAt).toBe(view.clock);
  });

  it('a VM removed: only its key; no upsert list', () => {
    const { view, pusher } = setup();
    view.deleteVm(vm('1'));
    const d = nextDelta(pusher);
    expect(carried(d)).toEqual(['removed']);
    expect(d.removed).toEqual([vmKeyOf(vm('1'))]);
  });

  it('a host summary changed: the whole host list; an equal rebuilt list is no change', () => {
    const { view, pusher } = setup();
    view.hostList = [host('h')]; // rebuilt, equal by value
    expect(carried(nextDelta(pusher))).toEqual([]);
    view.hostList = [host('h', 'syncing')];
    const d = nextDelta(pusher);
    expect(carried(d)).toEqual(['hosts']);
    expect(d.hosts).toBe(view.hostList);
  });

  it('the event window moved: only the new entries, and the oldest id still kept', () => {
    const { view, pusher } = setup();
    view.eventWindow = [event(1), event(2)];
    expect(nextDelta(pusher).events).toEqual({ changed: [event(1), event(2)], oldestId: '1' });
    const kept = view.eventWindow[1]!;
    view.eventWindow = [kept, event(3)];
    const d = nextDelta(pusher);
    expect(carried(d)).toEqual(['events']);
    expect(d.events).toEqual({ changed: [event(3)], oldestId: '2' });
    view.eventWindow = [];
    expect(nextDelta(pusher).events).toEqual({ changed: [], oldestId: null });
  });

  it('pending actions, mutes and a pause: each alone, when changed', () => {
    const { view, pusher } = setup();
    view.pendingList = [{ hostId: 'h', vmId: '1', action: 'stop', startedAt: 5 }];
    expect(nextDelta(pusher)).toMatchObject({ pending: view.pendingList });
    view.pendingList = [{ hostId: 'h', vmId: '1', action: 'stop', startedAt: 5 }]; // a new, equal list
    expect(carried(nextDelta(pusher))).toEqual([]);
    view.mutedSet = new Set(['h/1']);
    const muted = nextDelta(pusher);
    expect(carried(muted)).toEqual(['mutedVms']);
    expect(muted.mutedVms).toEqual(['h/1']);
    view.paused = 9_000;
    const paused = nextDelta(pusher);
    expect(carried(paused)).toEqual(['notificationsPausedUntil']);
    expect(paused.notificationsPausedUntil).toBe(9_000);
    view.paused = null;
    expect(nextDelta(pusher)).toMatchObject({ notificationsPausedUntil: null });
    expect(carried(nextDelta(pusher))).toEqual([]);
  });
});

describe('notification health in deltas', () => {
  it('sent when it changed, not again while it stays the same (an equal new object is no change)', () => {
    let health: NotificationHealth | undefined = { state: 'ok' };
    const { pusher } = setup(() => health);
    health = { state: 'ok' };
    expect(carried(nextDelta(pusher))).toEqual([]);
    health = { state: 'failing', reason: 'denied' };
    expect(nextDelta(pusher).notificationHealth).toEqual({ state: 'failing', reason: 'denied' });
    expect(carried(nextDelta(pusher))).toEqual([]);
    health = { state: 'ok' };
    expect(nextDelta(pusher).notificationHealth).toEqual({ state: 'ok' });
  });

  it('a health that becomes unknown again is not sent (the page keeps the last one it was told)', () => {
    let health: NotificationHealth | undefined = { state: 'unsupported' };
    const { pusher } = setup(() => health);
    health = undefined;
    expect(carried(nextDelta(pusher))).toEqual([]);
  });

  it('first known after the full push: sent in the next delta', () => {
    let health: NotificationHealth | undefined = undefined;
    const { pusher } = setup(() => health);
    expect(carried(nextDelta(pusher))).toEqual([]);
    health = { state: 'ok' };
    expect(nextDelta(pusher).notificationHealth).toEqual({ state: 'ok' });
  });

  it('without a health source, deltas never carry it', () => {
    const { view, pusher } = setup();
    view.setVm(vm('1', 'stopped'));
    expect(carried(nextDelta(pusher))).toEqual(['upserts']);
  });
});
