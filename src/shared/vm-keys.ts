// Memoised vmKey / normalizeVmId (src/shared/model.ts): same results, computed once per distinct id.
// Why: every event looks its VM up several times (store, sync's bookkeeping, notify policy), and the
// trim + brace regexes + lower-casing of normalizeVmId was ~5% of the per-event cost with 1,000 VMs streaming.
// Bounded in count AND size: a hostile or buggy server sending endless fresh ids only makes the memo start over,
// and ids longer than any real one (a UUID is 36 characters) are computed, never kept.
import { normalizeVmId, type HostId } from './model';

const MAX_ENTRIES = 10_000;
export const MAX_MEMO_ID_LENGTH = 128;
const normalized = new Map<string, string>();
const keys = new Map<HostId, Map<string, string>>();
let keyCount = 0;

// One-entry caches in front of the maps: one event asks for the same id (the very same string) several times
// in a row (sync, store, batcher, policy), and comparing to the last id is cheaper than hashing into a map.
let lastId: string | null = null;
let lastNormalized = '';
let lastKeyHost: HostId | null = null;
let lastKeyId: string | null = null;
let lastKey = '';

export function normalizedVmId(id: string): string {
  if (id === lastId) return lastNormalized;
  if (id.length > MAX_MEMO_ID_LENGTH) return normalizeVmId(id);
  let n = normalized.get(id);
  if (n === undefined) {
    if (normalized.size >= MAX_ENTRIES) normalized.clear();
    n = normalizeVmId(id);
    normalized.set(id, n);
  }
  lastId = id;
  lastNormalized = n;
  return n;
}

/** Equal to vmKey(hostId, id): `${hostId}/${normalizeVmId(id)}`. */
export function vmKeyOf(hostId: HostId, id: string): string {
  if (id === lastKeyId && hostId === lastKeyHost) return lastKey;
  if (id.length > MAX_MEMO_ID_LENGTH) return `${hostId}/${normalizeVmId(id)}`;
  let perHost = keys.get(hostId);
  if (perHost === undefined) {
    perHost = new Map();
    keys.set(hostId, perHost);
  }
  let key = perHost.get(id);
  if (key === undefined) {
    if (keyCount >= MAX_ENTRIES) {
      keys.clear();
      keyCount = 0;
      perHost = new Map();
      keys.set(hostId, perHost);
    }
    key = `${hostId}/${normalizedVmId(id)}`;
    perHost.set(id, key);
    keyCount++;
  }
  lastKeyHost = hostId;
  lastKeyId = id;
  lastKey = key;
  return key;
}
