// A CoreView over something that can only build whole snapshots (a test's fake core): correct, not cheap. It has
// no change journal, so every push it feeds is a full one.
import { vmKeyOf, type Snapshot } from '../../shared/model';
import type { CoreView } from './ports';

export function snapshotView(snapshot: () => Snapshot): CoreView {
  return {
    hosts: () => snapshot().hosts,
    vm: (key) => snapshot().vms.find((vm) => vmKeyOf(vm) === key),
    forEachVm: (visit) => snapshot().vms.forEach((vm) => visit(vm)),
    vmCursor: () => 0,
    vmChangesSince: () => null,
    events: () => snapshot().events,
    pending: () => snapshot().pending,
    muted: () => new Set(snapshot().mutedVms),
    pausedUntil: () => snapshot().notificationsPausedUntil,
    now: () => snapshot().generatedAt,
  };
}
