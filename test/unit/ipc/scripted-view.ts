// A CoreView a test writes directly (core/ports.ts), with the change journal the real core keeps (vm-journal.ts):
// every VM write or delete appends its key, and a cursor is the journal's length. For checking exactly what a push
// carries after one change of one kind; the real core's wiring is covered by push-deltas/push-adopt.test.ts.
import type { CoreView } from '../../../src/main/core/ports';
import {
  vmKeyOf,
  type HostSummary,
  type HubEvent,
  type PendingAction,
  type Vm,
} from '../../../src/shared/model';

export interface ScriptedView extends CoreView {
  setVm(vm: Vm): void;
  deleteVm(vm: Vm): void;
  hostList: readonly HostSummary[];
  eventWindow: readonly HubEvent[];
  pendingList: readonly PendingAction[];
  mutedSet: ReadonlySet<string>;
  paused: number | null;
  clock: number;
}

export function scriptedView(vms: readonly Vm[], hosts: readonly HostSummary[]): ScriptedView {
  const byKey = new Map(vms.map((v) => [vmKeyOf(v), v]));
  const journal: string[] = [];
  const view: ScriptedView = {
    hostList: hosts,
    eventWindow: [],
    pendingList: [],
    mutedSet: new Set(),
    paused: null,
    clock: 1_000,
    setVm: (v) => void (byKey.set(vmKeyOf(v), v), journal.push(vmKeyOf(v))),
    deleteVm: (v) => void (byKey.delete(vmKeyOf(v)), journal.push(vmKeyOf(v))),
    hosts: () => view.hostList,
    vm: (key) => byKey.get(key),
    forEachVm: (visit) => byKey.forEach((v) => visit(v)),
    vmCursor: () => journal.length,
    vmChangesSince: (cursor) => journal.slice(cursor),
    events: () => view.eventWindow,
    pending: () => view.pendingList,
    muted: () => view.mutedSet,
    pausedUntil: () => view.paused,
    now: () => view.clock,
  };
  return view;
}
