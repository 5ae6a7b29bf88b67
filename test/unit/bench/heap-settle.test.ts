// The bench's wait before the farm's idle window (test/bench/lib/heap-settle.ts): when is the heap the event phase
// grew "given back", and when may the wait end. Figures from `node --trace-gc` runs of the farm measurement.
import { describe, expect, it } from 'vitest';
import { heapGivenBack, heapSettled, reducerCycleDone } from '../../bench/lib/heap-settle';

const MB = 2 ** 20;

describe('heapGivenBack', () => {
  it('is false while the heap the events grew is still committed', () => {
    // After a forced collection, before the reducer ran: 13.2 MB live in 30.2 MB committed.
    expect(heapGivenBack(30.2 * MB, 13.2 * MB)).toBe(false);
    // After the first sync's burst: 11.4 MB in 48.2 MB.
    expect(heapGivenBack(48.2 * MB, 11.4 * MB)).toBe(false);
  });

  it('is true once the reducer shrank it back near what is live', () => {
    expect(heapGivenBack(14.9 * MB, 12.8 * MB)).toBe(true);
    expect(heapGivenBack(12.6 * MB, 11.9 * MB)).toBe(true);
  });

  it('allows a proportional slack on a larger live heap', () => {
    expect(heapGivenBack(60 * MB, 50 * MB)).toBe(true);
    expect(heapGivenBack(70 * MB, 50 * MB)).toBe(false);
  });
});

describe('heapSettled', () => {
  const base = { waitedMs: 60_000, minWaitMs: 40_000, givenBack: true, msSinceLastMajor: null };

  it('never ends before the caller’s own settle', () => {
    expect(heapSettled({ ...base, waitedMs: 39_000 })).toBe(false);
    expect(heapSettled(base)).toBe(true);
  });

  it('waits while the heap is not given back', () => {
    expect(heapSettled({ ...base, givenBack: false })).toBe(false);
  });

  it('waits for a quiet spell after a full collection (the reducer runs up to three, ~8 s apart)', () => {
    expect(heapSettled({ ...base, msSinceLastMajor: 1_000 })).toBe(false);
    expect(heapSettled({ ...base, msSinceLastMajor: 11_999 })).toBe(false);
    expect(heapSettled({ ...base, msSinceLastMajor: 12_000 })).toBe(true);
  });
});

describe('reducerCycleDone', () => {
  it('is done when there was no heap to give back', () => {
    expect(reducerCycleDone(true, 0)).toBe(true);
  });

  it('needs the two collections of a memory-reducer cycle otherwise (V8 always schedules a second)', () => {
    expect(reducerCycleDone(false, 0)).toBe(false);
    // The run whose window held the cycle's second collection, 106 s after the first.
    expect(reducerCycleDone(false, 1)).toBe(false);
    expect(reducerCycleDone(false, 2)).toBe(true);
  });
});
