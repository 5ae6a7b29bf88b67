// Options and dependencies of createAppCore (its API: `AppCore` in ports.ts), apart from app-core.ts so tests and
// the shell can import the types without pulling in the implementation.
import type { AppCore, SecretSource } from './ports';
import type { Clock, Timers } from '../kernel/clock';
import type { EventLogRepository } from '../persist/event-log-repository';
import type { Logger } from '../kernel/logger';
import type { NotificationSink } from '../notify/intent';
import type { FarmTimings } from './farm-types';

export type { AppCore };

export interface AppCoreOptions {
  eventLogCapacity?: number; // 500
  reconcileIntervalMs?: number; // 300_000
  /** A transitional state not settled by then is confirmed with GET /machines/{id}. */
  confirmTransitionalAfterMs?: number; // 5_000
  livenessTimeoutMs?: number; // 45_000
  backoff?: { initialMs: number; maxMs: number; stableAfterMs: number };
  conflictBackoffMs?: number; // 45_000
  /** REST request timeout (default 10_000); a hung GET /machines ends after this and is shown as a list failure. */
  restTimeoutMs?: number;
  /** Reconnect jitter source, [0, 1); default Math.random. Tests inject a seeded one to make backoff reproducible. */
  random?: () => number;
  /** notify-policy burst window. */
  coalesceWindowMs?: number; // 3_000
  /** At most this many notifications per rolling minute (summaries wait). */
  notificationRateCapPerMinute?: number; // 6
  /** Farm mode (orchestrator entries): the poll/re-list periods of orchestrator-protocol.md §6.4/§6.5. */
  farmTimings?: Partial<FarmTimings>;
  /** Farm hosts lost within this long are told in one notification. */
  farmUnreachableWindowMs?: number; // 5_000
  /** A farm VM action is awaited as an event this long, then read with /status. */
  farmActionConfirmMs?: number; // 10_000
}

export interface AppCoreDepsBase {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  eventLog: EventLogRepository;
  notifier: NotificationSink;
  secrets: SecretSource;
  options?: AppCoreOptions;
}
