import { describe, expect, it } from 'vitest';
import {
  aggregateStatus,
  countByState,
  emptyStore,
  getVm,
  selectVms,
  type StoreAction,
  type StoreState,
} from '../../../src/main/core/store';
import { applyAction } from './store-apply';

const H = 'farm-1';
const ID = '6C2D1F0A-8B7E-4C33-9A10-5E4F3D2C1B0A';

function run(actions: StoreAction[], start: StoreState = emptyStore): StoreState {
  return actions.reduce(applyAction, start);
}

const list = (at = 1): StoreAction => ({
  type: 'replace-list',
  hostId: H,
  at,
  offline: false,
  vms: [
    { id: ID, name: 'ci-mac-01', state: 'running', os: 'macosx', uptimeSeconds: 10 },
    { id: 'b-2', name: 'ubuntu', state: 'stopped', os: 'ubuntu' },
  ],
});

describe('store reducer', () => {
  it('a VM has no "since" for a state it did not see begin; an observed change sets one', () => {
    const s1 = run([list(5)]);
    expect(selectVms(s1).map((v) => v.stateSince)).toEqual([null, null]);
    const s2 = applyAction(s1, {
      type: 'vm-state-changed',
      hostId: H,
      vmId: ID,
      previousState: 'running',
      state: 'stopped',
      at: 42,
    });
    expect(getVm(s2, H, ID)?.stateSince).toBe(42);
    expect(getVm(s2, H, 'b-2')?.stateSince).toBeNull();
  });

  it('replace-list builds the host slice and a duplicate list is a no-op (same object)', () => {
    const s1 = run([list()]);
    expect(selectVms(s1).map((v) => [v.name, v.state, v.os])).toEqual([
      ['ci-mac-01', 'running', 'macosx'],
      ['ubuntu', 'stopped', 'ubuntu'],
    ]);
    expect(applyAction(s1, list(99))).toBe(s1);
  });

  it('replace-list removes VMs missing from the fresh list, only on that host', () => {
    const other: StoreAction = {
      type: 'replace-list',
      hostId: 'farm-2',
      at: 1,
      offline: false,
      vms: [{ id: 'x', name: 'x', state: 'running', os: '' }],
    };
    const s = run([
      list(),
      other,
      {
        type: 'replace-list',
        hostId: H,
        at: 2,
        offline: true,
        vms: [{ id: ID, name: 'ci-mac-01', state: 'running', os: 'macosx' }],
      },
    ]);
    expect(selectVms(s).map((v) => `${v.hostId}:${v.name}`)).toEqual(['farm-1:ci-mac-01', 'farm-2:x']);
  });

  it('matches ids case-insensitively and without braces, keeping the first spelling', () => {
    const s = run([
      list(),
      {
        type: 'vm-state-changed',
        hostId: H,
        vmId: `{${ID.toLowerCase()}}`,
        previousState: 'running',
        state: 'stopped',
        at: 5,
      },
    ]);
    const vm = getVm(s, H, ID);
    expect(vm?.state).toBe('stopped');
    expect(vm?.id).toBe(ID);
    expect(vm?.stateSince).toBe(5);
    expect(s.vms.size).toBe(2);
  });

  it('duplicated state events change nothing the second time', () => {
    const ev: StoreAction = {
      type: 'vm-state-changed',
      hostId: H,
      vmId: ID,
      previousState: 'running',
      state: 'stopped',
      at: 5,
    };
    const s1 = run([list(), ev]);
    expect(applyAction(s1, { ...ev, at: 9 })).toBe(s1);
    expect(getVm(s1, H, ID)?.stateSince).toBe(5);
  });

  it('a reordered transitional event (stopping after stopped) is ignored as stale', () => {
    const s = run([
      list(),
      { type: 'vm-state-changed', hostId: H, vmId: ID, previousState: 'stopping', state: 'stopped', at: 5 },
      { type: 'vm-state-changed', hostId: H, vmId: ID, previousState: 'running', state: 'stopping', at: 6 },
    ]);
    expect(getVm(s, H, ID)?.state).toBe('stopped');
  });

  it('in-order transitional states are applied', () => {
    const s = run([
      list(),
      { type: 'vm-state-changed', hostId: H, vmId: ID, previousState: 'running', state: 'stopping', at: 5 },
    ]);
    expect(getVm(s, H, ID)?.state).toBe('stopping');
  });

  it('state event for an unknown VM is a no-op', () => {
    const s1 = run([list()]);
    expect(
      applyAction(s1, {
        type: 'vm-state-changed',
        hostId: H,
        vmId: 'nope',
        previousState: null,
        state: 'stopped',
        at: 5,
      }),
    ).toBe(s1);
  });

  it('partial upsert keeps known name and state; full upsert renames', () => {
    const s1 = run([
      list(),
      { type: 'vm-upsert', hostId: H, vm: { id: ID, os: 'macosx' }, at: 5, offline: false },
    ]);
    expect(getVm(s1, H, ID)).toMatchObject({ name: 'ci-mac-01', state: 'running' });
    const s2 = applyAction(s1, {
      type: 'vm-upsert',
      hostId: H,
      vm: { id: ID, name: 'renamed', state: 'running', os: 'macosx' },
      at: 6,
      offline: false,
    });
    expect(getVm(s2, H, ID)).toMatchObject({ name: 'renamed', stateSince: null });
  });

  it('duplicate VM_ADDED upserts one VM', () => {
    const add: StoreAction = {
      type: 'vm-upsert',
      hostId: H,
      vm: { id: 'n-1', name: 'new', state: 'stopped', os: 'win-11' },
      at: 3,
      offline: false,
    };
    const s1 = run([list(), add]);
    expect(applyAction(s1, add)).toBe(s1);
    expect(s1.vms.size).toBe(3);
  });

  it('remove, duplicate remove and state event after remove are all safe', () => {
    const rm: StoreAction = { type: 'vm-removed', hostId: H, vmId: ID.toLowerCase() };
    const s1 = run([list(), rm]);
    expect(s1.vms.size).toBe(1);
    expect(applyAction(s1, rm)).toBe(s1);
    expect(
      applyAction(s1, {
        type: 'vm-state-changed',
        hostId: H,
        vmId: ID,
        previousState: null,
        state: 'running',
        at: 9,
      }),
    ).toBe(s1);
  });

  it('uptime updates only uptime', () => {
    const s = run([list(), { type: 'vm-uptime', hostId: H, vmId: ID, uptimeSeconds: 99 }]);
    expect(getVm(s, H, ID)).toMatchObject({ uptimeSeconds: 99, state: 'running', stateSince: null });
  });

  it('resync-found state changes are marked changedWhileOffline; live ones are not', () => {
    const s = run([
      list(),
      {
        type: 'replace-list',
        hostId: H,
        at: 7,
        offline: true,
        vms: [
          { id: ID, name: 'ci-mac-01', state: 'stopped', os: 'macosx' },
          { id: 'b-2', name: 'ubuntu', state: 'stopped', os: 'ubuntu' },
        ],
      },
    ]);
    expect(getVm(s, H, ID)).toMatchObject({ state: 'stopped', changedWhileOffline: true, stateSince: 7 });
    expect(getVm(s, H, 'b-2')?.changedWhileOffline).toBe(false);
    const s2 = applyAction(s, {
      type: 'vm-state-changed',
      hostId: H,
      vmId: ID,
      previousState: 'stopped',
      state: 'running',
      at: 8,
    });
    expect(getVm(s2, H, ID)?.changedWhileOffline).toBe(false);
  });

  it('host-removed forgets the host and its VMs', () => {
    const s = run([
      list(),
      { type: 'host-status', hostId: H, status: { tag: 'syncing' } },
      { type: 'host-removed', hostId: H },
    ]);
    expect(s.vms.size).toBe(0);
    expect(s.hosts.size).toBe(0);
  });
});

