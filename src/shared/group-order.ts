// The order of the popover's VM groups (one per single-host entry, one per Mac behind an orchestrator entry), as
// ONE definition for the page (renderer/src/lib/vm-groups.ts, vm-list.ts) and for main's first-screen cut
// (first-screen.ts), which must send exactly the rows the page shows first. Groups come as configured, ranked by
// the host's health and by whether their VMs need attention. Pure.
import type { ConnectionTag, FarmHostState, FarmHostSummary, HostId, HostSummary, Vm } from './model';
import { farmScope } from './vm-key';

/** A group's id (the collapse and host-filter key): the entry id, or `entry/farmHost` for a farm host. */
export type GroupId = string;

export function groupIdOf(hostId: HostId, farmHostId?: string): GroupId {
  // Memoised: one string per Mac, so the per-VM group lookups of a list build hash no fresh string (vm-key.ts).
  return farmHostId === undefined ? hostId : farmScope(hostId, farmHostId);
}

/**
 * Groups are ordered by this (lower first): 0 host down or refused, 2 degraded (polling, verifying, connecting),
 * 3 fine, 4 deliberately off (disabled, monitoring stopped). Rank 1 is taken by fine groups whose VMs need
 * attention (listRank), so a stopped VM lifts its group above the quiet ones.
 */
export const GroupRank = { Down: 0, Attention: 1, Degraded: 2, Fine: 3, Off: 4 } as const;
export type GroupRank = (typeof GroupRank)[keyof typeof GroupRank];

const CONNECTION_RANK: Readonly<Record<ConnectionTag, GroupRank>> = {
  live: GroupRank.Fine,
  connecting: GroupRank.Degraded,
  syncing: GroupRank.Degraded,
  reconnecting: GroupRank.Down,
  'auth-failed': GroupRank.Down,
  'tls-untrusted': GroupRank.Down,
  unconfigured: GroupRank.Off,
  stopped: GroupRank.Off,
};

/** A single-host entry's rank, by its connection. */
export function hostRank(host: HostSummary): GroupRank {
  return CONNECTION_RANK[host.status.tag];
}

export const FARM_HOST_RANK: Readonly<Record<FarmHostState, GroupRank>> = {
  live: GroupRank.Fine,
  verifying: GroupRank.Degraded,
  polling: GroupRank.Degraded,
  unreachable: GroupRank.Down,
  // Switched off by an operator on purpose: last in the list, not an alarm.
  disabled: GroupRank.Off,
};

/**
 * A Mac behind an orchestrator: while the orchestrator itself is not live, its status speaks for every one of its
 * hosts (orchestrator-protocol.md §6.6); a Mac it no longer lists is fine until its VMs go.
 */
function farmHostRank(orchestrator: HostSummary, farmHost: FarmHostSummary | undefined): GroupRank {
  if (orchestrator.status.tag !== 'live') return hostRank(orchestrator);
  return farmHost === undefined ? GroupRank.Fine : FARM_HOST_RANK[farmHost.state];
}

/** A fine group with VMs that need attention (recently stopped or in error) rises above the quiet ones. */
export function listRank(healthRank: GroupRank, attention: number): GroupRank {
  return healthRank === GroupRank.Fine && attention > 0 ? GroupRank.Attention : healthRank;
}

export interface OrderedGroup {
  readonly id: GroupId;
  readonly hostId: HostId;
  readonly farmHostId?: string;
  /** The configured entry; null for VMs whose entry is gone. */
  readonly entry: HostSummary | null;
  /** The Mac as the orchestrator lists it; absent for a single host or a Mac no longer listed. */
  readonly farmHost?: FarmHostSummary;
}

/**
 * The groups before ranking: entries as configured, each orchestrator's Macs in its order (sorted by name), then
 * one for every VM whose entry or Mac is not (or no longer) listed, in the VMs' order. One pass over the VMs.
 */
export function groupsInOrder(hosts: readonly HostSummary[], vms: readonly Vm[]): OrderedGroup[] {
  const list: OrderedGroup[] = [];
  const seen = new Set<GroupId>();
  const entries = new Map<HostId, HostSummary>();
  const add = (group: OrderedGroup): void => {
    if (seen.has(group.id)) return;
    seen.add(group.id);
    list.push(group);
  };
  for (const host of hosts) {
    entries.set(host.id, host);
    if (host.kind === 'orchestrator')
      for (const fh of host.farmHosts ?? [])
        add({ id: groupIdOf(host.id, fh.id), hostId: host.id, farmHostId: fh.id, entry: host, farmHost: fh });
    else add({ id: host.id, hostId: host.id, entry: host });
  }
  for (const vm of vms) {
    const id = groupIdOf(vm.hostId, vm.farmHostId);
    if (seen.has(id)) continue;
    const entry = entries.get(vm.hostId);
    if (entry !== undefined && vm.farmHostId !== undefined)
      add({ id, hostId: vm.hostId, farmHostId: vm.farmHostId, entry });
    else
      add({
        id,
        hostId: vm.hostId,
        ...(vm.farmHostId === undefined ? {} : { farmHostId: vm.farmHostId }),
        entry: null,
      });
  }
  return list;
}

/** An ordered group's health rank (hostRank / farmHostRank; a group whose entry is gone is fine). */
export function healthRankOf(group: OrderedGroup): GroupRank {
  if (group.entry === null) return GroupRank.Fine;
  return group.farmHostId === undefined ? hostRank(group.entry) : farmHostRank(group.entry, group.farmHost);
}
