// Turns "the core changed" into the next 'state:changed' payload for ONE page (shared/state-push.ts): a full
// Snapshot when the page has nothing to build on, otherwise only what changed since the last push to it. What
// changed is read from the core's view (core/ports.ts CoreView), not found by comparing snapshots: VMs from the
// core's change journal (O(changed VMs), no sort, no copy of the store), the event window and the mute set by
// identity, the few host summaries and pending actions by value. Why: one VM's change at 4,000 VMs was a 904 KB
// push; now it is that VM (issue 15, "Scale").
import type {
  HostSummary,
  HubEvent,
  NotificationHealth,
  PendingAction,
  Snapshot,
  Vm,
} from '../../shared/model';
import type { SnapshotDelta, StatePush } from '../../shared/state-push';
import type { CoreView } from '../core/ports';
import { sameHostSummaries } from '../core/host-summaries';

export interface StatePusher {
  /** The next payload: full after reset() (or when the journal no longer reaches back), else a delta. */
  next(): StatePush;
  /** The page lost (or never had) what the last push built on: the next payload is a full snapshot. */
  reset(): void;
  /**
   * The page pulled `snapshot` (read in the same synchronous step as `vmCursor`, the core's change cursor):
   * remember it as push generation G, exactly as if it had been pushed, so the next push is what changed since
   * the pull. Returns G, for the page to seed its model with (snapshot, G). Null, and nothing remembered, once a
   * push has gone to this page since the last reset(): the page builds on that stream, and a pulled base would
   * fork it. Why: the first push after the popover is shown was the whole farm (904 KB at 4,000 VMs, one ~35 ms
   * clone and re-render) although the page held it from its pulls (issue 15).
   */
  adopt(snapshot: Snapshot, vmCursor: number): number | null;
}

interface Sent {
  generation: number;
  cursor: number;
  hosts: readonly HostSummary[];
  events: readonly HubEvent[];
  pendingJson: string;
  muted: ReadonlySet<string>;
  pausedUntil: number | null;
  healthJson: string;
}

export function createStatePusher(o: {
  view: CoreView;
  /** The whole snapshot, for full pushes (the shell's adds notificationHealth). */
  snapshot: () => Snapshot;
  /** Absent: the page is never told about notification health in deltas. */
  notificationHealth?: () => NotificationHealth | undefined;
}): StatePusher {
  let generation = 0;
  let sent: Sent | null = null;
  /** Something was pushed since the last reset(): pulls no longer become the base (see adopt). */
  let pushedSinceReset = false;

  function remember(
    hosts: readonly HostSummary[],
    events: readonly HubEvent[],
    pending: readonly PendingAction[],
    cursor: number,
  ): Sent {
    return {
      generation,
      cursor,
      hosts,
      events,
      pendingJson: JSON.stringify(pending),
      muted: o.view.muted(),
      pausedUntil: o.view.pausedUntil(),
      healthJson: JSON.stringify(o.notificationHealth?.() ?? null),
    };
  }

  function full(): StatePush {
    const cursor = o.view.vmCursor();
    const snapshot = o.snapshot();
    generation += 1;
    sent = remember(snapshot.hosts, snapshot.events, snapshot.pending, cursor);
    return { generation, full: snapshot };
  }

  function delta(last: Sent, keys: readonly string[]): StatePush {
    const view = o.view;
    const d: { -readonly [K in keyof SnapshotDelta]: SnapshotDelta[K] } = {
      base: last.generation,
      generatedAt: view.now(),
    };
    const cursor = view.vmCursor();
    if (keys.length > 0) {
      const upserts: Vm[] = [];
      const removed: string[] = [];
      for (const key of new Set(keys)) {
        const vm = view.vm(key);
        if (vm === undefined) removed.push(key);
        else upserts.push(vm);
      }
      if (upserts.length > 0) d.upserts = upserts;
      if (removed.length > 0) d.removed = removed;
    }
    const hosts = view.hosts();
    if (!sameHostSummaries(last.hosts, hosts)) d.hosts = hosts;
    const events = view.events();
    if (events !== last.events) d.events = eventChanges(last.events, events);
    const pending = view.pending();
    const pendingJson = JSON.stringify(pending);
    if (pendingJson !== last.pendingJson) d.pending = pending;
    const muted = view.muted();
    if (muted !== last.muted) d.mutedVms = [...muted];
    const pausedUntil = view.pausedUntil();
    if (pausedUntil !== last.pausedUntil) d.notificationsPausedUntil = pausedUntil;
    const health = o.notificationHealth?.();
    const healthJson = JSON.stringify(health ?? null);
    if (healthJson !== last.healthJson && health !== undefined) d.notificationHealth = health;
    generation += 1;
    sent = {
      generation,
      cursor,
      hosts,
      events,
      pendingJson,
      muted,
      pausedUntil,
      healthJson,
    };
    return { generation, delta: d };
  }

  return {
    next() {
      pushedSinceReset = true;
      if (sent === null) return full();
      const keys = o.view.vmChangesSince(sent.cursor);
      return keys === null ? full() : delta(sent, keys);
    },
    reset() {
      sent = null;
      pushedSinceReset = false;
    },
    adopt(snapshot, vmCursor) {
      if (pushedSinceReset) return null;
      generation += 1;
      sent = remember(snapshot.hosts, snapshot.events, snapshot.pending, vmCursor);
      return generation;
    },
  };
}

/**
 * Entries of `now` that `before` did not hold as the same object (new ones, and folded ones rewritten under their
 * id), oldest first, plus the oldest id kept. Both windows are oldest first with increasing ids: O(window).
 */
function eventChanges(
  before: readonly HubEvent[],
  now: readonly HubEvent[],
): { changed: HubEvent[]; oldestId: string | null } {
  const known = new Set(before);
  return { changed: now.filter((e) => !known.has(e)), oldestId: now[0]?.id ?? null };
}
