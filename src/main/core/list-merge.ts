// A periodic re-list runs while live events keep being applied. The list answer can be older than an event that
// arrived meanwhile (the server answers from its cache, events are flushed every 100 ms), so for every VM an event
// touched while the list was in flight, the store's current value wins over the list; those VMs are then
// confirmed one by one with GET /machines/{id}.
import { vmKey, type Vm } from '../../shared/model';
import type { ParsedVm } from './hub-ports';

export function mergeListWithLiveEvents(
  hostId: string,
  list: readonly ParsedVm[],
  touched: ReadonlySet<string>,
  current: (vmId: string) => Vm | undefined,
): ParsedVm[] {
  if (touched.size === 0) return [...list];
  const touchedKeys = new Map<string, string>();
  for (const id of touched) touchedKeys.set(vmKey(hostId, id), id);
  const merged: ParsedVm[] = [];
  for (const vm of list) if (!touchedKeys.has(vmKey(hostId, vm.id))) merged.push(vm);
  for (const id of touchedKeys.values()) {
    const vm = current(id);
    if (!vm) continue; // removed by a live event: the list's copy is older
    merged.push({
      id: vm.id,
      name: vm.name,
      state: vm.state,
      os: vm.os,
      ...(vm.uptimeSeconds === undefined ? {} : { uptimeSeconds: vm.uptimeSeconds }),
      ...(vm.ip === undefined ? {} : { ip: vm.ip }),
      ...(vm.user === undefined ? {} : { user: vm.user }),
    });
  }
  return merged;
}
