// Pure: what differs between the VMs we knew and a fresh list. Used after every resync (offline changes)
// and, on single-VM updates, to turn a store change into human-meaningful log entries.
import { normalizeVmId } from '../../shared/model';

export interface DiffVm {
  readonly id: string;
  readonly name: string;
  readonly state: string;
}

export type VmChange =
  | {
      readonly kind: 'state-changed';
      readonly vmId: string;
      readonly vmName: string;
      readonly from: string;
      readonly to: string;
    }
  | { readonly kind: 'added'; readonly vmId: string; readonly vmName: string; readonly state: string }
  | { readonly kind: 'removed'; readonly vmId: string; readonly vmName: string; readonly lastState: string }
  | {
      readonly kind: 'renamed';
      readonly vmId: string;
      readonly vmName: string;
      readonly from: string;
      readonly to: string;
    };

/**
 * Changes from `old` to `fresh`, matched by normalised id. Order: removed, added, renamed, state-changed,
 * each by name, so log entries and tests are deterministic. A VM renamed and stopped yields two changes.
 * State comparison ignores case (prlctl never varies case, but a proxy might).
 */
export function diffVms(old: readonly DiffVm[], fresh: readonly DiffVm[]): VmChange[] {
  const before = new Map(old.map((v) => [normalizeVmId(v.id), v]));
  const after = new Map(fresh.map((v) => [normalizeVmId(v.id), v]));
  const removed: VmChange[] = [];
  const added: VmChange[] = [];
  const renamed: VmChange[] = [];
  const changed: VmChange[] = [];
  for (const [key, v] of before) {
    if (!after.has(key)) removed.push({ kind: 'removed', vmId: v.id, vmName: v.name, lastState: v.state });
  }
  for (const [key, v] of after) {
    const was = before.get(key);
    if (!was) {
      added.push({ kind: 'added', vmId: v.id, vmName: v.name, state: v.state });
      continue;
    }
    if (was.name !== v.name)
      renamed.push({ kind: 'renamed', vmId: v.id, vmName: v.name, from: was.name, to: v.name });
    if (was.state !== v.state) {
      changed.push({ kind: 'state-changed', vmId: v.id, vmName: v.name, from: was.state, to: v.state });
    }
  }
  const byName = (a: VmChange, b: VmChange): number =>
    a.vmName.localeCompare(b.vmName) || a.vmId.localeCompare(b.vmId);
  return [...removed.sort(byName), ...added.sort(byName), ...renamed.sort(byName), ...changed.sort(byName)];
}

/**
 * diffVms for one VM (before and/or after one single-VM action): the same changes in the same order, without
 * building maps and sorting. The hot path when a farm streams state changes.
 */
export function diffVm(old: DiffVm | undefined, fresh: DiffVm | undefined): VmChange[] {
  if (!old) return fresh ? [{ kind: 'added', vmId: fresh.id, vmName: fresh.name, state: fresh.state }] : [];
  if (!fresh) return [{ kind: 'removed', vmId: old.id, vmName: old.name, lastState: old.state }];
  if (old === fresh) return [];
  const out: VmChange[] = [];
  if (old.name !== fresh.name)
    out.push({ kind: 'renamed', vmId: fresh.id, vmName: fresh.name, from: old.name, to: fresh.name });
  if (old.state !== fresh.state)
    out.push({ kind: 'state-changed', vmId: fresh.id, vmName: fresh.name, from: old.state, to: fresh.state });
  return out;
}
