// What the store holds for a VM after a state or uptime event, compared with what the server's other answers give.
import { describe, expect, it } from 'vitest';
import { emptyStore, getVm, StoreDraft, type StoreAction } from '../../../src/main/core/store';
import { merge } from '../../../src/main/core/vm-record';
import { applyActions } from './store-apply';
import type { Vm } from '../../../src/shared/model';

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

describe("the draft's last write (what the batcher compares)", () => {
  it('names the VM before and after each single-VM action that changed something; a state event writes what merge would', () => {
    const draft = new StoreDraft(emptyStore);
    draft.apply(list({ id: 'a', state: 'running', uptimeSeconds: 5 }));
    const running = draft.get(`${H}/a`);
    expect(draft.lastWrittenBefore).toBeUndefined();
    expect(draft.lastWrittenAfter).toBe(running);

    const stopping: StoreAction = {
      type: 'vm-state-changed',
      hostId: H,
      vmId: 'a',
      previousState: 'running',
      state: 'stopping',
      at: 9,
    };
    expect(draft.apply(stopping)).toBe(true);
    expect(draft.lastWrittenBefore).toBe(running);
    expect(draft.lastWrittenAfter).toBe(draft.get(`${H}/a`));
    expect(draft.lastWrittenAfter).toStrictEqual(
      merge(running as Vm, { id: 'a', state: 'stopping' }, 9, false),
    );

    const stopping2 = draft.get(`${H}/a`);
    expect(draft.apply({ type: 'vm-removed', hostId: H, vmId: 'a' })).toBe(true);
    expect(draft.lastWrittenBefore).toBe(stopping2);
    expect(draft.lastWrittenAfter).toBeUndefined();
  });
});

describe("the draft's reads (a one-entry cache in front of the map)", () => {
  it('every read between writes, deletes and lists gives what the map holds', () => {
    const draft = new StoreDraft(emptyStore);
    const key = `${H}/a`;
    const readBoth = (): void => {
      expect(draft.get(key)).toBe(draft.currentVms.get(key));
      expect(draft.get(key)).toBe(draft.currentVms.get(key));
    };
    readBoth();
    draft.apply(list({ id: 'a', state: 'running' }));
    readBoth();
    draft.get(`${H}/b`);
    draft.apply({
      type: 'vm-state-changed',
      hostId: H,
      vmId: 'a',
      previousState: 'running',
      state: 'stopping',
      at: 2,
    });
    readBoth();
    expect(draft.get(key)?.state).toBe('stopping');
    draft.apply({ type: 'vm-removed', hostId: H, vmId: 'a' });
    readBoth();
    expect(draft.get(key)).toBeUndefined();
    draft.apply({ type: 'vm-upsert', hostId: H, vm: { id: 'a', name: 'again' }, at: 3, offline: false });
    readBoth();
    expect(draft.get(key)?.name).toBe('again');
    draft.apply({ type: 'replace-list', hostId: H, vms: [], at: 4, offline: false });
    readBoth();
    expect(draft.get(key)).toBeUndefined();
  });
});
