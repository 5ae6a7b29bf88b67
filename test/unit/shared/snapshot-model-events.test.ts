// The popover's event log after a delta (shared/snapshot-model.ts patchEvents): main sends the entries it added or
// rewrote (a settled stop folds into its entry under the same id) and the id of the oldest entry it still keeps
// (the log is a bounded window). The page's log must be main's window: nothing doubled, nothing older kept.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/shared/model';
import { host, modelHolding, patch } from './snapshot-model-fixtures';

const event = (id: number, to = 'stopped'): HubEvent => ({
  id: String(id),
  at: id * 1_000,
  hostId: 'h',
  kind: 'state-changed',
  vmId: `vm-${id}`,
  from: 'running',
  to,
});

const log = (events: readonly HubEvent[] | undefined): string[] =>
  events?.map((e) => `${e.id}:${e.to}`) ?? [];

describe('SnapshotModel: the event log after a delta', () => {
  const holding = (ids: number[]) => modelHolding([host('h')], [], { events: ids.map((id) => event(id)) });

  it('new entries are appended after the ones the page holds', () => {
    const m = holding([8, 9]);
    const s = patch(m, { events: { changed: [event(10), event(11)], oldestId: '8' } });
    expect(log(s.events)).toEqual(['8:stopped', '9:stopped', '10:stopped', '11:stopped']);
  });

  it('a rewritten entry replaces its old self in place (a settled stop folded into it), never doubled', () => {
    const m = holding([8, 9, 10]);
    const before = m.current!.events;
    const s = patch(m, { events: { changed: [event(9, 'suspended')], oldestId: '8' } });
    expect(log(s.events)).toEqual(['8:stopped', '9:suspended', '10:stopped']);
    expect(log(before)).toEqual(['8:stopped', '9:stopped', '10:stopped']); // the previous snapshot's log is untouched
  });

  it('entries older than the oldest id main keeps are dropped (numeric ids: "10" is newer than "9")', () => {
    const m = holding([8, 9, 10]);
    expect(log(patch(m, { events: { changed: [event(11)], oldestId: '10' } }).events)).toEqual([
      '10:stopped',
      '11:stopped',
    ]);
  });

  it('a window that slid past everything the page held keeps only the new entries', () => {
    const m = holding([1, 2]);
    expect(log(patch(m, { events: { changed: [event(3), event(4)], oldestId: '3' } }).events)).toEqual([
      '3:stopped',
      '4:stopped',
    ]);
  });

  it('an empty window (oldest id null) empties the log', () => {
    const m = holding([1, 2]);
    expect(patch(m, { events: { changed: [], oldestId: null } }).events).toEqual([]);
  });

  it('a delta without events keeps the same log array', () => {
    const m = holding([1]);
    const before = m.current!.events;
    expect(patch(m, { pending: [] }).events).toBe(before);
  });
});
