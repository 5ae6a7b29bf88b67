// Debounced persistence of the event log: a burst of changes (a resync finding 40 VMs) becomes one write.
import type { HubEvent } from '../../shared/model';
import type { EventLogRepository } from './event-log-repository';
import type { Logger } from '../kernel/logger';
import type { TimerHandle, Timers } from '../kernel/clock';

export interface LogPersister {
  /**
   * Remember the latest events and save them after `delayMs` of quiet (at most `maxDelayMs` after the first).
   * A function is read when the write happens: the caller can then skip building the list on every change.
   */
  schedule(events: readonly HubEvent[] | (() => readonly HubEvent[])): void;
  /** Write now if something is pending (app quit). */
  flush(): Promise<void>;
}

export function createLogPersister(o: {
  repo: EventLogRepository;
  timers: Timers;
  logger: Logger;
  delayMs?: number;
}): LogPersister {
  const delayMs = o.delayMs ?? 1_000;
  let pending: readonly HubEvent[] | (() => readonly HubEvent[]) | null = null;
  let timer: TimerHandle | null = null;
  let inFlight: Promise<void> = Promise.resolve();

  function write(): Promise<void> {
    if (timer !== null) o.timers.clearTimeout(timer);
    timer = null;
    const latest = pending;
    pending = null;
    if (!latest) return inFlight;
    const events = typeof latest === 'function' ? latest() : latest;
    inFlight = inFlight
      .then(() => o.repo.save(events))
      .catch((err: unknown) => o.logger.error('event log could not be saved', { error: String(err) }));
    return inFlight;
  }

  return {
    schedule(events) {
      pending = events;
      if (timer === null) timer = o.timers.setTimeout(() => void write(), delayMs);
    },
    flush: write,
  };
}
