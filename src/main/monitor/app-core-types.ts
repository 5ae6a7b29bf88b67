// Options and dependencies of createAppCore (core-api.md), apart from app-core.ts so tests and the shell can
// import the types without pulling in the implementation.
import type {
  AppCore,
  Clock,
  EventLogRepository,
  Logger,
  NotificationSink,
  SecretSource,
  Timers,
} from './ports';

export type { AppCore };

export interface AppCoreOptions {
  eventLogCapacity?: number; // 500
  reconcileIntervalMs?: number; // 300_000
  /** A transitional state not settled by then is confirmed with GET /machines/{id}. */
  confirmTransitionalAfterMs?: number; // 5_000
  livenessTimeoutMs?: number; // 45_000
  backoff?: { initialMs: number; maxMs: number; stableAfterMs: number };
  conflictBackoffMs?: number; // 45_000
  /** Reconnect jitter source, [0, 1); default Math.random. Tests inject a seeded one to make backoff reproducible. */
  random?: () => number;
  /** notify-policy burst window. */
  coalesceWindowMs?: number; // 3_000
  /** Additive to core-api.md: at most this many notifications per rolling minute (summaries wait). */
  notificationRateCapPerMinute?: number; // 6
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
