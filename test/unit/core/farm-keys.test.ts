// Farm VMs are keyed by (entry, farm host, id): the same VM id on two farm hosts of one orchestrator (a copied
// bundle, a Mac registered twice: orchestrator-protocol.md §2.7) is two VMs in the store and in the notify policy.
import { describe, expect, it } from 'vitest';
import { emptyStore } from '../../../src/main/core/store';
import { decideAll, createPolicyState, type PolicyInput } from '../../../src/main/notify/policy';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';
import { vmKeyOf } from '../../../src/shared/model';
import { applyActions } from './store-apply';

const vm = { id: 'VM-1', name: 'ci-mac-01', state: 'running', os: 'macosx' };

describe('farm keys', () => {
  it('the same VM id on two farm hosts of one entry is two VMs; each list replaces its own farm host only', () => {
    let s = applyActions(emptyStore, [
      { type: 'replace-list', hostId: 'orch', farmHostId: 'mac-a', vms: [vm], at: 1, offline: false },
      { type: 'replace-list', hostId: 'orch', farmHostId: 'mac-b', vms: [vm], at: 1, offline: false },
    ]);
    expect([...s.vms.values()].map((v) => v.farmHostId).sort()).toEqual(['mac-a', 'mac-b']);
    s = applyActions(s, [
      {
        type: 'vm-state-changed',
        hostId: 'orch',
        farmHostId: 'mac-b',
        vmId: 'vm-1',
        previousState: null,
        state: 'stopped',
        at: 2,
      },
    ]);
    const byFarm = new Map([...s.vms.values()].map((v) => [v.farmHostId, v]));
    expect(byFarm.get('mac-a')?.state).toBe('running');
    expect(byFarm.get('mac-b')?.state).toBe('stopped');
    for (const [key, v] of s.vms) expect(key).toBe(vmKeyOf(v));
    s = applyActions(s, [
      { type: 'replace-list', hostId: 'orch', farmHostId: 'mac-a', vms: [], at: 3, offline: false },
    ]);
    expect([...s.vms.values()].map((v) => v.farmHostId)).toEqual(['mac-b']);
  });

  it('a stop on one farm host does not re-notify or mute the same id on another', () => {
    const base = {
      type: 'vm-state',
      hostId: 'orch',
      vmId: 'vm-1',
      vmName: 'ci',
      from: 'running',
      to: 'stopped',
      offline: false,
      at: 10,
    } as const;
    const inputs: PolicyInput[] = [
      { type: 'vm-seen', hostId: 'orch', farmHostId: 'mac-a', vmId: 'vm-1', state: 'running' },
      { type: 'vm-seen', hostId: 'orch', farmHostId: 'mac-b', vmId: 'vm-1', state: 'running' },
      { type: 'set-muted', hostId: 'orch', farmHostId: 'mac-a', vmId: 'vm-1', muted: true },
      { ...base, farmHostId: 'mac-a', hostName: 'mac-a' },
      { ...base, farmHostId: 'mac-b', hostName: 'mac-b' },
    ];
    const { intents } = decideAll(createPolicyState(DEFAULT_NOTIFICATION_RULES), inputs, 10);
    expect(intents.map((i) => i.title)).toEqual(['ci stopped · mac-b']);
    expect(intents[0]?.covers).toEqual([{ hostId: 'orch', vmId: 'vm-1', farmHostId: 'mac-b' }]);
  });

  it('a farm host back with stops found meanwhile: one notice for them all, the resync changes then stay silent', () => {
    const seen: PolicyInput[] = ['a', 'b', 'c'].map((id) => ({
      type: 'vm-seen',
      hostId: 'orch',
      farmHostId: 'mac-07',
      vmId: id,
      state: 'running',
    }));
    const host = { farmHostId: 'mac-07', name: 'mac-07' };
    const stopped = ['a', 'b', 'c'].map((id) => ({ vmId: id, vmName: `vm-${id}` }));
    const changes: PolicyInput[] = stopped.map((s) => ({
      type: 'vm-state',
      hostId: 'orch',
      farmHostId: 'mac-07',
      hostName: 'mac-07',
      vmId: s.vmId,
      vmName: s.vmName,
      from: 'running',
      to: 'stopped',
      offline: true,
      at: 20,
    }));
    const { intents } = decideAll(
      createPolicyState(DEFAULT_NOTIFICATION_RULES),
      [...seen, { type: 'farm-host-back', hostId: 'orch', host, stopped, cause: 'unreachable' }, ...changes],
      20,
    );
    expect(intents.map((i) => i.title)).toEqual(['mac-07 is back — 3 VMs stopped while it was unreachable']);
    expect(intents[0]?.covers).toHaveLength(3);
    expect(intents[0]?.offline).toBe(true);
  });
});
