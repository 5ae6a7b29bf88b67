import { describe, expect, it } from 'vitest';
import { createPushCoalescer, DEFAULT_INTERVAL_MS } from '../../../src/main/ipc/push-coalescer';

function setup(active = true, o: { sendTakesMs?: number } = {}) {
  const frames: { run: () => void; delayMs: number }[] = [];
  const sent: number[] = [];
  let value = 0;
  let isActive = active;
  let clock = 1_000;
  const c = createPushCoalescer({
    produce: () => value,
    send: (v) => {
      sent.push(v);
      clock += o.sendTakesMs ?? 0;
    },
    schedule: (run, delayMs) => {
      const frame = { run, delayMs };
      frames.push(frame);
      return () => {
        const i = frames.indexOf(frame);
        if (i >= 0) frames.splice(i, 1);
      };
    },
    isActive: () => isActive,
    now: () => clock,
  });
  return {
    c,
    sent,
    frames,
    set: (v: number) => (value = v),
    activate: (a: boolean) => (isActive = a),
    /** Time passes as the scheduled delay asked (or `ms`, to model a timer firing early), then the timer runs. */
    runFrame: (ms?: number) => {
      const frame = frames.shift();
      if (!frame) return;
      clock += ms ?? frame.delayMs;
      frame.run();
    },
    advance: (ms: number) => (clock += ms),
  };
}

/** Let the queued leading-edge send (a microtask) run. */
const tickEnd = (): Promise<void> => Promise.resolve().then(() => undefined);

describe('push coalescer', () => {
  it('leading edge: the changes of one tick are sent once, at the end of the tick, without waiting a frame', async () => {
    const t = setup();
    for (let i = 1; i <= 5; i++) {
      t.set(i);
      t.c.notify();
    }
    expect(t.sent).toEqual([]);
    await tickEnd();
    expect(t.sent).toEqual([5]);
    // The send opened a one-frame cool-down.
    expect(t.frames).toHaveLength(1);
  });

  it('changes during the cool-down go out together when it ends, with the latest value', async () => {
    const t = setup();
    t.c.notify();
    await tickEnd();
    t.set(2);
    t.c.notify();
    t.set(3);
    t.c.notify();
    await tickEnd();
    expect(t.sent).toEqual([0]);
    t.runFrame();
    expect(t.sent).toEqual([0, 3]);
    // That send opened another cool-down; a quiet one ends without sending.
    expect(t.frames).toHaveLength(1);
    t.runFrame();
    expect(t.sent).toEqual([0, 3]);
    expect(t.frames).toHaveLength(0);
    // Idle again: the next change is sent at once.
    t.set(4);
    t.c.notify();
    await tickEnd();
    expect(t.sent).toEqual([0, 3, 4]);
  });

  it('a steady stream gets at most one send per frame', async () => {
    const t = setup();
    for (let frame = 0; frame < 10; frame++) {
      for (let i = 0; i < 20; i++) {
        t.set(frame * 100 + i);
        t.c.notify();
        await tickEnd();
      }
      t.runFrame();
    }
    expect(t.sent.length).toBeLessThanOrEqual(11);
    expect(t.sent.at(-1)).toBe(919);
  });

  it('sends nothing while inactive, then a fresh value on flushNow', async () => {
    const t = setup(false);
    t.set(7);
    t.c.notify();
    await tickEnd();
    expect(t.frames).toHaveLength(0);
    t.c.flushNow();
    expect(t.sent).toEqual([]);
    t.activate(true);
    t.set(8);
    t.c.flushNow();
    expect(t.sent).toEqual([8]);
  });

  it('a cool-down that ends after becoming inactive sends nothing; flushNow sends at once', async () => {
    const t = setup();
    t.c.notify();
    await tickEnd();
    t.c.notify();
    t.activate(false);
    t.runFrame();
    expect(t.sent).toEqual([0]);
    t.activate(true);
    t.set(1);
    t.c.notify();
    t.c.flushNow();
    expect(t.sent).toEqual([0, 1]);
    // The queued leading edge does not send the same value again.
    await tickEnd();
    expect(t.sent).toEqual([0, 1]);
  });

  it('sends start one interval apart: the time a send takes is not added to the next wait', async () => {
    const t = setup(true, { sendTakesMs: 5 });
    t.c.notify();
    await tickEnd();
    expect(t.frames.map((f) => f.delayMs)).toEqual([DEFAULT_INTERVAL_MS - 5]);
  });

  it('a timer that fires early is waited out, so sends never start closer than the interval', async () => {
    const t = setup();
    t.c.notify();
    await tickEnd();
    t.set(1);
    t.c.notify();
    t.runFrame(DEFAULT_INTERVAL_MS - 2); // libuv fired 2 ms early
    expect(t.sent).toEqual([0]);
    expect(t.frames.map((f) => f.delayMs)).toEqual([2]);
    t.runFrame();
    expect(t.sent).toEqual([0, 1]);
  });

  it('a clock that does not move with the timers delays a send by one interval at most, never stalls it', async () => {
    const t = setup();
    t.c.notify();
    await tickEnd();
    t.set(1);
    t.c.notify();
    t.runFrame(0);
    t.runFrame(0);
    expect(t.sent).toEqual([0, 1]);
  });

  it('dispose cancels and silences', async () => {
    const t = setup();
    t.c.notify();
    await tickEnd();
    t.c.notify();
    t.c.dispose();
    expect(t.frames).toHaveLength(0);
    t.c.notify();
    t.c.flushNow();
    await tickEnd();
    expect(t.sent).toEqual([0]);
  });
});
