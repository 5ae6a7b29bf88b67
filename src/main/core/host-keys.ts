// Which VM keys each host has, kept up to date by the store's drafts as they write (StoreDraft's observer), so a
// host's list (a resync's replace-list, removing a host, diffing a host's VMs) reads that host's VMs instead of
// scanning every VM of every host: at 100 hosts × 40 VMs a startup or a reconnect storm scanned the whole store
// three times per host (issue 15, "Scale"). Farm VMs are indexed twice: under their entry (removing the entry) and
// under their farm host's scope (replacing one farm host's list touches only that host's VMs).
import type { HostId, Vm } from '../../shared/model';

/** The key prefix of a farm host within an entry (vmKey's own prefix), or the entry itself for a single host. */
export function vmScope(hostId: HostId, farmHostId: string | undefined): string {
  return farmHostId === undefined ? hostId : `${hostId}/${farmHostId}`;
}

interface Placed {
  readonly hostId: HostId;
  readonly farmHostId: string | undefined;
}

export class HostKeys {
  private readonly byScope = new Map<string, Set<string>>();
  private readonly placed = new Map<string, Placed>();

  /** A draft wrote `vm` under `key`, or (vm undefined) deleted it. */
  note(key: string, vm: Vm | undefined): void {
    const before = this.placed.get(key);
    // The hot path (a state change of a known VM) allocates nothing.
    if (vm !== undefined && before?.hostId === vm.hostId && before.farmHostId === vm.farmHostId) return;
    if (before !== undefined) {
      this.byScope.get(before.hostId)?.delete(key);
      if (before.farmHostId !== undefined)
        this.byScope.get(vmScope(before.hostId, before.farmHostId))?.delete(key);
      this.placed.delete(key);
    }
    if (vm === undefined) return;
    this.add(vm.hostId, key);
    if (vm.farmHostId !== undefined) this.add(vmScope(vm.hostId, vm.farmHostId), key);
    this.placed.set(key, { hostId: vm.hostId, farmHostId: vm.farmHostId });
  }

  /** The keys of an entry's VMs, or of one farm host's (a live view: copy before deleting while iterating). */
  of(hostId: HostId, farmHostId?: string): ReadonlySet<string> {
    return this.byScope.get(vmScope(hostId, farmHostId)) ?? EMPTY;
  }

  private add(scope: string, key: string): void {
    let keys = this.byScope.get(scope);
    if (keys === undefined) {
      keys = new Set();
      this.byScope.set(scope, keys);
    }
    keys.add(key);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
