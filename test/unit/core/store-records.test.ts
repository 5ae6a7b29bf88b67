// What the store holds for a VM after a state or uptime event, compared with what the server's other answers give.
import { describe, expect, it } from 'vitest';
import { emptyStore, getVm, type StoreAction } from '../../../src/main/core/store';
import { applyActions } from './store-apply';

const H = 'host-a';

const list = (vm: { id: string; state: string; uptimeSeconds?: number }): StoreAction => ({
  type: 'replace-list',
  hostId: H,
  vms: [{ ...vm, name: `vm-${vm.id}`, os: 'macosx' }],
  at: 1,
  offline: false,
});

describe('store records', () => {
  it('a transitional state without previous_state is applied: nothing contradicts what we hold', () => {
    // The stale-event guard drops only an event whose previous_state disagrees with the state we hold; an event
    // that names no previous state (null on the wire) cannot be shown stale, so "stopping" must appear.
    const s = applyActions(emptyStore, [
      list({ id: 'a', state: 'running' }),
      { type: 'vm-state-changed', hostId: H, vmId: 'a', previousState: null, state: 'stopping', at: 7 },
    ]);
    expect(getVm(s, H, 'a')).toMatchObject({ state: 'stopping', stateSince: 7 });
  });

  it('an uptime that became unknown leaves the very record a list without an uptime gives', () => {
    // Records for the same facts are the same whichever way they arrived: "unknown" is an absent uptime, never
    // a key holding undefined (which `'uptimeSeconds' in vm`, a strict comparison or a copy would tell apart).
    const viaEvent = applyActions(emptyStore, [
      list({ id: 'a', state: 'running', uptimeSeconds: 60 }),
      { type: 'vm-uptime', hostId: H, vmId: 'a', uptimeSeconds: undefined },
    ]);
    const viaList = applyActions(emptyStore, [list({ id: 'a', state: 'running' })]);
    const vm = getVm(viaEvent, H, 'a');
    expect(vm).toStrictEqual(getVm(viaList, H, 'a'));
    expect(vm !== undefined && 'uptimeSeconds' in vm).toBe(false);
  });
});
