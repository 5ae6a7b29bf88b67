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

/** Append entries, assigning ids; returns the new state and the entries as stored. */
export function appendEvents(
  state: EventLogState,
  entries: readonly NewHubEvent[],
): { state: EventLogState; added: HubEvent[] } {
  if (entries.length === 0) return { state, added: [] };
  let nextId = state.nextId;
  const added = entries.map((e): HubEvent => ({ ...e, id: String(nextId++) }));
  const events = [...state.events, ...added].slice(-state.capacity);
  return { state: { events, nextId, capacity: state.capacity }, added };
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
