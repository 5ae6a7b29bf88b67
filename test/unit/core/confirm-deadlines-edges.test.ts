// Edges of the confirmation deadlines that confirm-deadlines.test.ts does not reach (issue 16, mutation testing):
// a VM's re-arm budget after it settled, disarm/clear on nothing, a wall clock set back while VMs wait, and a VM
// armed in the very millisecond a check runs.
import { describe, expect, it } from 'vitest';
import { ConfirmDeadlines } from '../../../src/main/core/confirm-deadlines';
import { FakeTime } from '../../support/fake-time';

const WINDOW = 5_000;
const HOUR = 60 * 60_000;

function setup(maxRearms = 6) {
  const time = new FakeTime();
  let setBack = 0;
  const confirmed: { vmId: string; at: number }[] = [];
  const deadlines = new ConfirmDeadlines({
    timers: { setTimeout: (run, ms) => time.setTimeout(run, ms), clearTimeout: (h) => time.clearTimeout(h) },
    now: () => time.now() - setBack,
    windowMs: WINDOW,
    maxRearms,
    onDue: (vmId) => {
      confirmed.push({ vmId, at: time.now() });
      return true;
    },
  });
  const setClockBack = (ms: number): void => {
    setBack = ms;
  };
  return { time, confirmed, deadlines, t0: time.now(), setClockBack };
}

describe('confirm deadlines, edges', () => {
  it('a VM that used up its re-arms, settled, and later goes transitional again is confirmed again', () => {
    const { time, confirmed, deadlines } = setup(2);
    deadlines.arm('r', 'r');
    for (let i = 0; i < 5; i++) {
      const before = confirmed.length;
      time.advance(WINDOW);
      if (confirmed.length > before) deadlines.arm('r', 'r'); // the answer still says "resetting"
    }
    expect(confirmed).toHaveLength(3); // budget used up: the first window + 2 re-arms
    deadlines.disarm('r'); // a later event says it settled
    // Much later it starts again: a fresh transition gets a fresh budget, not the old count.
    time.advance(10 * WINDOW);
    deadlines.arm('r', 'r');
    time.advance(WINDOW);
    expect(confirmed).toHaveLength(4);
    expect(deadlines.size).toBe(1); // waiting for that answer
  });

  it('disarming a VM never armed, or one already settled, leaves the others waiting and counted', () => {
    const { time, confirmed, deadlines } = setup();
    deadlines.arm('a', 'a');
    deadlines.arm('b', 'b');
    deadlines.disarm('b');
    deadlines.disarm('b'); // a second "settled" event for the same VM
    deadlines.disarm('unknown'); // an event about a VM that was never transitional
    expect(deadlines.size).toBe(1);
    time.advance(WINDOW);
    expect(confirmed.map((c) => c.vmId)).toEqual(['a']);
  });

  it('clear() is harmless before anything was armed, and cancels a pending timer at once', () => {
    const { time, deadlines } = setup();
    expect(() => deadlines.clear()).not.toThrow(); // connection lost before any transitional VM
    deadlines.arm('a', 'a');
    expect(time.pendingCount).toBe(1);
    deadlines.clear();
    expect(time.pendingCount).toBe(0); // a stopped sync keeps no timer alive
    expect(deadlines.size).toBe(0);
  });

  it('a wall clock set back while a VM waits does not postpone that VM', () => {
    const { time, confirmed, deadlines, t0, setClockBack } = setup();
    deadlines.arm('a', 'a');
    time.advance(4_000);
    setClockBack(HOUR);
    deadlines.arm('b', 'b'); // its deadline, in the set-back wall time, is an hour before a's
    time.advance(1_000);
    expect(confirmed).toEqual([{ vmId: 'a', at: t0 + WINDOW }]);
    time.advance(4_000);
    expect(confirmed).toEqual([
      { vmId: 'a', at: t0 + WINDOW },
      { vmId: 'b', at: t0 + 4_000 + WINDOW },
    ]);
  });

  it('after a wall clock set back, VMs that settled before it are still forgotten', () => {
    const { time, deadlines, setClockBack } = setup();
    for (let i = 0; i < 200; i++) deadlines.arm(`e${i}`, `e${i}`);
    for (let i = 0; i < 200; i++) deadlines.disarm(`e${i}`);
    setClockBack(HOUR); // they settled "an hour in the future" of the new wall time
    for (let round = 0; round < 3; round++) {
      deadlines.arm('keeper', 'keeper'); // keeps the timer (and so the pruning scans) going
      time.advance(WINDOW);
    }
    expect(deadlines.retained).toBe(1); // only the keeper
  });

  it('a VM armed in the very millisecond a check runs still waits its whole window', () => {
    const { time, confirmed, deadlines, t0 } = setup();
    // Registered before a's deadline timer, so it runs first at the same instant: b arrives as the check is due.
    time.setTimeout(() => deadlines.arm('b', 'b'), WINDOW);
    deadlines.arm('a', 'a');
    time.advance(WINDOW);
    expect(confirmed).toEqual([{ vmId: 'a', at: t0 + WINDOW }]);
    time.advance(WINDOW);
    expect(confirmed).toEqual([
      { vmId: 'a', at: t0 + WINDOW },
      { vmId: 'b', at: t0 + 2 * WINDOW },
    ]);
  });
});
