// The popover's first snapshot is only what its first screen shows; the rest follows in slices right after
// (snapshot-slices.ts). Why: at 4,000 VMs the structured clone of the whole snapshot (Electron IPC + contextBridge)
// and the page's passes over it were ~26 ms of main-thread CPU before the first frame (docs/performance.md, issue
// 15 "first render ≤ 100 ms").
//
// Which VMs: every VM that can need attention (vm-attention.ts: recently stopped, with a margin for the page's
// clock; error; transitional), plus the first `rows` rows of the list in the page's own order ACROSS groups
// (group-order.ts: groups ranked by health and attention, then as configured; in a group attention first, then by
// name). A 560 px popover shows ~14 rows and every group starts expanded, so that is the page's first screen and
// a scroll more. Everything else is counted per group and per state, so every count the page shows (the header's,
// each group header's) is the whole farm's. The budget used to be per group (40 running VMs of EACH host): a real
// farm of 100 Macs × 40 VMs then cut nothing, and the "first screen" was the whole farm.
import { groupIdOf, groupsInOrder, healthRankOf, listRank, type GroupId } from './group-order';
import type { FirstScreenPart, OmittedVms, Snapshot, Vm } from './model';
import { Attention, attentionOf, compareByName, RECENT_STOP_MS } from './vm-attention';

/** VM rows on the first screen besides those that need attention (a 560 px popover shows ~14). */
export const FIRST_SCREEN_ROWS = 40;

/**
 * A stop this much older than the page's "recent" window is still sent: main's clock and the page's can differ,
 * and a VM the page still counts as recently stopped goes to the top of its list, so it must be there.
 */
export const RECENT_STOP_MARGIN_MS = 5 * 60_000;

interface GroupCut {
  /** Rows the page puts before the group's quiet VMs (recently stopped, error, transitional). */
  attentionRows: number;
  /** Of those, the ones that lift a fine group up the list (recently stopped, error; group-order.ts listRank). */
  needLook: number;
  /** The quiet (Attention.Normal) VMs, in the snapshot's order, but for the late stops. */
  readonly quiet: Vm[];
  /** Stops just past the recent window at `now` that a page whose clock is behind still counts as recent. */
  readonly late: Vm[];
}

const stoppedLately = (vm: Vm, now: number): boolean =>
  vm.state === 'stopped' &&
  vm.stateSince !== null &&
  now - vm.stateSince < RECENT_STOP_MS + RECENT_STOP_MARGIN_MS;

/**
 * The first screen of `full` for a page that renders it at about `now` (main's clock: the snapshot's own time).
 * The page's clock reads a little earlier (it is read when the page loads, before the pull, and ticks every 30 s),
 * so the rows are chosen twice, for a page at `now` and for one up to the margin behind (where the late stops
 * still count as recent and lift their groups), and both are sent. Returns `full` itself when nothing is left out.
 */
export function firstScreenOf(full: Snapshot, rows = FIRST_SCREEN_ROWS, now = full.generatedAt): Snapshot {
  const sent = new Set<Vm>();
  const cuts = new Map<GroupId, GroupCut>();
  for (const vm of full.vms) {
    const id = groupIdOf(vm.hostId, vm.farmHostId);
    let cut = cuts.get(id);
    if (cut === undefined) cuts.set(id, (cut = { attentionRows: 0, needLook: 0, quiet: [], late: [] }));
    const rank = attentionOf(vm, now);
    if (rank === Attention.Normal) {
      if (stoppedLately(vm, now)) {
        cut.late.push(vm);
        sent.add(vm);
      } else cut.quiet.push(vm);
      continue;
    }
    sent.add(vm);
    cut.attentionRows += 1;
    if (rank !== Attention.Transitional) cut.needLook += 1;
  }
  const groups = groupsInOrder(full.hosts, full.vms);
  for (const pageBehind of [false, true]) {
    // The groups in the page's order (vm-list.ts buildList): rank, then as configured.
    const sections = groups
      .map((group, order) => {
        const cut = cuts.get(group.id);
        const look = (cut?.needLook ?? 0) + (pageBehind ? (cut?.late.length ?? 0) : 0);
        return { cut, order, rank: listRank(healthRankOf(group), look) };
      })
      .sort((a, b) => a.rank - b.rank || a.order - b.order);
    let shown = 0;
    for (const { cut } of sections) {
      if (cut === undefined) continue;
      shown += cut.attentionRows + (pageBehind ? cut.late.length : 0);
      const room = rows - shown;
      if (room <= 0) continue;
      const quiet = pageBehind ? cut.quiet : [...cut.quiet, ...cut.late];
      // Only the groups the budget reaches are sorted (a few of a farm's hundred).
      const first = [...quiet].sort(compareByName).slice(0, room);
      for (const vm of first) sent.add(vm);
      shown += first.length;
    }
  }
  // A group the hosts do not list (VMs of a removed entry, a Mac the orchestrator no longer lists) exists on the
  // page only through its VMs: one of them keeps its header, and so its counts, on the first screen.
  for (const group of groups) {
    const cut = cuts.get(group.id);
    const listed = group.entry !== null && (group.farmHostId === undefined || group.farmHost !== undefined);
    if (listed || cut === undefined || cut.attentionRows > 0 || cut.late.length > 0) continue;
    if (!cut.quiet.some((vm) => sent.has(vm))) sent.add([...cut.quiet].sort(compareByName)[0]!);
  }
  if (sent.size === full.vms.length) return full;
  return {
    ...full,
    vms: full.vms.filter((vm) => sent.has(vm)),
    firstScreen: { omitted: omittedOf(full.vms, sent) },
  };
}

/** The VMs not sent, counted per group and state. */
function omittedOf(vms: readonly Vm[], sent: ReadonlySet<Vm>): FirstScreenPart['omitted'] {
  const counts = new Map<string, { hostId: string; farmHostId?: string; state: string; count: number }>();
  for (const vm of vms) {
    if (sent.has(vm)) continue;
    const key = `${groupIdOf(vm.hostId, vm.farmHostId)}\u0000${vm.state}`;
    const tally = counts.get(key);
    if (tally !== undefined) tally.count += 1;
    else
      counts.set(key, {
        hostId: vm.hostId,
        ...(vm.farmHostId === undefined ? {} : { farmHostId: vm.farmHostId }),
        state: vm.state,
        count: 1,
      });
  }
  return [...counts.values()] satisfies OmittedVms[];
}
