// Turns a snapshot plus UI state (search, collapsed hosts) into the flat list the windowed view renders:
// host headers only when there is more than one host, VMs attention-first within each host.
import type { HostId, HostSummary, Vm } from '../../../shared/model';
import { vmKey } from '../../../shared/model';
import { filterVms } from './filter';
import { Attention, attentionBuckets } from './sort';

export interface HostItem {
  readonly kind: 'host';
  readonly key: string;
  readonly hostId: HostId;
  readonly name: string;
  readonly host: HostSummary | null;
  readonly total: number;
  readonly shown: number;
  /** VMs of this host that need attention (recently stopped or error). */
  readonly attention: number;
  readonly collapsed: boolean;
}

export interface VmItem {
  readonly kind: 'vm';
  readonly key: string;
  readonly vm: Vm;
  readonly attention: Attention;
}

export type ListItem = HostItem | VmItem;

export interface ListInput {
  readonly hosts: readonly HostSummary[];
  readonly vms: readonly Vm[];
  readonly query: string;
  readonly collapsed: ReadonlySet<HostId>;
  readonly now: number;
}

const VM_ITEM_PREFIX = 'vm:';

/** List-item key of a VM row (host headers use `host:<id>`). */
export function vmItemKey(hostId: HostId, vmId: string): string {
  return `${VM_ITEM_PREFIX}${vmKey(hostId, vmId)}`;
}

/**
 * The store's VM key (`vmKey`) behind a VM row's list-item key: the one inverse of `vmItemKey`, so the prefix is
 * written in one place. A key that is not a VM row's (a host header's) has none.
 */
export function vmKeyOfItem(itemKey: string): string | null {
  return itemKey.startsWith(VM_ITEM_PREFIX) ? itemKey.slice(VM_ITEM_PREFIX.length) : null;
}

export function buildList(input: ListInput): ListItem[] {
  const names = new Map(input.hosts.map((h) => [h.id, h.name || h.url]));
  const hostName = (id: HostId): string => names.get(id) ?? id;
  const searching = input.query.trim() !== '';
  const matching = filterVms(input.vms, input.query, hostName);

  const byHost = new Map<HostId, Vm[]>();
  const totals = new Map<HostId, number>();
  for (const h of input.hosts) {
    byHost.set(h.id, []);
    totals.set(h.id, 0);
  }
  for (const vm of input.vms) totals.set(vm.hostId, (totals.get(vm.hostId) ?? 0) + 1);
  for (const vm of matching) {
    const list = byHost.get(vm.hostId);
    if (list) list.push(vm);
    else byHost.set(vm.hostId, [vm]);
  }

  const grouped = byHost.size > 1;
  const items: ListItem[] = [];
  for (const [hostId, vms] of byHost) {
    const buckets = attentionBuckets(vms, input.now);
    if (grouped) {
      if (searching && vms.length === 0) continue;
      // While searching, collapsed groups open so that no match is hidden.
      const collapsed = !searching && input.collapsed.has(hostId);
      items.push({
        kind: 'host',
        key: `host:${hostId}`,
        hostId,
        name: hostName(hostId),
        host: input.hosts.find((h) => h.id === hostId) ?? null,
        total: totals.get(hostId) ?? 0,
        shown: vms.length,
        attention:
          (buckets[Attention.RecentlyStopped]?.length ?? 0) + (buckets[Attention.Error]?.length ?? 0),
        collapsed,
      });
      if (collapsed) continue;
    }
    // Straight from the buckets (index = rank): no intermediate (vm, rank) pair per VM.
    buckets.forEach((bucket, rank) => {
      for (const vm of bucket) {
        items.push({ kind: 'vm', key: vmItemKey(vm.hostId, vm.id), vm, attention: rank as Attention });
      }
    });
  }
  return items;
}
