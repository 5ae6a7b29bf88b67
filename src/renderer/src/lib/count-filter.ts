// The header's state counts double as filters (issue 14): clicking "3 stopped" shows only those VMs. A VM belongs
// to the bucket its own count is in (settled state, "busy" or "other"), so a filter always matches its count.
import type { OmittedVms, Vm } from '../../../shared/model';
import { summarizeCounts } from './status';

function inCountBucket(vm: Vm, bucket: string): boolean {
  return summarizeCounts([vm])[0]?.state === bucket;
}

export function filterByCount(vms: readonly Vm[], bucket: string | null): readonly Vm[] {
  return bucket === null ? vms : vms.filter((vm) => inCountBucket(vm, bucket));
}

/** The same filter over the VMs a first screen left out (counted by state, shared/first-screen.ts). */
export function filterOmittedByCount(
  omitted: readonly OmittedVms[] | undefined,
  bucket: string | null,
): readonly OmittedVms[] {
  if (omitted === undefined) return [];
  return bucket === null ? omitted : omitted.filter((o) => summarizeCounts([], [o])[0]?.state === bucket);
}
