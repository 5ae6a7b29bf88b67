import { describe, expect, it } from 'vitest';
import { createPushCoalescer } from '../../../src/main/monitor/push-coalescer';

function setup(active = true) {
  const frames: (() => void)[] = [];
  const sent: number[] = [];
  let value = 0;
  let isActive = active;
  const c = createPushCoalescer({
    produce: () => value,
    send: (v) => sent.push(v),
    schedule: (run) => {
      frames.push(run);
      return () => {
        const i = frames.indexOf(run);
        if (i >= 0) frames.splice(i, 1);
      };
    },
    isActive: () => isActive,
  });
  return {
    c,
    sent,
    frames,
    set: (v: number) => (value = v),
    activate: (a: boolean) => (isActive = a),
    runFrame: () => frames.shift()?.(),
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
