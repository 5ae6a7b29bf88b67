// Pure: one store action's effect on one host, as VM changes (diff.ts), and those changes as event-log entries
// and notify-policy inputs. Kept apart from app-core so the mapping is table-testable.
import type { HostId } from '../../shared/model';
import { diffVms, type VmChange } from './diff';
import type { NewHubEvent } from './event-log';
import type { PolicyInput } from './notify-policy';
import { getVm, hostVms, type StoreAction, type StoreState } from './store';

/** The VM changes `action` made to `hostId` between `before` and `after`. */
export function changesOf(
  before: StoreState,
  after: StoreState,
  hostId: HostId,
  action: StoreAction,
): VmChange[] {
  if (before === after) return [];
  switch (action.type) {
    case 'replace-list':
      return diffVms(hostVms(before, hostId), hostVms(after, hostId));
    case 'vm-upsert':
    case 'vm-removed':
    case 'vm-state-changed': {
      const id = action.type === 'vm-upsert' ? action.vm.id : action.vmId;
      const a = getVm(before, hostId, id);
      const b = getVm(after, hostId, id);
      return diffVms(a ? [a] : [], b ? [b] : []);
    }
    default:
      return [];
  }
}

export function logEntryFor(c: VmChange, hostId: HostId, at: number, offline: boolean): NewHubEvent {
  const base = { at, hostId, vmId: c.vmId, vmName: c.vmName, ...(offline ? { offline: true } : {}) };
  switch (c.kind) {
    case 'state-changed':
      return { ...base, kind: 'state-changed', from: c.from, to: c.to };
    case 'added':
      return { ...base, kind: 'added', to: c.state };
    case 'removed':
      return { ...base, kind: 'removed', from: c.lastState };
    case 'renamed':
      return { ...base, kind: 'renamed', from: c.from, to: c.to };
  }
}

export function policyInputFor(
  c: VmChange,
  hostId: HostId,
  hostName: string,
  at: number,
  offline: boolean,
): PolicyInput | null {
  const ref = { hostId, hostName, vmId: c.vmId, vmName: c.vmName, offline, at };
  switch (c.kind) {
    case 'state-changed':
      return { ...ref, type: 'vm-state', from: c.from, to: c.to };
    case 'added':
      return { ...ref, type: 'vm-added', state: c.state };
    case 'removed':
      return { ...ref, type: 'vm-removed' };
    case 'renamed':
      return null;
  }
}
