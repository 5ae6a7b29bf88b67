// What the popover store tests share: a one-host farm (every tenth VM stopped), animation frames run by hand, and
// what the page renders from a snapshot — so "the page ends where a page given the whole snapshot would be" is one
// definition, not one per test file.
import { vi } from 'vitest';
import type { Snapshot, Vm } from '../../../src/shared/model';
import { headerCounts } from '../../../src/renderer/src/lib/status';
import { buildList } from '../../../src/renderer/src/lib/vm-list';

export function farmVm(i: number, state: Vm['state'] = i % 10 === 0 ? 'stopped' : 'running'): Vm {
  return {
    hostId: 'h1',
    id: `ID-${i}`,
    name: `ci-mac-${String(i).padStart(4, '0')}`,
    state,
    os: 'macosx',
    stateSince: 0,
    changedWhileOffline: false,
  };
}

export function oneHostFarm(generatedAt: number, vms: number): Snapshot {
  return {
    hosts: [{ id: 'h1', name: 'Farm', url: 'https://farm', status: { tag: 'live', since: 0 } }],
    vms: Array.from({ length: vms }, (_, i) => farmVm(i)),
    events: [],
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    generatedAt,
  };
}

/** Animation frames run by hand (the store's follow-ups wait for frames); returns "run the queued frame". */
export function frames(): () => void {
  const queued: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queued.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  return () => queued.splice(0).forEach((cb) => cb(0));
}

/** What the page renders from a snapshot: the list (rows and group headers) and the header's counts. */
export function pageOf(s: Snapshot | null): unknown {
  if (s === null) return null;
  const list = buildList({
    hosts: s.hosts,
    vms: s.vms,
    query: '',
    collapsed: new Set(),
    hostFilter: null,
    now: 0,
  });
  return {
    rows: list.map((i) => (i.kind === 'host' ? `#${i.groupId}` : i.key)),
    counts: headerCounts(s.hosts, s.vms, s.firstScreen?.omitted),
  };
}
