// The groups the VM list is made of: one per single-host entry and one per Mac behind an orchestrator entry, in
// the order the user configured them (farm hosts in the orchestrator's order, sorted by name). Built once per
// snapshot into maps, so a farm of 100 hosts and 4,000 VMs is grouped in one pass over the VMs. Pure.
import { GroupRank, groupIdOf, groupsInOrder, type GroupId } from '../../../shared/group-order';
import type { FarmHostSummary, HostId, HostSummary, Vm } from '../../../shared/model';
import { farmHostHealth, hostHealth, type GroupHealth } from './group-health';

// The group ids and their order are shared/group-order.ts's (main's first-screen cut follows the same order).
export { groupIdOf, type GroupId };

export interface GroupInfo {
  readonly id: GroupId;
  /** The configured entry (a single host or the orchestrator). */
  readonly hostId: HostId;
  readonly farmHostId?: string;
  /** The host's name; for a farm host, the Mac's name as the orchestrator lists it. */
  readonly name: string;
  /** For a farm host, the orchestrator entry's name (the host filter groups by it); else null. */
  readonly via: string | null;
  /** The entry's summary; null for VMs whose entry is gone. */
  readonly host: HostSummary | null;
  readonly health: GroupHealth;
}

export interface Groups {
  /** In display order before ranking: entries as configured, each orchestrator's hosts in its order. */
  readonly list: readonly GroupInfo[];
  readonly byId: ReadonlyMap<GroupId, GroupInfo>;
  /** True when the list shows group headers: more than one group, or any orchestrator (its hosts have states). */
  readonly grouped: boolean;
}

const NO_HEALTH: GroupHealth = { words: null, tone: 'off', stale: false, asOf: null, rank: GroupRank.Fine };

function entryName(host: HostSummary): string {
  return host.name || host.url;
}

function farmGroup(entry: HostSummary, farmHostId: string, farmHost?: FarmHostSummary): GroupInfo {
  return {
    id: groupIdOf(entry.id, farmHostId),
    hostId: entry.id,
    farmHostId,
    name: farmHost ? farmHost.name || farmHost.url || farmHost.id : farmHostId,
    via: entryName(entry),
    host: entry,
    health: farmHostHealth(entry, farmHost),
  };
}

/** The groups of the configured entries, plus one for every VM whose entry or farm host is not (or no longer) listed. */
export function buildGroups(hosts: readonly HostSummary[], vms: readonly Vm[]): Groups {
  const list: GroupInfo[] = [];
  const byId = new Map<GroupId, GroupInfo>();
  for (const g of groupsInOrder(hosts, vms)) {
    const info: GroupInfo =
      g.entry === null
        ? {
            id: g.id,
            hostId: g.hostId,
            name: g.farmHostId ?? g.hostId,
            via: null,
            host: null,
            health: NO_HEALTH,
          }
        : g.farmHostId === undefined
          ? {
              id: g.id,
              hostId: g.hostId,
              name: entryName(g.entry),
              via: null,
              host: g.entry,
              health: hostHealth(g.entry),
            }
          : farmGroup(g.entry, g.farmHostId, g.farmHost);
    byId.set(info.id, info);
    list.push(info);
  }
  return { list, byId, grouped: hosts.some((h) => h.kind === 'orchestrator') || list.length > 1 };
}

/**
 * What the search matches as a VM's host: the group's name, and for a farm VM also the orchestrator's name and
 * the ids, so "mac-07" shows that Mac's VMs and the orchestrator's name shows the whole farm.
 */
export function hostSearchText(groups: Groups): (hostId: HostId, farmHostId?: string) => string {
  const texts = new Map<GroupId, string>();
  return (hostId, farmHostId) => {
    const id = groupIdOf(hostId, farmHostId);
    let text = texts.get(id);
    if (text === undefined) {
      const group = groups.byId.get(id);
      text = [group?.name ?? '', group?.via ?? '', hostId, farmHostId ?? ''].join('\n');
      texts.set(id, text);
    }
    return text;
  };
}

interface HostFilterOption {
  readonly value: GroupId;
  readonly label: string;
}

export interface HostFilterSection {
  /** The orchestrator's name for its hosts; null for the single-host entries. */
  readonly label: string | null;
  readonly options: readonly HostFilterOption[];
}

/** The host filter's choices: single hosts first, then each orchestrator's Macs under its name. */
export function hostFilterSections(groups: Groups): HostFilterSection[] {
  const single: HostFilterOption[] = [];
  const farms = new Map<string, HostFilterOption[]>();
  for (const g of groups.list) {
    const option = { value: g.id, label: g.name };
    if (g.via === null) single.push(option);
    else {
      const key = `${g.hostId}\n${g.via}`;
      const list = farms.get(key);
      if (list) list.push(option);
      else farms.set(key, [option]);
    }
  }
  const sections: HostFilterSection[] = single.length > 0 ? [{ label: null, options: single }] : [];
  for (const [key, options] of farms) sections.push({ label: key.slice(key.indexOf('\n') + 1), options });
  return sections;
}

/**
 * The closed host filter before its options are filled in (HostFilter.svelte): only the chosen host's option, under
 * its section, so the select still shows the choice; none when every host is shown (null or unknown).
 */
export function chosenHostOnly(
  sections: readonly HostFilterSection[],
  chosen: string | null,
): HostFilterSection[] {
  if (chosen === null) return [];
  for (const section of sections) {
    const option = section.options.find((o) => o.value === chosen);
    if (option !== undefined) return [{ label: section.label, options: [option] }];
  }
  return [];
}

/** Where a VM runs, for its action panel: "farm-1", or "mac-07 via orch-1" behind an orchestrator. */
export function vmPlace(hosts: readonly HostSummary[], vm: Vm): string {
  const entry = hosts.find((h) => h.id === vm.hostId);
  const name = entry ? entryName(entry) : vm.hostId;
  if (vm.farmHostId === undefined) return name;
  const farmHost = entry?.farmHosts?.find((fh) => fh.id === vm.farmHostId);
  return `${farmHost?.name || vm.farmHostId} via ${name}`;
}
