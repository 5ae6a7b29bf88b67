// The popover's first snapshot is only what its first screen shows; the full one follows right after. Why: at
// 4,000 VMs the structured clone of the whole snapshot (Electron IPC + contextBridge) and the page's passes over
// it were ~26 ms of main-thread CPU before the first frame (docs/performance.md, issue 15 "first render ≤ 100 ms").
//
// Which VMs: every VM that is not running, plus the first `rowsPerGroup` running VMs of each group (a host entry,
// or a Mac behind an orchestrator) in the snapshot's order (host, then name: shared/vm-order.ts). The popover
// orders each group attention first (recently stopped, error, transitional) and then by name; no running VM
// needs attention, so every VM that can come before the `rowsPerGroup`-th running one is here, and the first
// `rowsPerGroup` rows of every group are exactly the full list's — without main knowing the page's order rules.
// The running VMs left out are counted per group, so the header's counts stay those of the whole farm.
import type { FirstScreenPart, Snapshot, Vm } from './model';

/** Rows of one group on the first screen (a 560 px popover shows ~14 rows), with room for a scroll. */
export const FIRST_SCREEN_ROWS = 40;

export function firstScreenOf(full: Snapshot, rowsPerGroup = FIRST_SCREEN_ROWS): Snapshot {
  const vms: Vm[] = [];
  const running = new Map<string, { hostId: string; farmHostId?: string; kept: number; omitted: number }>();
  for (const vm of full.vms) {
    if (vm.state !== 'running') {
      vms.push(vm);
      continue;
    }
    const group = vm.farmHostId === undefined ? vm.hostId : `${vm.hostId}\u0000${vm.farmHostId}`;
    let tally = running.get(group);
    if (tally === undefined) {
      tally = { hostId: vm.hostId, kept: 0, omitted: 0 };
      if (vm.farmHostId !== undefined) tally.farmHostId = vm.farmHostId;
      running.set(group, tally);
    }
    if (tally.kept < rowsPerGroup) {
      tally.kept += 1;
      vms.push(vm);
    } else tally.omitted += 1;
  }
  const omittedRunning: FirstScreenPart['omittedRunning'] = [...running.values()]
    .filter((t) => t.omitted > 0)
    .map((t) =>
      t.farmHostId === undefined
        ? { hostId: t.hostId, count: t.omitted }
        : { hostId: t.hostId, farmHostId: t.farmHostId, count: t.omitted },
    );
  // Nothing left out: the snapshot is already whole, and saying "partial" would only cost a second pull.
  if (omittedRunning.length === 0) return full;
  return { ...full, vms, firstScreen: { omittedRunning } };
}
