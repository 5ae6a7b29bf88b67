// "After auth-failed the client never tries again", proved without waiting: the core's timers are recorded
// (support/timers.ts), so we can show that no retry was scheduled and that running every pending timer now,
// as if any amount of time had passed, still starts no attempt and sends nothing to the server.
import { get } from 'node:http';
import type { Simulator } from '../../sim';
import { HOST_ID, type Harness } from '../../support/core-harness';
import type { RecordingTimers } from './timers';

/** The one place HubConnection arms a reconnect (connection.ts); the flapping test checks this detection works. */
export const RETRY_SITE = /HubConnection\.scheduleRetry/;

export interface HaltMark {
  readonly statusIndex: number;
  readonly timerIndex: number;
  readonly attempts: number;
  readonly upgrades: number;
  readonly tokens: number;
  readonly rest: number;
}

export interface HaltProof {
  /** Statuses the host went through since the mark (must all be auth-failed). */
  readonly statusesSince: string[];
  /** Timers armed since the mark whose site is the reconnect scheduler. */
  readonly retryTimersArmed: number;
  /** Pending core timers run by hand. */
  readonly fired: number;
  readonly attempts: number;
  readonly upgrades: number;
  readonly tokens: number;
  /** REST requests besides the probe used as a barrier. */
  readonly rest: number;
}

const attemptsOf = (h: Harness): number => h.core.hostDiagnostics(HOST_ID)?.counters?.attempts ?? 0;

export function markHalt(h: Harness, s: Simulator, timers: RecordingTimers): HaltMark {
  return {
    statusIndex: h.statuses.length - 1,
    timerIndex: timers.armed.length,
    attempts: attemptsOf(h),
    upgrades: s.stats.wsUpgradeAttempts,
    tokens: s.stats.tokenRequests,
    rest: s.stats.restRequests,
  };
}

/** One request to the simulator and its answer: lets any request the core already started arrive first. */
function probe(s: Simulator): Promise<void> {
  return new Promise((resolve, reject) => {
    get(`${s.url}/api/health/probe`, { agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

export async function proveHalted(
  h: Harness,
  s: Simulator,
  timers: RecordingTimers,
  mark: HaltMark,
): Promise<HaltProof> {
  // Every pending core timer (outage notice, persistence, liveness, reconcile, and a retry if one was armed)
  // runs now. A retry callback starts its attempt synchronously, so the counter below would already show it.
  const fired = timers.firePending(10);
  const attempts = attemptsOf(h) - mark.attempts;
  await probe(s);
  return {
    statusesSince: h.statuses.slice(mark.statusIndex).map((e) => e.status.tag),
    retryTimersArmed: timers.armed.slice(mark.timerIndex).filter((t) => RETRY_SITE.test(t.site)).length,
    fired,
    attempts,
    upgrades: s.stats.wsUpgradeAttempts - mark.upgrades,
    tokens: s.stats.tokenRequests - mark.tokens,
    rest: s.stats.restRequests - mark.rest - 1,
  };
}
