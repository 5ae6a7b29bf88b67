// Reconnect delays: exponential with full jitter (AWS "full jitter"), so a farm of clients that lost the same
// server does not come back in lock-step. Pure: no timers; time and randomness come in as arguments.

export interface BackoffPolicy {
  /** Ceiling of the first retry. */
  readonly initialMs: number;
  /** Largest ceiling. */
  readonly maxMs: number;
  /** A connection that stayed up this long counts as healthy: the next failure starts from initialMs again. */
  readonly stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, stableAfterMs: 30_000 };

/** The ceiling for the n-th consecutive failure (n >= 1): initial, 2x, 4x, ... capped at maxMs. */
export function backoffCeiling(policy: BackoffPolicy, failures: number): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^n overflows to Infinity long after it passed the cap; Math.min handles that.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** (n - 1));
}

/** Full jitter: uniform in [0, ceiling]. `random` returns [0, 1) like Math.random; out-of-range values are clamped. */
export function backoffDelay(policy: BackoffPolicy, failures: number, random: () => number): number {
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(r * backoffCeiling(policy, failures));
}

/** Counts consecutive failures across attempts and decides when to forget them. */
export class Backoff {
  private failures = 0;
  private openedAt: number | null = null;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** The connection is open (welcome received) at `now`. */
  noteOpen(now: number): void {
    this.openedAt = now;
  }

  /** The connection ended at `now`; forget past failures if it had been stable. */
  noteClosed(now: number): void {
    if (this.openedAt !== null && now - this.openedAt >= this.policy.stableAfterMs) this.failures = 0;
    this.openedAt = null;
  }

  /** Delay before the next attempt; counts one more failure. */
  nextDelay(): number {
    this.failures += 1;
    return backoffDelay(this.policy, this.failures, this.random);
  }

  reset(): void {
    this.failures = 0;
    this.openedAt = null;
  }
}
