// The fields the store keeps for a VM (core/vm-record.ts, through the draft the app uses): a new VM is exactly
// what the server said, with nothing invented; a later list or update changes each field it carries, even when
// that field alone changed, and keeps every field it leaves out. The popover shows os and uptime, and the copied
// ssh command uses ip and user, so a field silently kept stale or dropped is a wrong popover or a wrong command.
import { describe, expect, it } from 'vitest';
import { emptyStore, getVm, type StoreAction } from '../../../src/main/core/store';
import type { VmFields } from '../../../src/main/core/vm-record';
import { vmKey } from '../../../src/shared/model';
import { applyActions } from './store-apply';

const H = 'host-a';

const list = (vms: VmFields[], at = 1, farmHostId?: string): StoreAction => ({
  type: 'replace-list',
  hostId: H,
  ...(farmHostId === undefined ? {} : { farmHostId }),
  vms,
  at,
  offline: false,
});

const full: VmFields = {
  id: 'VM-1',
  name: 'ci-mac-01',
  state: 'running',
  os: 'macosx',
  uptimeSeconds: 60,
  ip: '10.0.0.5',
  user: 'builder',
};

describe('store fields', () => {
  it('a VM first listed holds exactly the fields the list gave', () => {
    const s = applyActions(emptyStore, [
      list([full, { id: 'VM-2', name: 'bare', state: 'stopped', os: '' }]),
    ]);
    expect(getVm(s, H, 'VM-1')).toStrictEqual({
      hostId: H,
      id: 'VM-1',
      name: 'ci-mac-01',
      state: 'running',
      os: 'macosx',
      uptimeSeconds: 60,
      ip: '10.0.0.5',
      user: 'builder',
      stateSince: null,
      changedWhileOffline: false,
    });
    // Unknown fields are absent, not present-but-undefined, and a single host's VM has no farm host.
    expect(getVm(s, H, 'VM-2')).toStrictEqual({
      hostId: H,
      id: 'VM-2',
      name: 'bare',
      state: 'stopped',
      os: '',
      stateSince: null,
      changedWhileOffline: false,
    });
  });

  it('a farm VM carries the farm host it runs on', () => {
    const s = applyActions(emptyStore, [list([{ id: 'VM-1', name: 'ci', state: 'running' }], 1, 'mac-07')]);
    expect(s.vms.get(vmKey(H, 'VM-1', 'mac-07'))).toStrictEqual({
      hostId: H,
      farmHostId: 'mac-07',
      id: 'VM-1',
      name: 'ci',
      state: 'running',
      os: '',
      stateSince: null,
      changedWhileOffline: false,
    });
  });

  it('an update for a VM not listed yet, with only its id, shows the id, an unknown state and no OS', () => {
    const s = applyActions(emptyStore, [
      { type: 'vm-upsert', hostId: H, vm: { id: 'VM-9' }, at: 2, offline: false },
    ]);
    expect(getVm(s, H, 'VM-9')).toStrictEqual({
      hostId: H,
      id: 'VM-9',
      name: 'VM-9',
      state: 'unknown',
      os: '',
      stateSince: null,
      changedWhileOffline: false,
    });
  });

  const alone: readonly [string, Partial<VmFields>][] = [
    ['os', { os: 'macosx-15' }],
    ['uptime', { uptimeSeconds: 61 }],
    ['ip', { ip: '10.0.0.6' }],
    ['user', { user: 'admin' }],
  ];

  it.each(alone)(
    'a fresh list whose %s alone changed updates it, and the state keeps its "since"',
    (_, change) => {
      const s = applyActions(emptyStore, [list([full]), list([{ ...full, ...change }], 9)]);
      expect(getVm(s, H, 'VM-1')).toStrictEqual({
        hostId: H,
        ...full,
        ...change,
        stateSince: null,
        changedWhileOffline: false,
      });
    },
  );

  it('an update without uptime, ip or user keeps the ones known', () => {
    const s = applyActions(emptyStore, [
      list([full]),
      { type: 'vm-upsert', hostId: H, vm: { id: 'VM-1', name: 'renamed' }, at: 5, offline: false },
    ]);
    expect(getVm(s, H, 'VM-1')).toMatchObject({
      name: 'renamed',
      uptimeSeconds: 60,
      ip: '10.0.0.5',
      user: 'builder',
    });
  });
});
