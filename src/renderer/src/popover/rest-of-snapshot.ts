// The popover's follow-up after its first screen: the whole snapshot, assembled from slices that main cut from the
// one snapshot the first screen came from (shared/snapshot-slices.ts). Each slice is pulled after a frame, so its
// clone is a task of its own between frames; nothing is rendered until the last one is in, then the list is built
// once. Why: one whole reply at 4,000 VMs was one ~35 ms CPU task (clone, its garbage, the list), over the 50 ms
// long-task budget on a loaded machine; sliced, the longest is the final render (docs/performance.md).
import type { PopoverApi } from '../../../shared/ipc';
import type { Snapshot, Vm } from '../../../shared/model';
import { readSnapshotSlice } from '../../../shared/snapshot-slices';
import { afterNextFrame } from '../lib/after-frame';

export type RestOutcome =
  /** Every slice is in: the whole snapshot (the first screen's hosts, events, …, with every VM). */
  | { readonly tag: 'whole'; readonly snapshot: Snapshot }
  /** The page no longer needs it (a whole snapshot landed meanwhile): nothing to do. */
  | { readonly tag: 'abandoned' }
  /** A slice failed, was not the one asked for, or the slices did not add up: pull the whole snapshot instead. */
  | { readonly tag: 'failed' };

/**
 * Pulls the rest of `first` (which must carry `firstScreen.rest`), slice after slice. `wanted()` is asked before
 * every pull: false (a whole snapshot replaced the first screen) stops at once, so a push that lands between two
 * slices ends the follow-up instead of racing it. The first slice is pulled at once: the caller has already
 * waited for the first screen's frame.
 */
export async function pullRest(
  api: PopoverApi,
  first: Snapshot,
  wanted: () => boolean,
  between: () => Promise<void> = afterNextFrame,
): Promise<RestOutcome> {
  const rest = first.firstScreen?.rest;
  if (rest === undefined) return { tag: 'failed' };
  const vms: Vm[] = [];
  for (let index = 0; index < rest.slices; index++) {
    if (index > 0) await between();
    if (!wanted()) return { tag: 'abandoned' };
    let slice;
    try {
      const result = await api.getSnapshotSlice({ id: rest.id, index });
      slice = result.ok ? readSnapshotSlice(result.value, rest, index) : null;
    } catch {
      slice = null;
    }
    if (slice === null) return { tag: 'failed' };
    for (const vm of slice.vms) vms.push(vm);
  }
  if (!wanted()) return { tag: 'abandoned' };
  if (vms.length !== rest.total) return { tag: 'failed' };
  const { firstScreen: _partial, ...shared } = first;
  return { tag: 'whole', snapshot: { ...shared, vms } };
}
