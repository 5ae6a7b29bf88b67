// Per-test lifecycle shared by the socket-level reliability tests: every test starts its own simulator and
// harness, and both must be gone before the next test so no socket, timer or port leaks between scenarios.
import { afterEach } from 'vitest';
import type { Simulator } from '../../sim';
import type { Harness } from '../../support/core-harness';

export interface TestRig {
  sim: Simulator | null;
  h: Harness | null;
}

/** The rig a test fills in; after each test the harness is stopped, then the simulator closed. */
export function rigClosedAfterEach(): TestRig {
  const rig: TestRig = { sim: null, h: null };
  afterEach(async () => {
    await rig.h?.stop();
    await rig.sim?.close();
    rig.h = null;
    rig.sim = null;
  });
  return rig;
}

/**
 * Real-time wait. Only for fault scenarios where wall-clock time on real sockets is itself the thing under test
 * (refused intervals of a flapping listener); everything else waits on events, conditions or recorded timers
 * ("nothing happens" is proved with support/halt-proof.ts, not by watching the clock).
 */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves as soon as `predicate` holds (checked every few ms); rejects after `timeoutMs`. */
export function until(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (predicate()) resolve();
      else if (Date.now() - started > timeoutMs)
        reject(new Error(`timed out after ${timeoutMs} ms: ${what}`));
      else setTimeout(check, 5);
    };
    check();
  });
}
