import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/shared/model';
import {
  EVENTS_FIRST_PAGE,
  EVENTS_MAX,
  EVENTS_PAGE,
  compareEventIds,
  nearEnd,
  nextEventLimit,
  recentEvents,
} from '../../../src/renderer/src/lib/events';

function event(id: string, at: number): HubEvent {
  return {
    id,
    at,
    hostId: 'farm-1',
    kind: 'state-changed',
    vmId: `vm-${id}`,
    from: 'running',
    to: 'stopped',
  };
}

/** What the event list did before: copy, sort newest first, slice. recentEvents must agree with it exactly. */
function reference(events: readonly HubEvent[], limit: number): HubEvent[] {
  return [...events].sort((a, b) => b.at - a.at || compareEventIds(b.id, a.id)).slice(0, limit);
}

describe('recentEvents', () => {
  it('returns the newest events first from an oldest-first log, without touching the input', () => {
    const log = Array.from({ length: 50 }, (_, i) => event(String(i + 1), 1_000 + i));
    const before = log.map((e) => e.id);
    const recent = recentEvents(log, 5);
    expect(recent.map((e) => e.id)).toEqual(['50', '49', '48', '47', '46']);
    expect(log.map((e) => e.id)).toEqual(before);
  });

  it('sorts a log that is out of order (an offline event stamped earlier than the one before it)', () => {
    const log = [event('1', 100), event('2', 300), event('3', 200), event('4', 250)];
    expect(recentEvents(log, 3).map((e) => e.id)).toEqual(['2', '4', '3']);
  });

  it('breaks ties in the same millisecond by numeric id, not text ("10" after "9")', () => {
    const log = [event('9', 500), event('10', 500), event('8', 500)];
    expect(recentEvents(log, 3).map((e) => e.id)).toEqual(['10', '9', '8']);
  });

  it('orders non-numeric ids as text so the order is still total', () => {
    const log = [event('b', 1), event('a', 1)];
    expect(recentEvents(log, 2).map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('agrees with a full sort on shuffled logs', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const log = Array.from({ length: 1 + Math.floor(random() * 60) }, (_, i) =>
        event(String(i), Math.floor(random() * 20)),
      );
      for (const limit of [1, 10, 100]) {
        expect(recentEvents(log, limit)).toEqual(reference(log, limit));
      }
    }
  });

  it('returns nothing for an empty log or a zero, negative or NaN limit', () => {
    const log = [event('1', 1)];
    expect(recentEvents([], 10)).toEqual([]);
    expect(recentEvents(log, 0)).toEqual([]);
    expect(recentEvents(log, -3)).toEqual([]);
    expect(recentEvents(log, Number.NaN)).toEqual([]);
  });

  it('returns the whole log when the limit is larger than it', () => {
    const log = [event('1', 1), event('2', 2)];
    expect(recentEvents(log, 100).map((e) => e.id)).toEqual(['2', '1']);
  });
});

describe('nextEventLimit', () => {
  it('adds one page at a time', () => {
    expect(nextEventLimit(EVENTS_FIRST_PAGE, 500)).toBe(EVENTS_FIRST_PAGE + EVENTS_PAGE);
  });

  it('stops at EVENTS_MAX however long the log is', () => {
    let limit = EVENTS_FIRST_PAGE;
    for (let i = 0; i < 50; i++) limit = nextEventLimit(limit, 10_000);
    expect(limit).toBe(EVENTS_MAX);
  });

  it('stops at what exists', () => {
    expect(nextEventLimit(EVENTS_FIRST_PAGE, EVENTS_FIRST_PAGE + 3)).toBe(EVENTS_FIRST_PAGE + 3);
  });

  it('never shrinks when the log is shorter than what is already shown', () => {
    expect(nextEventLimit(40, 5)).toBe(40);
    expect(nextEventLimit(40, -1)).toBe(40);
  });
});

describe('nearEnd', () => {
  it('is true within the slack of the end and false above it', () => {
    // 1,000 px of content in a 150 px pane: the end is at scrollTop 850.
    expect(nearEnd(850, 150, 1_000)).toBe(true);
    expect(nearEnd(802, 150, 1_000)).toBe(true);
    expect(nearEnd(801, 150, 1_000, 48)).toBe(false);
    expect(nearEnd(0, 150, 1_000)).toBe(false);
  });

  it('is true when everything already fits', () => {
    expect(nearEnd(0, 150, 100)).toBe(true);
  });
});
