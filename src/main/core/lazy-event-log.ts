// The event log, appended lazily: a batch only queues its entries, and the kept window is rebuilt when someone
// reads it (a snapshot, the persister). Why: rebuilding the 500-entry window per socket read was the largest
// per-batch cost while a farm streams; appending the queue at once gives the same ids and the same window.
// Its own file so app-core.ts stays about wiring; the window rules themselves are event-log.ts's.
import { isTransitionalState, type HubEvent } from '../../shared/model';
import {
  appendEvents,
  CONNECTION_EVENT_CAPACITY,
  createEventLogState,
  isConnectionEvent,
  keptIndexes,
  type EventLogState,
  type NewHubEvent,
} from './event-log';

/** How far back a settled move looks for the step into its transitional state (keeps a farm-wide burst cheap). */
const FOLD_LOOK_BACK = 64;

export class LazyEventLog {
  private state: EventLogState;
  private queue: NewHubEvent[] = [];
  /** Each queued entry's id, drawn when it arrived (entries dropped unbuilt while queued still used theirs). */
  private ids: number[] = [];
  private nextId: number;
  /**
   * VM id -> position of its newest queued entry, counted from the first entry queued since the queue was last
   * emptied (its index is the position minus `dropped`). Why positions: dropping the queue's head then leaves every
   * entry valid (a dropped one reads as too old for a fold), so the map is kept, not rebuilt and regrown through
   * every capacity per ~700 events of a streaming farm (~60 bytes of young garbage per event at 1,000 VMs).
   */
  private queuedAt = new Map<string, number>();
  /** Entries dropped from the queue's head since the queue was last emptied (see queuedAt). */
  private dropped = 0;
  /** The same for the kept window's tail; built when a fold first needs it after the window changed. */
  private keptAt: Map<string, number> | null = null;

  constructor(loaded: readonly HubEvent[], capacity: number) {
    this.state = createEventLogState(loaded, capacity);
    this.nextId = this.state.nextId;
  }

  /** The kept window, with everything queued so far appended. */
  events(): readonly HubEvent[] {
    if (this.queue.length > 0) {
      this.state = appendEvents(this.state, this.queue, { ids: this.ids, nextId: this.nextId }).state;
      this.queue = [];
      this.ids = [];
      this.queuedAt.clear();
      this.dropped = 0;
      this.keptAt = null;
    }
    return this.state.events;
  }

  /**
   * Queues entries; false when there were none (nothing to persist). The log takes the entries over (the batcher
   * builds them for it alone): a later settled move may rewrite a queued one in place (see fold).
   */
  add(entries: readonly NewHubEvent[]): boolean {
    if (entries.length === 0) return false;
    for (const e of entries) {
      if (this.fold(e)) continue;
      if (e.vmId !== undefined) this.queuedAt.set(e.vmId, this.dropped + this.queue.length);
      this.queue.push(e);
      this.ids.push(this.nextId++);
    }
    // Bounded: with nobody reading, keep only what the windows would keep, each kind in its own window so a storm
    // of connection entries does not push queued VM entries out (nor a VM burst an old "connection lost").
    const cap = this.state.capacity;
    if (this.queue.length >= 2 * (cap + CONNECTION_EVENT_CAPACITY)) {
      // Without connection entries (the usual case: a VM stream) the windows are just the newest `cap` entries.
      if (this.queue.some(isConnectionEvent)) {
        const kept = keptIndexes(this.queue, cap);
        const { queue, ids } = this;
        this.queue = kept.map((i) => queue[i] as NewHubEvent);
        this.ids = kept.map((i) => ids[i] as number);
        this.queuedAt = indexTail(this.queue);
        this.dropped = 0;
      } else {
        this.dropped += this.queue.length - cap;
        this.queue = this.queue.slice(-cap);
        this.ids = this.ids.slice(-cap);
        // Bounded by the VM ids seen since the queue was emptied: with nobody reading and ids that come and go,
        // rebuilt from the queue's tail once it outgrows what the windows could ever hold.
        if (this.queuedAt.size > 4 * cap) {
          this.queuedAt = indexTail(this.queue);
          this.dropped = 0;
        }
      }
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
    const inQueue = this.latest(this.queue, this.queuedAt, e, this.dropped);
    if (inQueue !== NONE) {
      // Rewritten in place, not copied: a queued entry is the log's own and nobody has read it yet (events()
      // builds the window's entries from it), and a copy was one more object per settled event of a stream.
      const p = this.queue[inQueue] as { -readonly [K in keyof NewHubEvent]: NewHubEvent[K] };
      if (!settles(p, e)) return false;
      p.to = e.to;
      p.at = e.at;
      return true;
    }
    const events = this.state.events;
    const kept = this.latest(events, (this.keptAt ??= indexTail(events)), e);
    if (kept === NONE) return false;
    const p = events[kept] as HubEvent;
    const merged = mergeSettled(p, e);
    if (!merged) return false;
    const copy = events.slice();
    copy[kept] = { ...merged, id: p.id };
    this.state = { ...this.state, events: copy }; // same ids at the same places: keptAt stays right
    return true;
  }

  /**
   * The index of `e`'s VM's newest entry among the last FOLD_LOOK_BACK of `list`, or NONE. `index` maps a VM id
   * to its newest entry in that tail (whatever the host), so the usual answer costs one lookup instead of a scan
   * per settled move (that scan was the largest per-event cost of a streaming host); when that entry is another
   * host's VM with the same id, the scan decides.
   */
  private latest(
    list: readonly NewHubEvent[],
    index: ReadonlyMap<string, number>,
    e: NewHubEvent,
    /** What to subtract from `index`'s values to get an index into `list`. */
    offset = 0,
  ): number {
    const from = Math.max(0, list.length - FOLD_LOOK_BACK);
    const position = e.vmId === undefined ? undefined : index.get(e.vmId);
    const at = position === undefined ? undefined : position - offset;
    if (at === undefined || at < from) return NONE;
    if ((list[at] as NewHubEvent).hostId === e.hostId) return at;
    for (let i = list.length - 1; i >= from; i--) {
      const p = list[i] as NewHubEvent;
      if (p.hostId === e.hostId && p.vmId === e.vmId) return i;
    }
    return NONE;
  }
}

const NONE = -1;

/** Whether `p` is the move into the transitional state `e` leaves (and `e` does not just go back): a fold. */
function settles(p: NewHubEvent, e: NewHubEvent): boolean {
  return p.kind === 'state-changed' && p.to === e.from && p.from !== e.to;
}

/** The move into the transitional state `e` leaves, rewritten to end where `e` ends; null when `p` is not that. */
function mergeSettled<T extends NewHubEvent>(p: T, e: NewHubEvent): T | null {
  return settles(p, e) ? { ...p, to: e.to, at: e.at } : null;
}

/** VM id -> index of its newest entry among the last FOLD_LOOK_BACK entries. */
function indexTail(list: readonly NewHubEvent[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = Math.max(0, list.length - FOLD_LOOK_BACK); i < list.length; i++) {
    const vmId = (list[i] as NewHubEvent).vmId;
    if (vmId !== undefined) index.set(vmId, i);
  }
  return index;
}