describe('store selectors', () => {
  it('sorts by host order, then natural name order', () => {
    const s = run([
      {
        type: 'replace-list',
        hostId: 'b',
        at: 1,
        offline: false,
        vms: [
          { id: '1', name: 'vm-10', state: 'running', os: '' },
          { id: '2', name: 'vm-9', state: 'stopped', os: '' },
        ],
      },
      {
        type: 'replace-list',
        hostId: 'a',
        at: 1,
        offline: false,
        vms: [{ id: '3', name: 'Zed', state: 'running', os: '' }],
      },
    ]);
    expect(selectVms(s, ['b', 'a']).map((v) => v.name)).toEqual(['vm-9', 'vm-10', 'Zed']);
    expect(selectVms(s).map((v) => v.name)).toEqual(['Zed', 'vm-9', 'vm-10']);
  });

  it('counts by state per host and overall', () => {
    const s = run([
      list(),
      {
        type: 'replace-list',
        hostId: 'h2',
        at: 1,
        offline: false,
        vms: [{ id: 'z', name: 'z', state: 'stopped', os: '' }],
      },
    ]);
    expect(countByState(s, H)).toEqual({ running: 1, stopped: 1 });
    expect(countByState(s)).toEqual({ running: 1, stopped: 2 });
  });

  it('counts states named like Object.prototype members as plain states', () => {
    const s = run([
      {
        type: 'replace-list',
        hostId: 'h2',
        at: 1,
        offline: false,
        vms: ['constructor', '__proto__', 'constructor'].map((state, i) => ({
          id: `v${i}`,
          name: 'v',
          state,
          os: '',
        })),
      },
    ]);
    const counts = countByState(s);
    expect(counts['constructor']).toBe(2);
    expect(counts['__proto__']).toBe(1);
  });

  it('aggregate status: worst host wins', () => {
    const st = (hostId: string, status: StoreAction & { type: 'host-status' }): StoreAction => status;
    let s = emptyStore;
    expect(aggregateStatus(s)).toBe('none');
    s = run([st('a', { type: 'host-status', hostId: 'a', status: { tag: 'live', since: 1 } })]);
    expect(aggregateStatus(s)).toBe('live');
    s = applyAction(s, {
      type: 'host-status',
      hostId: 'b',
      status: { tag: 'reconnecting', attempt: 1, nextAt: 5, lastError: 'x' },
    });
    expect(aggregateStatus(s)).toBe('offline');
    s = applyAction(s, { type: 'host-status', hostId: 'c', status: { tag: 'auth-failed', message: 'no' } });
    expect(aggregateStatus(s)).toBe('problem');
  });
});
