// Attention ordering: the rows an SRE must see first come first. Pure; `now` is passed in.
import { isTransitionalState, type Vm } from '../../../shared/model';
import { stateBadge } from './format';

/** A stop younger than this stays at the top of the list (and highlighted). */
export const RECENT_STOP_MS = 15 * 60_000;

export const Attention = {
  RecentlyStopped: 0,
  Error: 1,
  Transitional: 2,
  Normal: 3,
} as const;
export type Attention = (typeof Attention)[keyof typeof Attention];

export function isRecentlyStopped(vm: Vm, now: number): boolean {
  return (
    vm.state.trim().toLowerCase() === 'stopped' &&
    vm.stateSince !== null &&
    now - vm.stateSince < RECENT_STOP_MS
  );
}

export function attentionOf(vm: Vm, now: number): Attention {
  if (isRecentlyStopped(vm, now)) return Attention.RecentlyStopped;
  const tone = stateBadge(vm.state).tone;
  // Unrecognised states are treated as errors: something the user has not seen before deserves a look.
  if (tone === 'error' || tone === 'other') return Attention.Error;
  if (isTransitionalState(vm.state)) return Attention.Transitional;
  return Attention.Normal;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareByName(a: Vm, b: Vm): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Returns a new array: attention first, then by name (natural order: "mac-2" before "mac-10"). */
export function sortVms(vms: readonly Vm[], now: number): Vm[] {
  const ranked = vms.map((vm) => ({ vm, rank: attentionOf(vm, now) }));
  ranked.sort((a, b) => a.rank - b.rank || compareByName(a.vm, b.vm));
  return ranked.map((r) => r.vm);
}
