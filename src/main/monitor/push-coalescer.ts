// Coalesces "the snapshot changed" into at most one send per scheduled frame, and none while the receiver
// (a hidden popover) is inactive. When it becomes active again the owner calls flushNow() for a fresh send.
export interface PushCoalescer {
  notify(): void;
  flushNow(): void;
  dispose(): void;
}

export function createPushCoalescer<T>(o: {
  produce: () => T;
  send: (value: T) => void;
  schedule: (run: () => void) => () => void;
  isActive: () => boolean;
}): PushCoalescer {
  let cancel: (() => void) | null = null;
  let disposed = false;

  function cancelScheduled(): void {
    if (cancel) cancel();
    cancel = null;
  }

  function sendNow(): void {
    cancelScheduled();
    if (disposed || !o.isActive()) return;
    o.send(o.produce());
  }

  return {
    notify() {
      // Inactive: drop; the next activation calls flushNow() and sends the then-current value.
      if (disposed || cancel || !o.isActive()) return;
      cancel = o.schedule(() => {
        cancel = null;
        sendNow();
      });
    },
    flushNow: sendNow,
    dispose() {
      disposed = true;
      cancelScheduled();
    },
  };
}
