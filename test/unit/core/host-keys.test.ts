// The per-host key index (core/host-keys.ts) answers what a scan of every key answers, through lists, upserts,
// removals and a removed host, so a host's list no longer scans every host's VMs.
import { describe, expect, it } from 'vitest';
import { HostKeys } from '../../../src/main/core/host-keys';
import { emptyStore, StoreDraft, type StoreAction, type StoreState } from '../../../src/main/core/store';

const list = (hostId: string, ids: string[]): StoreAction => ({
  type: 'replace-list',
  hostId,
  vms: ids.map((id) => ({ id, name: `vm-${id}`, state: 'running' })),
  at: 1,
  offline: false,
});

describe('host keys', () => {
  it('match a scan of the store after every action', () => {
    const index = new HostKeys();
    let state: StoreState = emptyStore;
    const actions: StoreAction[] = [
      list('a', ['1', '2', '3']),
      list('b', ['1', '9']),
      { type: 'vm-upsert', hostId: 'a', vm: { id: '4', name: 'x' }, at: 2, offline: false },
      { type: 'vm-removed', hostId: 'a', vmId: '2' },
      list('a', ['3', '5']),
      // Writes that keep a VM where it was (the index is not asked), then its removal (the index must still know it).
      { type: 'vm-state-changed', hostId: 'a', vmId: '3', previousState: 'running', state: 'stopped', at: 3 },
      { type: 'vm-uptime', hostId: 'a', vmId: '3', uptimeSeconds: 5 },
      { type: 'vm-upsert', hostId: 'a', vm: { id: '3', name: 'renamed' }, at: 4, offline: false },
      list('a', ['3', '5', '6']),
      { type: 'vm-removed', hostId: 'a', vmId: '3' },
      list('a', ['3', '5']),
      { type: 'host-removed', hostId: 'b' },
      list('b', ['7']),
    ];
    for (const action of actions) {
      const draft = new StoreDraft(state, false, false, undefined, index);
      draft.apply(action);
      state = draft.commit();
      const scan = new StoreDraft(state);
      for (const host of ['a', 'b']) expect(new Set(draft.keysOf(host))).toEqual(new Set(scan.keysOf(host)));
    }
    expect(new StoreDraft(state, false, false, undefined, index).keysOf('a').sort()).toEqual(['a/3', 'a/5']);
  });
});
