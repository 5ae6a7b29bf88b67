// The popover's whole VM list, after its first screen, comes in slices: one IPC reply per SLICE_VMS VMs, each
// cloned (Electron IPC + contextBridge) and kept in a task of its own, and the list is rendered once, when the last
// slice is in. Why: the whole snapshot in one reply was one task of ~35 ms main-thread CPU at 4,000 VMs (the clone
// and its garbage ~60 % of it; render-settle.ts), 54–78 ms wall on a quiet machine — over the 50 ms long-task
// budget (issue 15, "longest task ≤ 50 ms at 4,000 VMs"). Every slice is cut from ONE snapshot that main keeps
// for the page (createSnapshotPins below), so the slices together are exactly the snapshot the first screen
// was cut from, whatever changed in between (later changes reach the page through the pushes).
import type { RestOfSnapshot, Snapshot, Vm } from './model';

/** VMs per slice: a 1,000-VM clone is ~4–5 ms of main-thread CPU, small beside the final render of the list. */
const SLICE_VMS = 1_000;

/** Asks 'vm:snapshot-slice' for slice `index` of the whole snapshot `id` (RestOfSnapshot). */
export interface SnapshotSliceRequest {
  readonly id: number;
  readonly index: number;
}

export interface SnapshotSlice {
  readonly id: number;
  readonly index: number;
  /** VMs [index × SLICE_VMS, (index + 1) × SLICE_VMS) of the whole snapshot, in its order. */
  readonly vms: readonly Vm[];
}

/** Slices needed for `total` VMs (at least one, so an empty farm still ends with a whole snapshot). */
function sliceCount(total: number, sliceVms = SLICE_VMS): number {
  return Math.max(1, Math.ceil(total / sliceVms));
}

/** Slice `index` of `vms` (main's side). */
function sliceOf(vms: readonly Vm[], index: number, sliceVms = SLICE_VMS): readonly Vm[] {
  return vms.slice(index * sliceVms, (index + 1) * sliceVms);
}

/**
 * The page's check of a slice before it keeps it: the one it asked for, of the snapshot it is assembling, and a
 * list. (Main is trusted, but a wrong slice kept would show a wrong farm until the next full push.)
 */
export function readSnapshotSlice(value: unknown, rest: RestOfSnapshot, index: number): SnapshotSlice | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.id !== rest.id || v.index !== index || !Array.isArray(v.vms)) return null;
  return value as SnapshotSlice;
}

// Main's side (src/main/ipc/handlers.ts): the whole snapshot a first screen was cut from is kept, under a fresh id,
// until the page has pulled its last slice or a newer first screen replaces it. Why keep it rather than cut each
// slice from the live core: between two slices VMs are added, removed and renamed, so slices cut from different
// moments would duplicate or drop VMs; cut from one snapshot they are that snapshot, and the pushes
// (shared/state-push.ts) carry what changed since. At most one is kept (one popover page): a page that reloads
// mid-way asks for a new first screen, which drops the old one. Here, not in src/main, so the renderer's tests
// drive the page against main's real slicing.
export interface SnapshotPins {
  /** Keeps `whole` for slice pulls; what the page needs to pull them. */
  pin(whole: Snapshot): RestOfSnapshot;
  /** Slice `index` of the kept snapshot `id`; throws when that snapshot is gone or has no such slice. */
  slice(id: number, index: number): SnapshotSlice;
}

export function createSnapshotPins(sliceVms = SLICE_VMS): SnapshotPins {
  let lastId = 0;
  let pinned: { id: number; vms: Snapshot['vms']; slices: number } | null = null;
  return {
    pin(whole) {
      lastId += 1;
      const slices = sliceCount(whole.vms.length, sliceVms);
      pinned = { id: lastId, vms: whole.vms, slices };
      return { id: lastId, slices, total: whole.vms.length };
    },
    slice(id, index) {
      // The page falls back to one whole pull on this error, so it says what happened, not what to do.
      if (pinned === null || pinned.id !== id)
        throw new Error('that snapshot is no longer kept (a newer first screen replaced it)');
      if (index >= pinned.slices) throw new Error(`that snapshot has ${pinned.slices} slice(s)`);
      const vms = sliceOf(pinned.vms, index, sliceVms);
      if (index === pinned.slices - 1) pinned = null; // the last one: the page has it all
      return { id, index, vms };
    },
  };
}
