// StoreDraft.apply answers "did anything change?", and the batcher (core/batch.ts) acts on that answer alone: a
// true logs the change, feeds the notify policy and emits to the popover; a false drops the action. So the answer
// must be true exactly when the committed state differs, and a no-op must leave the very same state object (the
// memoised selectors and the "nothing changed, emit nothing" path rely on it). One row per kind of action.
import { describe, expect, it } from 'vitest';
import { emptyStore, StoreDraft, type StoreAction, type StoreState } from '../../../src/main/core/store';
import type { ConnectionStatus } from '../../../src/shared/model';
import { applyActions } from './store-apply';

const H = 'host-a';
const LIVE: ConnectionStatus = { tag: 'live', since: 1 };

const list = (vms: { id: string; state: string }[], at = 1): StoreAction => ({
  type: 'replace-list',
  hostId: H,
  vms: vms.map((v) => ({ ...v, name: `vm-${v.id}`, os: 'macosx' })),
  at,
  offline: false,
});

const twoRunning = list([
  { id: 'a', state: 'running' },
  { id: 'b', state: 'running' },
]);
const withUptime: StoreAction = { type: 'vm-uptime', hostId: H, vmId: 'a', uptimeSeconds: 60 };
const status = (s: ConnectionStatus): StoreAction => ({ type: 'host-status', hostId: H, status: s });
const stateChanged = (previousState: string | null, state: string): StoreAction => ({
  type: 'vm-state-changed',
  hostId: H,
  vmId: 'a',
  previousState,
  state,
  at: 5,
});

interface Row {
  readonly what: string;
  readonly start: readonly StoreAction[];
  readonly action: StoreAction;
  readonly changes: boolean;
}

const rows: readonly Row[] = [
  { what: 'the same list again', start: [twoRunning], action: twoRunning, changes: false },
  {
    what: 'a list without one VM',
    start: [twoRunning],
    action: list([{ id: 'a', state: 'running' }]),
    changes: true,
  },
  {
    what: 'a list with a new state',
    start: [twoRunning],
    action: list([
      { id: 'a', state: 'stopped' },
      { id: 'b', state: 'running' },
    ]),
    changes: true,
  },
  {
    what: 'an in-order state event',
    start: [twoRunning],
    action: stateChanged('running', 'stopped'),
    changes: true,
  },
  {
    what: 'a stale transitional event (stopping after stopped)',
    start: [twoRunning, stateChanged('running', 'stopped')],
    action: stateChanged('running', 'stopping'),
    changes: false,
  },
  {
    what: 'a state event for the state already held',
    start: [twoRunning],
    action: stateChanged('stopped', 'running'),
    changes: false,
  },
  {
    what: 'an upsert of a new VM',
    start: [twoRunning],
    action: { type: 'vm-upsert', hostId: H, vm: { id: 'c', name: 'vm-c' }, at: 5, offline: false },
    changes: true,
  },
  {
    what: 'an upsert that renames',
    start: [twoRunning],
    action: { type: 'vm-upsert', hostId: H, vm: { id: 'a', name: 'renamed' }, at: 5, offline: false },
    changes: true,
  },
  {
    what: 'an upsert repeating what is known',
    start: [twoRunning],
    action: {
      type: 'vm-upsert',
      hostId: H,
      vm: { id: 'a', name: 'vm-a', state: 'running' },
      at: 5,
      offline: false,
    },
    changes: false,
  },
  {
    what: 'removing a known VM',
    start: [twoRunning],
    action: { type: 'vm-removed', hostId: H, vmId: 'a' },
    changes: true,
  },
  {
    what: 'removing an unknown VM',
    start: [twoRunning],
    action: { type: 'vm-removed', hostId: H, vmId: 'zz' },
    changes: false,
  },
  { what: 'a first uptime', start: [twoRunning], action: withUptime, changes: true },
  { what: 'the same uptime again', start: [twoRunning, withUptime], action: withUptime, changes: false },
  {
    what: 'an uptime becoming unknown',
    start: [twoRunning, withUptime],
    action: { ...withUptime, uptimeSeconds: undefined },
    changes: true,
  },
  {
    what: 'an uptime for an unknown VM',
    start: [twoRunning],
    action: { ...withUptime, vmId: 'zz' },
    changes: false,
  },
  { what: 'a first host status', start: [], action: status(LIVE), changes: true },
  { what: 'the same host status again', start: [status(LIVE)], action: status(LIVE), changes: false },
  {
    what: 'another host status',
    start: [status(LIVE)],
    action: status({ tag: 'syncing' }),
    changes: true,
  },
  {
    what: 'removing a host never seen',
    start: [],
    action: { type: 'host-removed', hostId: H },
    changes: false,
  },
  {
    what: 'removing a host with VMs but no status yet',
    start: [twoRunning],
    action: { type: 'host-removed', hostId: H },
    changes: true,
  },
  {
    what: 'removing a host with a status but no VMs',
    start: [status(LIVE)],
    action: { type: 'host-removed', hostId: H },
    changes: true,
  },
  {
    what: 'removing a host with VMs and a status',
    start: [twoRunning, status(LIVE)],
    action: { type: 'host-removed', hostId: H },
    changes: true,
  },
];

/** The state's content, to compare two states regardless of object identity. */
function content(s: StoreState): unknown {
  return { vms: [...s.vms], hosts: [...s.hosts] };
}

describe('StoreDraft.apply answers whether the state changed', () => {
  it.each(rows)('$what: changes=$changes', ({ start, action, changes }) => {
    const before = applyActions(emptyStore, start);
    const snapshot = structuredClone(content(before));
    const draft = new StoreDraft(before);
    expect(draft.apply(action)).toBe(changes);
    const after = draft.commit();
    if (changes) expect(content(after)).not.toStrictEqual(snapshot);
    // A no-op is the same state object, not merely an equal one.
    else expect(after).toBe(before);
    // Either way the state the draft started from is untouched.
    expect(content(before)).toStrictEqual(snapshot);
  });
});
