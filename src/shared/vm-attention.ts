// Attention ordering: the rows an SRE must see first come first. ONE definition for the popover (which orders its
// list by it) and main (whose first-screen cut, first-screen.ts, must send every row the page puts first). Pure;
// `now` is passed in.
import { compareVmNames } from './vm-order';
import { isTransitionalState, type Vm } from './model';
import { stateTone } from './state-tone';

/** A stop younger than this stays at the top of the list (and highlighted). */
export const RECENT_STOP_MS = 15 * 60_000;

export const Attention = {
  RecentlyStopped: 0,
  Error: 1,
  Transitional: 2,
  Normal: 3,
} as const;
export type Attention = (typeof Attention)[keyof typeof Attention];

function isRecentlyStopped(vm: Vm, now: number): boolean {
  return vm.state === 'stopped' && vm.stateSince !== null && now - vm.stateSince < RECENT_STOP_MS;
}

export function attentionOf(vm: Vm, now: number): Attention {
  if (isRecentlyStopped(vm, now)) return Attention.RecentlyStopped;
  const tone = stateTone(vm.state);
  // Unrecognised states are treated as errors: something the user has not seen before deserves a look.
  if (tone === 'error' || tone === 'other') return Attention.Error;
  if (isTransitionalState(vm.state)) return Attention.Transitional;
  return Attention.Normal;
}

/** Within a rank: by name in the one collation main and page share (vm-order.ts), then by id. */
export function compareByName(a: Vm, b: Vm): number {
  return compareVmNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface RankedVm {
  readonly vm: Vm;
  readonly rank: Attention;
}

/**
 * The VMs bucketed by attention (bucket i holds rank i; a rank nobody has is a hole), each bucket by name (natural
 * order: "mac-2" before "mac-10"). Sorting each bucket gives the same order as one sort by (rank, name), but the
 * server lists VMs in a stable order, so each bucket usually arrives already sorted and TimSort confirms it in n - 1
 * collator comparisons instead of ~n log n (a mixed-rank list is never one sorted run, so one big sort gets no such
 * luck).
 */
export function attentionBuckets(vms: readonly Vm[], now: number): Vm[][] {
  const buckets: Vm[][] = [];
  for (const vm of vms) (buckets[attentionOf(vm, now)] ??= []).push(vm);
  buckets.forEach((bucket) => bucket.sort(compareByName)); // forEach skips the holes
  return buckets;
}

/**
 * Attention first, then by name, each VM paired with its rank so callers need not compute attention a second time
 * (it costs a state normalisation per VM, 1,000 on a big farm).
 */
export function rankVms(vms: readonly Vm[], now: number): RankedVm[] {
  return attentionBuckets(vms, now).flatMap((bucket, rank) =>
    bucket.map((vm) => ({ vm, rank: rank as Attention })),
  );
}

/** Returns a new array: attention first, then by name (natural order: "mac-2" before "mac-10"). */
export function sortVms(vms: readonly Vm[], now: number): Vm[] {
  return rankVms(vms, now).map((r) => r.vm);
}
