// The core's read side: the CoreView the push/IPC layer reads piece by piece, and the whole Snapshot. Both read
// the committed store through the batcher's non-copying accessors; kept apart from app-core.ts, which owns the
// write side (monitors, configure, actions).
import type { HostId, HubEvent, PendingAction, Snapshot } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { CoreBatcher } from './batch';
import type { FarmEntries } from './farm-entries';
import type { LastLiveTracker } from './last-live';
import type { CoreView } from './ports';
import { buildSnapshot } from './snapshot';
import { createHostSummarySelector } from './host-summaries';
import { createVmSelector } from './store';

export interface CoreReadSources {
  hosts(): readonly HostConfig[];
  core: CoreBatcher;
  versions: ReadonlyMap<HostId, string | null>;
  lastLive: LastLiveTracker;
  events(): readonly HubEvent[];
  pending(): readonly PendingAction[];
  notify: { readonly muted: ReadonlySet<string>; readonly pausedUntil: number | null };
  farms: Pick<FarmEntries, 'summaryOf'>;
  now(): number;
}

export interface CoreReads {
  view: CoreView;
  /** A fresh snapshot (the caller caches it until the next change). */
  snapshot(): Snapshot;
}

export function createCoreReads(src: CoreReadSources): CoreReads {
  const { core, versions, lastLive, notify, farms } = src;
  const sortedVms = createVmSelector();
  const hostList = createHostSummarySelector();
  const snapshot = (): Snapshot =>
    buildSnapshot({
      hosts: src.hosts(),
      store: core.store,
      versions,
      lastLiveAt: lastLive.map,
      events: src.events(),
      pending: src.pending(),
      // Not notify.state: that hands the policy state out, and the next policy pass copied every VM's entry.
      policy: { muted: notify.muted, pausedUntil: notify.pausedUntil },
      now: src.now(),
      selectVms: sortedVms,
      extras: (id) => farms.summaryOf(id),
    });

  const view: CoreView = {
    hosts: () =>
      hostList({
        hosts: src.hosts(),
        store: { hosts: core.committedHosts() },
        versions,
        lastLiveAt: lastLive.map,
        extras: (id) => farms.summaryOf(id),
      }),
    vm: (key) => core.committedVm(key),
    forEachVm: (visit) => core.forEachCommittedVm(visit),
    vmCursor: () => core.journal.cursor,
    vmChangesSince: (cursor) => core.journal.since(cursor),
    events: () => src.events(),
    pending: () => src.pending(),
    muted: () => notify.muted,
    pausedUntil: () => notify.pausedUntil,
    now: () => src.now(),
  };
  return { view, snapshot };
}
