import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../../../src/main/hub/backoff';

describe('backoff', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [6, 32_000],
    [7, 60_000],
    [8, 60_000],
    [500, 60_000],
    [2_000, 60_000], // 2^1999 is Infinity: still the cap
  ])('ceiling after %i failures is %i ms', (failures, ceiling) => {
    expect(backoffCeiling(DEFAULT_BACKOFF, failures)).toBe(ceiling);
  });

  it('full jitter spans [0, ceiling] and clamps a misbehaving random()', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 3, () => 0)).toBe(0);
    expect(backoffDelay(DEFAULT_BACKOFF, 3, () => 0.5)).toBe(2_000);
    expect(backoffDelay(DEFAULT_BACKOFF, 3, () => 0.999_999)).toBe(4_000);
    expect(backoffDelay(DEFAULT_BACKOFF, 3, () => 7)).toBe(4_000);
    expect(backoffDelay(DEFAULT_BACKOFF, 3, () => -1)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(DEFAULT_BACKOFF, 10, Math.random);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(60_000);
    }
  });

  it('counts consecutive failures and doubles the ceiling', () => {
    const b = new Backoff(DEFAULT_BACKOFF, () => 1);
    expect([b.nextDelay(), b.nextDelay(), b.nextDelay(), b.nextDelay()]).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(b.consecutiveFailures).toBe(4);
  });

  it('resets only after a connection stayed up stableAfterMs', () => {
    const b = new Backoff(DEFAULT_BACKOFF, () => 1);
    b.nextDelay();
    b.nextDelay();
    b.nextDelay();
    // Flapping: open then dropped after 5 s keeps growing.
    b.noteOpen(0);
    b.noteClosed(5_000);
    expect(b.nextDelay()).toBe(8_000);
    // Stable for 30 s: the next failure starts over.
    b.noteOpen(100_000);
    b.noteClosed(130_000);
    expect(b.nextDelay()).toBe(1_000);
  });

  it('stability is the time the connection stayed up, not a sum of clock readings', () => {
    // Opened late in a long-running process and dropped 5 s later: still flapping, the ceiling keeps growing.
    const b = new Backoff(DEFAULT_BACKOFF, () => 1);
    b.nextDelay();
    b.noteOpen(1_000_000);
    b.noteClosed(1_005_000);
    expect(b.nextDelay()).toBe(2_000);
  });

  it('reset() forgets every failure', () => {
    const b = new Backoff(DEFAULT_BACKOFF, () => 1);
    b.nextDelay();
    b.nextDelay();
    b.noteOpen(0);
    b.reset();
    expect(b.consecutiveFailures).toBe(0);
    expect(b.nextDelay()).toBe(1_000);
  });

  it('a close without an open does not reset', () => {
    const b = new Backoff(DEFAULT_BACKOFF, () => 1);
    b.nextDelay();
    b.noteClosed(1e12);
    expect(b.nextDelay()).toBe(2_000);
  });
});
