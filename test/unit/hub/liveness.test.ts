// The liveness deadline (src/main/hub/liveness.ts) on a fake clock: the same verdict as a timer re-armed on every
// read (dead exactly one window after the last sign of life), at a fraction of the timer work.
import { describe, expect, it } from 'vitest';
import { LivenessDeadline } from '../../../src/main/hub/liveness';
import type { TimerHandle } from '../../../src/main/kernel/clock';
import { FakeTime } from '../../support/fake-time';

const WINDOW = 45_000;

/** FakeTime that counts the timer work the deadline asks for, and the timers that ran. */
function rig() {
  const time = new FakeTime();
  // The deadline reads the wall clock; timers run on a monotonic one (as Node's do): `wall.offset` steps the former.
  const wall = { offset: 0, now: () => time.now() + wall.offset };
  const count = { set: 0, cleared: 0, fired: 0 };
  const timers = {
    setTimeout: (callback: () => void, ms: number): TimerHandle => {
      count.set += 1;
      return time.setTimeout(() => {
        count.fired += 1;
        callback();
      }, ms);
    },
    clearTimeout: (handle: TimerHandle): void => {
      count.cleared += 1;
      time.clearTimeout(handle);
    },
  };
  let expiredAt: number | null = null;
  const deadline = new LivenessDeadline({
    clock: wall,
    timers,
    windowMs: WINDOW,
    onExpired: () => (expiredAt = time.now()),
  });
  return { time, wall, count, deadline, expired: () => expiredAt };
}

describe('liveness deadline', () => {
  it('a frame does not re-arm a timer: 1,000 reads within a second cost one timer', () => {
    const { time, count, deadline } = rig();
    for (let i = 0; i < 1_000; i++) {
      deadline.alive();
      time.advance(1);
    }
    expect(count).toEqual({ set: 1, cleared: 0, fired: 0 });
  });

  it('dead exactly one window after the last sign of life, however the reads were spread', () => {
    const { time, deadline, expired } = rig();
    const t0 = time.now();
    deadline.alive();
    time.advance(10_000);
    deadline.alive();
    time.advance(20_000);
    deadline.alive(); // last sign of life at t0 + 30 s
    time.advance(WINDOW - 1);
    expect(expired()).toBeNull();
    time.advance(1);
    expect(expired()).toBe(t0 + 30_000 + WINDOW);
  });

  it('a busy link re-arms at most twice per window, never once per read', () => {
    const { time, count, deadline, expired } = rig();
    for (let i = 0; i < 120; i++) {
      deadline.alive(); // one read a second for two minutes
      time.advance(1_000);
    }
    expect(expired()).toBeNull();
    expect(count.set).toBeLessThanOrEqual(2 * Math.ceil(120_000 / WINDOW) + 1);
  });

  it('idle: no wake-ups between pings (a hub ping every 30 s, a 45 s window)', () => {
    const { time, count, deadline, expired } = rig();
    deadline.alive(); // open
    for (let ping = 1; ping <= 4; ping++) {
      time.advance(30_000);
      deadline.alive();
    }
    expect(count.fired).toBe(0);
    expect(expired()).toBeNull();
    // The pings stop: dead one window after the last one, with the one timer that runs out.
    time.advance(WINDOW);
    expect(expired()).not.toBeNull();
    expect(count.fired).toBe(1);
  });

  it('a wall clock stepped back does not stretch the window past one more timer', () => {
    const { time, wall, deadline, expired } = rig();
    const t0 = time.now();
    deadline.alive();
    time.advance(1_000);
    wall.offset = -3_600_000; // the wall clock goes an hour back (NTP, a manual change)
    deadline.alive(); // the last sign of life, stamped an hour "earlier" than the arming
    time.advance(2 * WINDOW);
    // Dead 46 s (monotonic) after the arming: 45 s, then the 1 s the stamps say is left; not an hour later.
    expect(expired()).toBe(t0 + WINDOW + 1_000);
  });

  it('stop() leaves nothing armed and nothing fires', () => {
    const { time, deadline, expired } = rig();
    deadline.alive();
    deadline.stop();
    expect(time.pendingCount).toBe(0);
    time.advance(10 * WINDOW);
    expect(expired()).toBeNull();
  });
});
