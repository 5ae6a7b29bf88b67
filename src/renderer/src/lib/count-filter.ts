// The header's state counts double as filters (issue 14): clicking "3 stopped" shows only those VMs. A VM belongs
// to the bucket its own count is in (settled state, "busy" or "other"), so a filter always matches its count.
import type { Vm } from '../../../shared/model';
import { summarizeCounts } from './status';

function inCountBucket(vm: Vm, bucket: string): boolean {
  return summarizeCounts([vm])[0]?.state === bucket;
}

export function filterByCount(vms: readonly Vm[], bucket: string | null): readonly Vm[] {
  return bucket === null ? vms : vms.filter((vm) => inCountBucket(vm, bucket));
}
