// Time, injected: the product passes systemClock/systemTimers, tests pass a fake clock (test/support/fake-time.ts)
// so every timing rule is tested without sleeping.
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A menu-bar app's timers must never keep a test process (or the preview server) alive on their own.
    if (typeof handle === 'object' && 'unref' in handle) handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
