// Per-test lifecycle shared by the socket-level reliability tests: every test starts its own simulator and
// harness, and both must be gone before the next test so no socket, timer or port leaks between scenarios.
import { afterEach } from 'vitest';
import type { Simulator } from '../../sim';
import type { Harness } from './harness';

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
 * Real-time wait. Only for fault scenarios that must let wall-clock time pass on real sockets (refused
 * intervals, "no attempt within N s"); everything else waits on events.
 */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
