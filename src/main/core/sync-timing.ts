// When HostSync asks for the machine list again: after a failed list, and for the periodic re-list while live.
// Pure, so the delays are unit-testable without a connection scenario.
import type { HostWarning } from '../../shared/model';

/** The share of the reconcile interval it may come early by (never late: the interval stays a promise). */
const RECONCILE_JITTER = 0.1;
/** A server without the machines API is asked again this rarely. */
const NO_MACHINES_API_RETRY_MS = 5 * 60_000;
/** A failing list is retried with doubling delays up to this. */
const MAX_LIST_RETRY_MS = 60_000;

/**
 * `random` in [0, 1) like Math.random: the re-list waits intervalMs × (1 − 0.1 × random), so hosts that went live
 * together (a launch, a wake) do not all re-list at the same moment every interval.
 */
export function reconcileDelayMs(intervalMs: number, random: () => number): number {
  return intervalMs * (1 - RECONCILE_JITTER * random());
}

/** The next list attempt after a failure that is not a 401, and the warning kind the host shows meanwhile. */
export function listRetry(
  noMachinesApi: boolean,
  baseMs: number,
  attempt: number,
): { delayMs: number; kind: HostWarning['kind'] } {
  if (noMachinesApi) return { delayMs: NO_MACHINES_API_RETRY_MS, kind: 'no-machines-api' };
  return { delayMs: Math.min(baseMs * 2 ** attempt, MAX_LIST_RETRY_MS), kind: 'list-failed' };
}
