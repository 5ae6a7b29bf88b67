// What the page shows of a snapshot, for the first-screen tests: the list it builds (buildList, the first screen's
// left-out VMs counted), its first rows, and its group headers with their counts.
import type { HostSummary, Snapshot, Vm } from '../../../src/shared/model';
import { sortVms } from '../../../src/shared/vm-order';
import { buildList, type ListItem } from '../../../src/renderer/src/lib/vm-list';

/** The snapshot main would send for these hosts and VMs at `now`: VMs in main's own order (store-selectors.ts). */
export function snapshotAt(hosts: HostSummary[], vms: Vm[], now: number): Snapshot {
  return {
    hosts,
    vms: sortVms(
      vms,
      hosts.map((h) => h.id),
    ),
    events: [],
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    generatedAt: now,
  };
}

export function listOf(s: Snapshot, now: number): ListItem[] {
  return buildList({
    hosts: s.hosts,
    vms: s.vms,
    query: '',
    collapsed: new Set(),
    hostFilter: null,
    now,
    ...(s.firstScreen === undefined ? {} : { omitted: s.firstScreen.omitted }),
  });
}

/** The list's items up to its `rows`-th VM row (group headers included): what the page shows first. */
export function head(items: readonly ListItem[], rows: number): string[] {
  const out: string[] = [];
  let vmRows = 0;
  for (const item of items) {
    if (vmRows >= rows) break;
    out.push(item.key);
    if (item.kind === 'vm') vmRows++;
  }
  return out;
}

/** Every group header with its counts, in display order. */
export function headers(items: readonly ListItem[]): unknown[] {
  return items.flatMap((item) =>
    item.kind === 'host'
      ? [[item.groupId, item.total, item.shown, item.running, item.stopped, item.attention]]
      : [],
  );
}
