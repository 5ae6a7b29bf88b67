// The one order of the VM list, shared by main (store-selectors.ts builds the snapshot's list) and the popover
// (which keeps the list itself once pushes carry only what changed, see state-push.ts), so both sort alike.
import { normalizeVmId, type HostId, type Vm } from './model';

// A fixed locale, not the default one: main (Node's ICU, from the environment) and the popover (Chromium, the app's
// locale) can have different defaults, and then the page's first rows were not the rows main cut for it
// (first-screen.ts). 'en' with numeric order: "mac-2" before "mac-10", case and accents ignored.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The one comparison of VM names (and host ids) main and page sort by. */
export const compareVmNames: (a: string, b: string) => number = collator.compare;

/**
 * Compares by host (in the given order, unknown hosts last by id), then name (natural order), then id, then farm
 * host: a total order, because one .pvm bundle registered on two Macs of a farm is two VMs with one ID and name
 * (orchestrator-protocol.md §6.1 keys them by host_id and ID), and without the last step main and a page that
 * patches its list in place could show them in different orders. The host
 * rank comes from a Map built once: an indexOf per comparison made a sort O(n log n × hosts) (14.6 ms at 8,000
 * VMs on 200 hosts, issue 15 "Scale").
 */
function vmComparator(hostOrder: readonly HostId[]): (a: Vm, b: Vm) => number {
  const ranks = new Map<HostId, number>();
  hostOrder.forEach((h, i) => {
    if (!ranks.has(h)) ranks.set(h, i);
  });
  const rank = (h: HostId): number => ranks.get(h) ?? hostOrder.length;
  return (a, b) =>
    rank(a.hostId) - rank(b.hostId) ||
    collator.compare(a.hostId, b.hostId) ||
    collator.compare(a.name, b.name) ||
    collator.compare(normalizeVmId(a.id), normalizeVmId(b.id)) ||
    collator.compare(a.farmHostId ?? '', b.farmHostId ?? '');
}

/** A sorted copy. */
export function sortVms(vms: Iterable<Vm>, hostOrder: readonly HostId[]): Vm[] {
  return [...vms].sort(vmComparator(hostOrder));
}
