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
      return () => frames.splice(frames.indexOf(run), 1);
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

describe('push coalescer', () => {
  it('sends once per frame with the latest value', () => {
    const t = setup();
    for (let i = 1; i <= 5; i++) {
      t.set(i);
      t.c.notify();
    }
    expect(t.frames).toHaveLength(1);
    t.runFrame();
    expect(t.sent).toEqual([5]);
    t.c.notify();
    t.runFrame();
    expect(t.sent).toEqual([5, 5]);
  });

  it('sends nothing while inactive, then a fresh value on flushNow', () => {
    const t = setup(false);
    t.set(7);
    t.c.notify();
    expect(t.frames).toHaveLength(0);
    t.c.flushNow();
    expect(t.sent).toEqual([]);
    t.activate(true);
    t.set(8);
    t.c.flushNow();
    expect(t.sent).toEqual([8]);
  });

  it('a frame that fires after becoming inactive sends nothing; flushNow cancels the pending frame', () => {
    const t = setup();
    t.c.notify();
    t.activate(false);
    t.runFrame();
    expect(t.sent).toEqual([]);
    t.activate(true);
    t.c.notify();
    t.c.flushNow();
    expect(t.frames).toHaveLength(0);
    expect(t.sent).toHaveLength(1);
  });

  it('dispose cancels and silences', () => {
    const t = setup();
    t.c.notify();
    t.c.dispose();
    expect(t.frames).toHaveLength(0);
    t.c.notify();
    t.c.flushNow();
    expect(t.sent).toEqual([]);
  });
});
