// Which VM keys each host has, kept up to date by the store's drafts as they write (StoreDraft's observer), so a
// host's list (a resync's replace-list, removing a host, diffing a host's VMs) reads that host's VMs instead of
// scanning every VM of every host: at 100 hosts × 40 VMs a startup or a reconnect storm scanned the whole store
// three times per host (issue 15, "Scale").
import type { HostId, Vm } from '../../shared/model';

export class HostKeys {
  private readonly byHost = new Map<HostId, Set<string>>();
  private readonly hostOf = new Map<string, HostId>();

  /** A draft wrote `vm` under `key`, or (vm undefined) deleted it. */
  note(key: string, vm: Vm | undefined): void {
    const before = this.hostOf.get(key);
    if (vm !== undefined && before === vm.hostId) return;
    if (before !== undefined) {
      this.byHost.get(before)?.delete(key);
      this.hostOf.delete(key);
    }
    if (vm === undefined) return;
    let keys = this.byHost.get(vm.hostId);
    if (keys === undefined) {
      keys = new Set();
      this.byHost.set(vm.hostId, keys);
    }
    keys.add(key);
    this.hostOf.set(key, vm.hostId);
  }

  /** The host's keys now (a live view: copy before deleting while iterating). */
  of(hostId: HostId): ReadonlySet<string> {
    return this.byHost.get(hostId) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
