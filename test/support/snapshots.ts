// The empty snapshot (no hosts, no VMs) that test fakes start from; override what a test cares about.
import type { Snapshot, Vm } from '../../src/shared/model';

export function emptySnapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    hosts: [],
    vms: [],
    events: [],
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    generatedAt: 0,
    ...over,
  };
}

/** A VM as the store holds it, settled since `stateSince`; override what a test cares about. */
export function testVm(id: string, state: string, over: Partial<Vm> = {}): Vm {
  return {
    hostId: 'h-1',
    id,
    name: id,
    state,
    os: 'macosx',
    stateSince: 0,
    changedWhileOffline: false,
    ...over,
  };
}
