// Pure bounded event log: newest last, oldest dropped first. Ids are decimal strings that keep increasing
// across restarts (the next id continues after the highest persisted one).
//
// Two windows in one list: VM entries (state changes, adds, removals, failed actions) keep the newest `capacity`,
// host connection entries (lost, restored, credentials rejected) their own newest CONNECTION_EVENT_CAPACITY.
// Why: a reconnect storm writes two entries per host, and in one shared 500-entry window 250 hosts flushed all VM
// history (issue 15, "Scale"); the stops people look for must survive a network blip.
import type { HubEvent } from '../../shared/model';

const DEFAULT_EVENT_LOG_CAPACITY = 500;
/** How many host connection entries the log keeps, apart from the VM entries' window. */
export const CONNECTION_EVENT_CAPACITY = 100;

/** Host-level connection entries: kept in their own window. */
function isConnectionEvent(e: Pick<HubEvent, 'kind'>): boolean {
  return e.kind === 'connection-lost' || e.kind === 'connection-restored' || e.kind === 'auth-failed';
}

/** The newest `vmCap` VM entries and newest CONNECTION_EVENT_CAPACITY connection entries, in their order. */
export function keepWindows<T extends Pick<HubEvent, 'kind'>>(
  events: readonly T[],
  vmCap: number,
): readonly T[] {
  let vmRoom = vmCap;
  let connectionRoom = CONNECTION_EVENT_CAPACITY;
  let firstKept = events.length;
  const dropped = new Set<number>();
  for (let i = events.length - 1; i >= 0; i--) {
    const connection = isConnectionEvent(events[i] as T);
    if (connection ? connectionRoom > 0 : vmRoom > 0) {
      if (connection) connectionRoom--;
      else vmRoom--;
      firstKept = i;
    } else dropped.add(i);
    if (vmRoom === 0 && connectionRoom === 0) break;
  }
  if (dropped.size === 0 && firstKept === 0) return events;
  const kept: T[] = [];
  for (let i = firstKept; i < events.length; i++) if (!dropped.has(i)) kept.push(events[i] as T);
  return kept;
}

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
  return { events: keepWindows(loaded, cap), nextId: maxId + 1, capacity: cap };
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
  // Entries that cannot fit either window are never built (they only use up their ids).
  const skipped = Math.max(0, entries.length - (cap + CONNECTION_EVENT_CAPACITY));
  let nextId = state.nextId + skipped;
  const added: HubEvent[] = [];
  for (let i = skipped; i < entries.length; i++)
    added.push({ ...(entries[i] as NewHubEvent), id: String(nextId++) });
  const events = keepWindows(state.events.concat(added), cap);
  return { state: { events, nextId, capacity: cap }, added };
}
