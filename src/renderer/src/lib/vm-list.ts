// Turns a snapshot plus UI state (search, host filter, collapsed groups) into the flat list the windowed view
// renders: group headers when there is more than one group or any orchestrator, VMs attention-first within each
// group, and groups with trouble first. One pass over the VMs into maps; no per-group scan of the hosts or VMs.
import { listRank } from '../../../shared/group-order';
import type { HostId, HostSummary, OmittedVms, Vm } from '../../../shared/model';
import { vmKey } from '../../../shared/model';
import { filterVms } from './filter';
import type { GroupHealth } from './group-health';
import { Attention, attentionBuckets } from '../../../shared/vm-attention';
import {
  buildGroups,
  groupIdOf,
  hostSearchText,
  type GroupId,
  type GroupInfo,
  type Groups,
} from './vm-groups';

/** A group header: one single-host entry or one Mac behind an orchestrator. */
export interface HostItem {
  readonly kind: 'host';
  readonly key: string;
  /** The collapse / host-filter id (vm-groups.ts groupIdOf). */
  readonly groupId: GroupId;
  /** The configured entry. */
  readonly hostId: HostId;
  /** The Mac's id behind an orchestrator (the header's data-host-id); absent for a single-host entry. */
  readonly farmHostId?: string;
  readonly name: string;
  readonly host: HostSummary | null;
  readonly health: GroupHealth;
  readonly total: number;
  readonly shown: number;
  readonly running: number;
  readonly stopped: number;
  /** VMs of this group that need attention (recently stopped or error). */
  readonly attention: number;
  readonly collapsed: boolean;
}

/** Why a row is dimmed: its group's rows are history, from `asOf` (null when unknown). */
interface Staleness {
  readonly asOf: number | null;
}

export interface VmItem {
  readonly kind: 'vm';
  readonly key: string;
  readonly vm: Vm;
  readonly attention: Attention;
  /** Set when the VM's host is not live and the row shows what it last reported; shared by the whole group. */
  readonly stale?: Staleness;
}

/**
 * A VM row whose key is built when first read. The first render reads the keys of the ~15 rows in view only, and
 * building a key (the VM's normalised id, memoised per host, and a string) for every VM of a 4,000-VM farm was a
 * third of buildList's time on a fresh page, where this loop still runs in the interpreter.
 */
class LazyVmItem implements VmItem {
  readonly kind = 'vm';
  readonly vm: Vm;
  readonly attention: Attention;
  readonly stale?: Staleness;
  #key: string | undefined;

  constructor(vm: Vm, attention: Attention, stale: Staleness | undefined) {
    this.vm = vm;
    this.attention = attention;
    if (stale !== undefined) this.stale = stale;
  }

