// The notify policy's state and ownership types, apart from notify-policy.ts so that its working copy
// (notify-working.ts) can use them without importing the policy that imports it (an import cycle).
import type { HostId } from '../../shared/model';
import type { NotificationRules } from '../../shared/settings';
import type { Notice } from './text';

export interface PolicyState {
  readonly rules: NotificationRules;
  readonly windowMs: number;
  readonly rateCapPerMinute: number;
  readonly muted: ReadonlySet<string>;
  readonly pausedUntil: number | null;
  readonly lastSettled: ReadonlyMap<string, string>;
  /** When each VM entered its settled state, where known: "was running 9 h 42 m" in a stop notification. */
  readonly settledAt: ReadonlyMap<string, number>;
  readonly windowEndsAt: number | null;
  /** Notices waiting for the next summary, one per VM (keyed by vmKey), in the order they first queued. */
  readonly pending: ReadonlyMap<string, Notice>;
  readonly sentAt: readonly number[];
  readonly lostNotified: ReadonlySet<HostId>;
}

/** Which of the state's collections the caller may let decideAll write in place (see decideAll). */
export interface PolicyOwnership {
  settled?: boolean;
  pending?: boolean;
  settledAt?: boolean;
}
