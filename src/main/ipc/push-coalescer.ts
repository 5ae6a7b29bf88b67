// Coalesces "the snapshot changed" into at most one send per frame, and none while the receiver (a hidden
// popover) is inactive. When it becomes active again the owner calls flushNow() for a fresh send.
//
// Leading edge: when nothing was sent during the last frame, a change is sent at once (on a microtask, so every
// change of the same tick — one socket read's batch, a status change after it — goes out as one send). A send
// opens a cool-down that ends `intervalMs` after the send STARTED; changes during the cool-down are sent
// together when it ends. So an isolated change (a VM stopping, a burst in one read) is pushed without waiting a
// frame, a steady stream gets one send per interval (17 ms: at most 59 in any second), and the latest value is
// always sent last. Measured start to start (not from the end of a send) because the time a send takes would
// otherwise be added to every change's wait: that was most of the gap between p99 push latency and one frame.
/** 1000 / 17 = 58.8: a window of one second holds at most 59 sends, under the 60 a display can show. */
export const DEFAULT_INTERVAL_MS = 17;

export interface PushCoalescer {
  notify(): void;
  flushNow(): void;
  dispose(): void;
}

export function createPushCoalescer<T>(o: {
  produce: () => T;
  send: (value: T) => void;
  /** Runs `run` after `delayMs`; returns a cancel function. */
  schedule: (run: () => void, delayMs: number) => () => void;
  isActive: () => boolean;
  /** Minimum time between the starts of two sends (default 17 ms). */
  intervalMs?: number;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
}): PushCoalescer {
  const intervalMs = o.intervalMs ?? DEFAULT_INTERVAL_MS;
  const now = o.now ?? (() => performance.now());
  /** When the last send started. */
  let lastSendAt = -Infinity;
  /** The running cool-down already waited out an early timer. */
  let waitedOut = false;
  /** Cancels the running cool-down; null when none is running. */
  let coolDown: (() => void) | null = null;
  /** Something changed during the cool-down: send when it ends. */
  let dirty = false;
  /** A leading-edge send is waiting for the end of this tick. */
  let queued = false;
  let disposed = false;
  /** Counts sends, so a queued leading edge knows a flushNow() already sent the latest value. */
  let sends = 0;

  function endCoolDown(): void {
    coolDown = null;
    // Timers may fire a little early (libuv's cached loop time): never two sends closer than the interval.
    // Waited out once at most, and never longer than one interval, so a clock that disagrees with the timers
    // (a test's fake timers) can delay a send by one interval but never stall it.
    const early = Math.min(intervalMs, lastSendAt + intervalMs - now());
    if (early > 0 && !waitedOut) {
      waitedOut = true;
      coolDown = o.schedule(endCoolDown, early);
      return;
    }
    if (!dirty) return;
    dirty = false;
    sendNow();
  }

  function sendNow(): void {
    if (coolDown) coolDown();
    coolDown = null;
    dirty = false;
    if (disposed || !o.isActive()) return;
    sends += 1;
    lastSendAt = now();
    waitedOut = false;
    o.send(o.produce());
    coolDown = o.schedule(endCoolDown, Math.max(0, lastSendAt + intervalMs - now()));
  }

  return {
    notify() {
      // Inactive: drop; the next activation calls flushNow() and sends the then-current value.
      if (disposed || !o.isActive()) return;
      if (coolDown) {
        dirty = true;
        return;
      }
      if (queued) return;
      queued = true;
      const sendsAtNotify = sends;
      queueMicrotask(() => {
        queued = false;
        // A flushNow() since then already sent the latest value.
        if (sends === sendsAtNotify) sendNow();
      });
    },
    flushNow: sendNow,
    dispose() {
      disposed = true;
      dirty = false;
      if (coolDown) coolDown();
      coolDown = null;
    },
  };
}
