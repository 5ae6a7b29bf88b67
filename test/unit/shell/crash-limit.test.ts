import { describe, expect, it } from 'vitest';
import { createCrashLimiter } from '../../../src/main/shell/crash-limit';

describe('crash limiter', () => {
  it('allows three reloads within a minute, then refuses', () => {
    const t = 0;
    const limiter = createCrashLimiter(() => t);
    expect([1, 2, 3, 4].map(() => limiter.allowReload())).toEqual([true, true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    let t = 0;
    const limiter = createCrashLimiter(() => t, 1, 1_000);
    expect(limiter.allowReload()).toBe(true);
    t = 1_500;
    expect(limiter.allowReload()).toBe(true);
    t = 1_600;
    expect(limiter.allowReload()).toBe(false);
  });
});
