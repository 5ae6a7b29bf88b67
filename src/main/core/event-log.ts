// Pure bounded event log: newest last, oldest dropped first. Ids are decimal strings that keep increasing
// across restarts (the next id continues after the highest persisted one).
import type { HubEvent } from '../../shared/model';

const DEFAULT_EVENT_LOG_CAPACITY = 500;

export type NewHubEvent = Omit<HubEvent, 'id'>;

export interface EventLogState {
  readonly events: readonly HubEvent[];
  readonly nextId: number;
  readonly capacity: number;
}

export function createEventLogState(
  loaded: readonly HubEvent[],
  capacity: number = DEFAULT_EVENT_LOG_CAPACITY,
): EventLogState {
  const cap = Math.max(1, Math.floor(capacity));
  let maxId = 0;
  for (const e of loaded) {
    const n = Number(e.id);
    if (Number.isSafeInteger(n) && n > maxId) maxId = n;
  }
  return { events: loaded.slice(-cap), nextId: maxId + 1, capacity: cap };
}

/**
 * Append entries, assigning ids; returns the new state and the entries as stored. Every entry gets an id (ids
 * stay dense), but only those that fit are built: a burst of 10,000 changes into a 500-entry log builds 500.
 * One copy of the kept window per call; callers append a whole batch at once (app-core's batcher).
 */
export function appendEvents(
  state: EventLogState,
  entries: readonly NewHubEvent[],
): { state: EventLogState; added: HubEvent[] } {
  if (entries.length === 0) return { state, added: [] };
  const cap = state.capacity;
  const skipped = Math.max(0, entries.length - cap);
  let nextId = state.nextId + skipped;
  const added: HubEvent[] = [];
  for (let i = skipped; i < entries.length; i++)
    added.push({ ...(entries[i] as NewHubEvent), id: String(nextId++) });
  const keepOld = Math.max(0, cap - added.length);
  const events =
    keepOld === 0 ? added : state.events.slice(Math.max(0, state.events.length - keepOld)).concat(added);
  return { state: { events, nextId, capacity: cap }, added };
}
