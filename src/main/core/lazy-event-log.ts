// The event log, appended lazily: a batch only queues its entries, and the kept window is rebuilt when someone
// reads it (a snapshot, the persister). Why: rebuilding the 500-entry window per socket read was the largest
// per-batch cost while a farm streams; appending the queue at once gives the same ids and the same window.
// Its own file so app-core.ts stays about wiring; the window rules themselves are event-log.ts's.
import { isTransitionalState, type HubEvent } from '../../shared/model';
import {
  appendEvents,
  CONNECTION_EVENT_CAPACITY,
  createEventLogState,
  keepWindows,
  type EventLogState,
  type NewHubEvent,
} from './event-log';

/** How far back a settled move looks for the step into its transitional state (keeps a farm-wide burst cheap). */
const FOLD_LOOK_BACK = 64;

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
      // Entries dropped from the queue only use up their ids; appendEvents keeps each window's newest entries.
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
    for (const e of entries) if (!this.fold(e)) this.queue.push(e);
    // Bounded: with nobody reading, keep only the newest windows' worth (appendEvents would skip the rest), each
    // kind in its own window so a storm of connection entries does not push queued VM entries out.
    const cap = this.state.capacity;
    if (this.queue.length >= 2 * (cap + CONNECTION_EVENT_CAPACITY)) {
      const kept = keepWindows(this.queue, cap);
      this.dropped += this.queue.length - kept.length;
      this.queue = [...kept];
    }
    return true;
  }

  /**
   * One event per stop (issue 14 item 7): a settled move out of a transitional state (stopping -> stopped)
   * rewrites the VM's latest entry when that is the move into it (running -> stopping), as running -> stopped
   * at the settled time, same id. The transitional entry was true while it lasted; once settled, one line says
   * what happened. A round trip (running -> stopping -> running) keeps both: that is news. Bounded look-back.
   */
  private fold(e: NewHubEvent): boolean {
    if (e.kind !== 'state-changed' || e.from === undefined || !isTransitionalState(e.from)) return false;
    const same = (p: NewHubEvent): boolean => p.hostId === e.hostId && p.vmId === e.vmId;
    const merge = (p: NewHubEvent): NewHubEvent | null =>
      p.kind === 'state-changed' && p.to === e.from && p.from !== e.to ? { ...p, to: e.to, at: e.at } : null;
    for (let i = this.queue.length - 1; i >= Math.max(0, this.queue.length - FOLD_LOOK_BACK); i--) {
      const p = this.queue[i] as NewHubEvent;
      if (!same(p)) continue;
      const merged = merge(p);
      if (merged) this.queue[i] = merged;
      return merged !== null;
    }
    const events = this.state.events;
    for (let i = events.length - 1; i >= Math.max(0, events.length - FOLD_LOOK_BACK); i--) {
      const p = events[i] as HubEvent;
      if (!same(p)) continue;
      const merged = merge(p);
      if (!merged) return false;
      const copy = events.slice();
      copy[i] = { ...merged, id: p.id };
      this.state = { ...this.state, events: copy };
      return true;
    }
    return false;
  }
}
