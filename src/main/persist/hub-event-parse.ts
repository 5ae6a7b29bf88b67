// Reading the event log back from disk: each entry is checked, because files are edited by humans and by older
// versions. Lives with the file storage, the only reader of persisted entries.
import { normalizeVmState, type HubEvent } from '../../shared/model';

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
  // from/to are VM states except in a rename, where they are names: states are normalised like the hub's, since an
  // older version may have written them as the server sent them.
  const isState = v.kind !== 'renamed';
  const state = (k: 'from' | 'to'): Record<string, string> =>
    typeof v[k] === 'string' ? { [k]: isState ? normalizeVmState(v[k]) : v[k] } : {};
  return {
    id: v.id,
    at: v.at,
    hostId: v.hostId,
    kind: v.kind as HubEvent['kind'],
    ...opt('vmId'),
    ...opt('vmName'),
    ...state('from'),
    ...state('to'),
    ...opt('message'),
    ...(typeof v.offline === 'boolean' ? { offline: v.offline } : {}),
  };
}
