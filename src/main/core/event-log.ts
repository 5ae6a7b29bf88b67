// Pure bounded event log: newest last, oldest dropped first. Ids are decimal strings that keep increasing
// across restarts (the next id continues after the highest persisted one).
import type { HubEvent } from '../../shared/model';

export const DEFAULT_EVENT_LOG_CAPACITY = 500;

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

const KINDS = new Set<string>([
  'state-changed',
  'added',
  'removed',
  'renamed',
  'connection-lost',
  'connection-restored',
  'auth-failed',
  'action-failed',
]);

/** Validate one persisted entry (files are edited by humans and by older versions); null if unusable. */
export function parseHubEvent(value: unknown): HubEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.at !== 'number' || !Number.isFinite(v.at)) return null;
  if (typeof v.hostId !== 'string' || typeof v.kind !== 'string' || !KINDS.has(v.kind)) return null;
  const opt = (k: string): Record<string, string> => (typeof v[k] === 'string' ? { [k]: v[k] } : {});
  return {
    id: v.id,
    at: v.at,
    hostId: v.hostId,
    kind: v.kind as HubEvent['kind'],
    ...opt('vmId'),
    ...opt('vmName'),
    ...opt('from'),
    ...opt('to'),
    ...opt('message'),
    ...(typeof v.offline === 'boolean' ? { offline: v.offline } : {}),
  };
}