  get key(): string {
    return (this.#key ??= vmItemKey(this.vm.hostId, this.vm.id, this.vm.farmHostId));
  }
}

export type ListItem = HostItem | VmItem;

export interface ListInput {
  readonly hosts: readonly HostSummary[];
  readonly vms: readonly Vm[];
  readonly query: string;
  /** Collapsed group ids. */
  readonly collapsed: ReadonlySet<GroupId>;
  /** Show only this group (the host filter), or all. */
  readonly hostFilter?: GroupId | null;
  readonly now: number;
  /** The groups of these hosts and VMs when the caller already built them (App shares them with the filter). */
  readonly groups?: Groups;
  /**
   * VMs a first-screen snapshot left out (shared/first-screen.ts): counted in their group header like the VMs
   * held, so a header says the whole farm's numbers before the rest has arrived.
   */
  readonly omitted?: readonly OmittedVms[];
}

const VM_ITEM_PREFIX = 'vm:';

/** List-item key of a VM row (group headers use `host:<group id>`). */
export function vmItemKey(hostId: HostId, vmId: string, farmHostId?: string): string {
  return `${VM_ITEM_PREFIX}${vmKey(hostId, vmId, farmHostId)}`;
}

/**
 * The store's VM key (`vmKey`) behind a VM row's list-item key: the one inverse of `vmItemKey`, so the prefix is
 * written in one place. A key that is not a VM row's (a host header's) has none.
 */
export function vmKeyOfItem(itemKey: string): string | null {
  return itemKey.startsWith(VM_ITEM_PREFIX) ? itemKey.slice(VM_ITEM_PREFIX.length) : null;
}

interface Tally {
  total: number;
  running: number;
  stopped: number;
  readonly all: Vm[];
  /** The group's VMs that pass the search: `all` itself when nothing is searched (no second pass, no copy). */
  matching: Vm[];
}

/**
 * One pass over every VM: per-group totals and the running / stopped counts the header shows, the VMs a first
 * screen left out included.
 */
function tallyByGroup(vms: readonly Vm[], omitted: readonly OmittedVms[]): Map<GroupId, Tally> {
  const tallies = new Map<GroupId, Tally>();
  const tallyOf = (id: GroupId): Tally => {
    let t = tallies.get(id);
    if (t === undefined) {
      t = { total: 0, running: 0, stopped: 0, all: [], matching: [] };
      tallies.set(id, t);
    }
    return t;
  };
  // States are lower-cased where they enter (shared/vm-state.ts normalizeVmState): a plain ===, no string copy
  // per VM on every list build.
  const count = (t: Tally, state: string, n: number): void => {
    t.total += n;
    if (state === 'running') t.running += n;
    else if (state === 'stopped') t.stopped += n;
  };
  for (const vm of vms) {
    const t = tallyOf(groupIdOf(vm.hostId, vm.farmHostId));
    t.all.push(vm);
    count(t, vm.state, 1);
  }
  for (const o of omitted) count(tallyOf(groupIdOf(o.hostId, o.farmHostId)), o.state, o.count);
  return tallies;
}

interface Section {
  readonly group: GroupInfo;
  readonly tally: Tally;
  readonly buckets: Vm[][];
  readonly rank: number;
  readonly order: number;
}

export function buildList(input: ListInput): ListItem[] {
  const groups = input.groups ?? buildGroups(input.hosts, input.vms);
  const searching = input.query.trim() !== '';
  const filter = input.hostFilter ?? null;
  const tallies = tallyByGroup(input.vms, input.omitted ?? []);
  // The host filter narrows before the search runs: the search then reads one host's VMs, not the farm's.
  const candidates = filter === null ? input.vms : (tallies.get(filter)?.all ?? []);
  const matching = filterVms(candidates, input.query, hostSearchText(groups));
  // No search (filterVms hands its input back): every group's matching VMs are all of its VMs, the usual case and
  // the first render's. Saves a second pass over the farm (a group lookup per VM) on every list build.
  if (matching === candidates) for (const t of tallies.values()) t.matching = t.all;
  else for (const vm of matching) tallies.get(groupIdOf(vm.hostId, vm.farmHostId))?.matching.push(vm);

  const sections: Section[] = [];
  groups.list.forEach((group, order) => {
    if (filter !== null && group.id !== filter) return;
    const tally = tallies.get(group.id) ?? { total: 0, running: 0, stopped: 0, all: [], matching: [] };
    if (searching && tally.matching.length === 0) return;
    const buckets = attentionBuckets(tally.matching, input.now);
    const attention =
      (buckets[Attention.RecentlyStopped]?.length ?? 0) + (buckets[Attention.Error]?.length ?? 0);
    // A fine group with VMs that need attention rises above the quiet ones; a down group is first regardless.
    // (shared/group-order.ts: main's first-screen cut ranks the groups by the same rule.)
    const rank = listRank(group.health.rank, attention);
    sections.push({ group, tally, buckets, rank, order });
  });
  if (groups.grouped) sections.sort((a, b) => a.rank - b.rank || a.order - b.order);

  const items: ListItem[] = [];
  for (const { group, tally, buckets } of sections) {
    const stale: Staleness | undefined = group.health.stale ? { asOf: group.health.asOf } : undefined;
    if (groups.grouped) {
      // While searching, collapsed groups open so that no match is hidden.
      const collapsed = !searching && input.collapsed.has(group.id);
      items.push({
        kind: 'host',
        key: `host:${group.id}`,
        groupId: group.id,
        hostId: group.hostId,
        ...(group.farmHostId === undefined ? {} : { farmHostId: group.farmHostId }),
        name: group.name,
        host: group.host,
        health: group.health,
        total: tally.total,
        // Not searching, every VM of the group is shown (or will be, those a first screen left out).
        shown: searching ? tally.matching.length : tally.total,
        running: tally.running,
        stopped: tally.stopped,
        attention:
          (buckets[Attention.RecentlyStopped]?.length ?? 0) + (buckets[Attention.Error]?.length ?? 0),
        collapsed,
      });
      if (collapsed) continue;
    }
    // Straight from the buckets (index = rank): no intermediate (vm, rank) pair per VM.
    buckets.forEach((bucket, rank) => {
      for (const vm of bucket) items.push(new LazyVmItem(vm, rank as Attention, stale));
    });
  }
  return items;
}
