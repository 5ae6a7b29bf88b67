// Read-only selectors over the VM store (store.ts): lookups, the sorted list the popover shows, counts, status.
import { vmKey, vmKeyOf, type HostId, type Vm } from '../../shared/model';
import { sortVms } from '../../shared/vm-order';
import type { StoreState } from './store-state';

export function getVm(state: StoreState, hostId: HostId, vmId: string): Vm | undefined {
  return state.vms.get(vmKey(hostId, vmId));
}

/** Sorted by host (in the given order, unknown hosts last by id), then name (natural order), then id. */
export function selectVms(state: StoreState, hostOrder: readonly HostId[] = []): Vm[] {
  return sortVms(state.vms.values(), hostOrder);
}

/**
 * selectVms, memoised for repeated snapshots: the order depends only on which VMs exist, their names and the
 * host order, not on their states, so while those stay the same the previous order is reused and only the VM
 * objects are looked up again (O(n) map reads instead of an O(n log n) collator sort on every push).
 */
export function createVmSelector(): (state: StoreState, hostOrder: readonly HostId[]) => Vm[] {
  let vms: ReadonlyMap<string, Vm> | null = null;
  let order: readonly HostId[] = [];
  let keys: string[] = [];
  let names: string[] = [];
  let result: Vm[] = [];
  return (state, hostOrder) => {
    if (state.vms === vms && sameList(hostOrder, order)) return result;
    const reusable =
      vms !== null && state.vms.size === keys.length && sameList(hostOrder, order) && sameNames(state.vms);
    if (reusable) {
      result = keys.map((k) => state.vms.get(k) as Vm);
    } else {
      result = selectVms(state, hostOrder);
      keys = result.map((vm) => vmKeyOf(vm));
      names = result.map((vm) => vm.name);
    }
    vms = state.vms;
    order = [...hostOrder];
    return result;
  };

  function sameNames(current: ReadonlyMap<string, Vm>): boolean {
    for (let i = 0; i < keys.length; i++) {
      const vm = current.get(keys[i] as string);
      if (vm === undefined || vm.name !== names[i]) return false;
    }
    return true;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Counts by state (states are lower-case from the parsers); for one host or (hostId undefined) overall. */
export function countByState(state: StoreState, hostId?: HostId): Record<string, number> {
  // No prototype: a state is the server's free string, and "constructor" would read Object's constructor.
  const counts = Object.create(null) as Record<string, number>;
  for (const vm of state.vms.values()) {
    if (hostId !== undefined && vm.hostId !== hostId) continue;
    counts[vm.state] = (counts[vm.state] ?? 0) + 1;
  }
  return counts;
}

/**
 * One word for the tray: 'none' (no hosts), 'problem' (a host needs the user: auth/TLS), 'offline' (a host
 * is not live), 'syncing' (connecting or syncing), else 'live'. Worst wins.
 */
export type AggregateStatus = 'none' | 'live' | 'syncing' | 'offline' | 'problem';

export function aggregateStatus(state: StoreState): AggregateStatus {
  const order: AggregateStatus[] = ['live', 'syncing', 'offline', 'problem'];
  let worst: AggregateStatus = 'none';
  for (const s of state.hosts.values()) {
    const level: AggregateStatus =
      s.tag === 'live' || s.tag === 'stopped' || s.tag === 'unconfigured'
        ? 'live'
        : s.tag === 'connecting' || s.tag === 'syncing'
          ? 'syncing'
          : s.tag === 'reconnecting'
            ? 'offline'
            : 'problem';
    if (worst === 'none' || order.indexOf(level) > order.indexOf(worst)) worst = level;
  }
  return worst;
}
