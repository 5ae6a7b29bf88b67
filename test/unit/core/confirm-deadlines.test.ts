import { describe, expect, it } from 'vitest';
import { CHECK_GRANULARITY_MS, ConfirmDeadlines } from '../../../src/main/core/confirm-deadlines';
import type { Timers } from '../../../src/main/kernel/clock';
import { FakeTime } from '../../support/fake-time';

const WINDOW = 5_000;

interface Options {
  maxRearms?: number;
  stillTransitional?: (vmId: string) => boolean;
  /** How far the wall clock is set back from the timers' time (the timers themselves keep running). */
  setBack?: () => number;
}

function setup(o: Options = {}) {
  const time = new FakeTime();
  const confirmed: { vmId: string; at: number }[] = [];
  let fired = 0;
  const timers: Timers = {
    setTimeout: (run, ms) =>
      time.setTimeout(() => {
        fired++;
        run();
      }, ms),
    clearTimeout: (h) => time.clearTimeout(h),
  };
  const deadlines = new ConfirmDeadlines({
    timers,
    now: () => time.now() - (o.setBack?.() ?? 0),
    windowMs: WINDOW,
    maxRearms: o.maxRearms ?? 6,
    onDue: (vmId) => {
      if (o.stillTransitional && !o.stillTransitional(vmId)) return false;
      confirmed.push({ vmId, at: time.now() });
      return true;
    },
  });
  return { time, confirmed, deadlines, t0: time.now(), wakeUps: () => fired };
}

describe('confirm deadlines', () => {
  it('serves a thousand transitional VMs with one timer; each confirmed on time, never early', () => {
    const { time, confirmed, deadlines, t0, wakeUps } = setup();
    for (let i = 0; i < 1_000; i++) {
      deadlines.arm(`vm-${i}`, `VM-${i}`);
      time.advance(1);
    }
    // The old design held one timer per VM (1,000 here).
    expect(time.pendingCount).toBe(1);
    time.advance(WINDOW + CHECK_GRANULARITY_MS);
    expect(confirmed.map((c) => c.vmId)).toEqual(Array.from({ length: 1_000 }, (_, i) => `VM-${i}`));
    // VM i was armed at t0 + i: asked no earlier than t0 + i + WINDOW, and at most one check interval later.
    const lateness = confirmed.map((c, i) => c.at - (t0 + i + WINDOW));
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(CHECK_GRANULARITY_MS);
    // Spread-out deadlines cost a bounded number of wake-ups, not one per VM.
    expect(wakeUps()).toBeLessThanOrEqual(1_000 / CHECK_GRANULARITY_MS + 2);
  });

  it('a re-arm restarts that VM’s window without disturbing the others', () => {
    const { time, confirmed, deadlines, t0 } = setup();
    deadlines.arm('a', 'a');
    deadlines.arm('b', 'b');
    time.advance(4_000);
    deadlines.arm('a', 'a'); // a new transitional event for a
    time.advance(1_000);
    expect(confirmed).toEqual([{ vmId: 'b', at: t0 + WINDOW }]);
    time.advance(4_000);
    expect(confirmed).toEqual([
      { vmId: 'b', at: t0 + WINDOW },
      { vmId: 'a', at: t0 + 4_000 + WINDOW },
    ]);
  });

  it('a VM that settles before its deadline is never asked, and nothing keeps ticking afterwards', () => {
    const { time, confirmed, deadlines } = setup();
    deadlines.arm('a', 'a');
    deadlines.disarm('a');
    time.advance(WINDOW * 3);
    expect(confirmed).toEqual([]);
    expect(deadlines.size).toBe(0);
    expect(time.pendingCount).toBe(0);
  });

  it('drops a VM whose onDue says it no longer needs a confirmation', () => {
    const { time, confirmed, deadlines } = setup({ stillTransitional: (id) => id !== 'settled' });
    deadlines.arm('settled', 'settled');
    deadlines.arm('stuck', 'stuck');
    time.advance(WINDOW);
    expect(confirmed.map((c) => c.vmId)).toEqual(['stuck']);
    expect(deadlines.size).toBe(1); // 'stuck' waits for its answer
  });

  it('a VM that never settles stops costing GETs after maxRearms re-arms', () => {
    const { time, confirmed, deadlines } = setup({ maxRearms: 3 });
    deadlines.arm('r', 'r');
    // Every answer still says "resetting", and sync re-arms when an answer arrives.
    for (let i = 0; i < 10; i++) {
      const before = confirmed.length;
      time.advance(WINDOW);
      if (confirmed.length > before) deadlines.arm('r', 'r');
    }
    expect(confirmed).toHaveLength(4); // the first window + 3 re-arms
    expect(deadlines.size).toBe(0);
    expect(time.pendingCount).toBe(0);
  });

  it('a VM armed after the wall clock was set back an hour is confirmed with the one already waiting', () => {
    let setBack = 0;
    const { time, confirmed, deadlines, t0 } = setup({ setBack: () => setBack });
    deadlines.arm('a', 'a');
    setBack = 60 * 60_000;
    deadlines.arm('b', 'b');
    time.advance(WINDOW);
    expect(confirmed).toEqual([
      { vmId: 'a', at: t0 + WINDOW },
      { vmId: 'b', at: t0 + WINDOW },
    ]);
  });

  it('a wall clock set back by an hour does not postpone a pending confirmation by an hour', () => {
    let setBack = 0;
    const { time, confirmed, deadlines, t0 } = setup({ setBack: () => setBack });
    deadlines.arm('a', 'a');
    setBack = 60 * 60_000;
    time.advance(WINDOW);
    expect(confirmed).toEqual([{ vmId: 'a', at: t0 + WINDOW }]);
  });

  it('settled VMs are forgotten after a window, so ephemeral VMs do not accumulate', () => {
    const { time, deadlines } = setup();
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 500; i++) deadlines.arm(`r${round}-${i}`, `r${round}-${i}`);
      for (let i = 0; i < 500; i++) deadlines.disarm(`r${round}-${i}`);
      deadlines.arm('keeper', 'keeper'); // keeps the timer (and so the pruning scans) going
      time.advance(WINDOW);
    }
    expect(deadlines.size).toBe(1);
    expect(deadlines.retained).toBeLessThanOrEqual(2 * 500 + 1);
  });

  it('clear() forgets every VM and cancels the timer', () => {
    const { time, confirmed, deadlines } = setup();
    deadlines.arm('a', 'a');
    deadlines.clear();
    time.advance(WINDOW * 2);
    expect(confirmed).toEqual([]);
    expect(time.pendingCount).toBe(0);
  });
});
