// The hub client options every monitor (single host or farm) and Test connection use, from the core's options.
import type { Clock, Timers } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { AppCoreOptions } from './app-core-types';
import type { HubClientOptions } from './hub-ports';

export function hubClientOptions(
  opt: AppCoreOptions,
  clock: Clock,
  timers: Timers,
  logger: Logger,
): HubClientOptions {
  return {
    clock,
    timers,
    logger,
    ...(opt.livenessTimeoutMs === undefined ? {} : { livenessTimeoutMs: opt.livenessTimeoutMs }),
    ...(opt.backoff === undefined ? {} : { backoff: opt.backoff }),
    ...(opt.conflictBackoffMs === undefined ? {} : { conflictBackoffMs: opt.conflictBackoffMs }),
    ...(opt.restTimeoutMs === undefined ? {} : { restTimeoutMs: opt.restTimeoutMs }),
    ...(opt.random === undefined ? {} : { random: opt.random }),
  };
}
