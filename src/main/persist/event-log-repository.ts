// The port the core persists its event log through; event-log-file.ts is the file implementation.
import type { HubEvent } from '../../shared/model';

/** Persistence of the bounded event log. Writes must be atomic (write temp + rename). */
export interface EventLogRepository {
  /** Returns [] when nothing is stored; a corrupt store is set aside and reported through the logger. */
  load(): Promise<readonly HubEvent[]>;
  save(events: readonly HubEvent[]): Promise<void>;
}
