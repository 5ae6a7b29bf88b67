// VM identity: how ids compare, and the one key a VM is known by across entries (store, sync, notify policy, pushes).
// Kept apart from model.ts (the shared vocabulary) because this is per-event machinery with its own memo.
type HostId = string;

/** VM ids are compared case-insensitively and without braces (prlctl sometimes wraps them in {}). */
export function normalizeVmId(id: string): string {
  return id.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
}

// The one VM key function, memoised: same result as `${hostId}/${normalizeVmId(id)}`, computed once per distinct id.
// Why memoised: every event looks its VM up several times (store, sync's bookkeeping, notify policy), and the
// trim + brace regexes + lower-casing of normalizeVmId was ~5% of the per-event cost with 1,000 VMs streaming.
// Bounded in count AND size: a hostile or buggy server sending endless fresh ids only makes the memo start over,
// and ids longer than any real one (a UUID is 36 characters) are computed, never kept.

const MAX_MEMO_ENTRIES = 10_000;
export const MAX_MEMO_ID_LENGTH = 128;
const normalized = new Map<string, string>();
const keys = new Map<HostId, Map<string, string>>();
let keyCount = 0;

// One-entry caches in front of the maps: one event asks for the same id (the very same string) several times
// in a row (sync, store, batcher, policy), and comparing to the last id is cheaper than hashing into a map.
let lastId: string | null = null;
let lastNormalized = '';
let lastKeyHost: HostId | null = null;
let lastPerHost: Map<string, string> | undefined;
let lastKeyId: string | null = null;
let lastKey = '';

function normalizedVmId(id: string): string {
  if (id === lastId) return lastNormalized;
  if (id.length > MAX_MEMO_ID_LENGTH) return normalizeVmId(id);
  let n = normalized.get(id);
  if (n === undefined) {
    if (normalized.size >= MAX_MEMO_ENTRIES) normalized.clear();
    n = normalizeVmId(id);
    normalized.set(id, n);
  }
  lastId = id;
  lastNormalized = n;
  return n;
}

/**
 * The key of a VM across entries: `${hostId}/${normalizeVmId(id)}`, or `${hostId}/${farmHostId}/${normalizeVmId(id)}`
 * for a VM behind an orchestrator (farm VMs are keyed by orchestrator, host and id, §6.1). Memoised (see above).
 */
export function vmKey(hostId: HostId, id: string, farmHostId?: string): string {
  if (farmHostId !== undefined) return vmKeyInScope(farmScope(hostId, farmHostId), id);
  return vmKeyInScope(hostId, id);
}

// The scope of a farm host's VMs, `${hostId}/${farmHostId}`, as ONE string per farm host (also the page's group id,
// group-order.ts groupIdOf). Why: built afresh per call, every farm VM's key began with concatenating and then
// hashing a new string (the memo below is keyed by scope), ~17 ms of the page's task as a 100-Mac farm's 4,000
// VMs land (render-settle.ts profile); the same string each time hashes once and compares by identity.
const farmScopes = new Map<HostId, Map<string, string>>();
let farmScopeCount = 0;
let lastScopeHost: HostId | null = null;
let lastScopeFarmHost: string | null = null;
let lastScope = '';

/** `${hostId}/${farmHostId}`, the same string object for every call with one farm host (memoised, bounded). */
export function farmScope(hostId: HostId, farmHostId: string): string {
  if (farmHostId === lastScopeFarmHost && hostId === lastScopeHost) return lastScope;
  if (farmHostId.length > MAX_MEMO_ID_LENGTH) return `${hostId}/${farmHostId}`;
  let perHost = farmScopes.get(hostId);
  if (perHost === undefined) farmScopes.set(hostId, (perHost = new Map()));
  let scope = perHost.get(farmHostId);
  if (scope === undefined) {
    if (farmScopeCount >= MAX_MEMO_ENTRIES) {
      farmScopes.clear();
      farmScopeCount = 0;
      farmScopes.set(hostId, (perHost = new Map()));
    }
    scope = `${hostId}/${farmHostId}`;
    perHost.set(farmHostId, scope);
    farmScopeCount++;
  }
  lastScopeHost = hostId;
  lastScopeFarmHost = farmHostId;
  lastScope = scope;
  return scope;
}

/** The key of a VM from the VM itself (or anything carrying its identity). */
export function vmKeyOf(vm: {
  readonly hostId: HostId;
  readonly id: string;
  readonly farmHostId?: string;
}): string {
  return vmKey(vm.hostId, vm.id, vm.farmHostId);
}

function vmKeyInScope(hostId: string, id: string): string {
  if (id === lastKeyId && hostId === lastKeyHost) return lastKey;
  if (id.length > MAX_MEMO_ID_LENGTH) return `${hostId}/${normalizeVmId(id)}`;
  // The last key's host is almost always this one's (one socket read is one host's): its map without a lookup.
  let perHost = hostId === lastKeyHost ? lastPerHost : keys.get(hostId);
  if (perHost === undefined) {
    perHost = new Map();
    keys.set(hostId, perHost);
  }
  let key = perHost.get(id);
  if (key === undefined) {
    if (keyCount >= MAX_MEMO_ENTRIES) {
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
  lastPerHost = perHost;
  lastKeyId = id;
  lastKey = key;
  return key;
}
