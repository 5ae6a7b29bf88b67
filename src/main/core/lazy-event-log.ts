// The event log, appended lazily: a batch only queues its entries, and the kept window is rebuilt when someone
// reads it (a snapshot, the persister). Why: rebuilding the 500-entry window per socket read was the largest
// per-batch cost while a farm streams; appending the queue at once gives the same ids and the same window.
// Its own file so app-core.ts stays about wiring; the window rules themselves are event-log.ts's.
import type { HubEvent } from '../../shared/model';
import { appendEvents, createEventLogState, type EventLogState, type NewHubEvent } from './event-log';

export class LazyEventLog {
  private state: EventLogState;
  private queue: NewHubEvent[] = [];
  /** Queued entries dropped unbuilt: a later window's worth pushed them out; they only use up their ids. */
  private dropped = 0;

  constructor(loaded: readonly HubEvent[], capacity: number) {
    this.state = createEventLogState(loaded, capacity);
  }

  /** The kept window, with everything queued so far appended. */
  events(): readonly HubEvent[] {
    if (this.queue.length > 0) {
      // Dropped entries imply the queue alone fills the window, so the old window goes anyway; only ids move.
      const base =
        this.dropped === 0 ? this.state : { ...this.state, nextId: this.state.nextId + this.dropped };
      this.state = appendEvents(base, this.queue).state;
      this.queue = [];
      this.dropped = 0;
    }
    return this.state.events;
  }

  /** Queues entries; false when there were none (nothing to persist). */
  add(entries: readonly NewHubEvent[]): boolean {
    if (entries.length === 0) return false;
    for (const e of entries) this.queue.push(e);
    // Bounded: with nobody reading, keep only the newest window's worth (appendEvents would skip the rest).
    const cap = this.state.capacity;
    if (this.queue.length >= 2 * cap) {
      const drop = this.queue.length - cap;
      this.queue = this.queue.slice(drop);
      this.dropped += drop;
    }
    return true;
  }
}
