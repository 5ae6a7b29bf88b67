// Coalesces "the snapshot changed" into at most one send per frame, and none while the receiver (a hidden
// popover) is inactive. When it becomes active again the owner calls flushNow() for a fresh send.
//
// Leading edge: when nothing was sent during the last frame, a change is sent at once (on a microtask, so every
// change of the same tick — one socket read's batch, a status change after it — goes out as one send). A send
// opens a one-frame cool-down (armed once the send is done); changes during the cool-down are sent together
// when it ends. So an isolated change (a VM stopping, a burst in one read) is
// pushed without waiting a frame, a steady stream gets one send per frame (under 60/s), and the latest value
// is always sent last.
export interface PushCoalescer {
  notify(): void;
  flushNow(): void;
  dispose(): void;
}

export function createPushCoalescer<T>(o: {
  produce: () => T;
  send: (value: T) => void;
  /** Runs `run` one frame later; returns a cancel function. */
  schedule: (run: () => void) => () => void;
  isActive: () => boolean;
}): PushCoalescer {
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
    o.send(o.produce());
    // Armed after the send, so sends are at least one frame plus one send apart: <= 60/s even when the
    // schedule's frame is a little under 1000/60 ms (16 ms timers) and a send takes a millisecond or two.
    coolDown = o.schedule(endCoolDown);
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
