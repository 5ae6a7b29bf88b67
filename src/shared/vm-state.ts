// A VM's state: the one vocabulary main, preload and renderer compare states with. No electron, no DOM, no node.

/**
 * A VM state as prlctl reports it, trimmed and lower-cased once where it enters (normalizeVmState, called by the
 * hub parsers and the event-log reader), so every comparison past the boundary is a plain ===. The server never maps
 * states, so any string can arrive; the UI shows unknown ones with the letters they came with. prlctl's own names are
 * lower-case already (events-hub-protocol.md §7 "State strings"), so for every state a real server sends this is
 * the verbatim string. These are the transitional ones the server's source confirms or prlctl is known to use.
 */
export type VmState = string;
export const TRANSITIONAL_STATES = [
  'starting',
  'stopping',
  'suspending',
  'resuming',
  'pausing',
  'continuing',
  'resetting',
  'restoring',
] as const;

/**
 * Every state named in events-hub-protocol.md §7, each as the one string object this module holds. A state taken
 * from a frame is a slice of that frame's text: kept in a VM record or an event-log entry, it kept the whole frame
 * alive (and was copied by every young-generation GC while it lived), and each === against another copy compared
 * the letters. The canonical copy is shared, compares by identity and costs nothing to keep.
 */
const CANONICAL = new Map<string, VmState>(
  [
    'running',
    'stopped',
    'suspended',
    'paused',
    'unknown',
    'invalid',
    ...TRANSITIONAL_STATES,
    'snapshoting',
    'migrating',
    'compacting',
    'deleting state',
    'reconnecting',
    'mounted',
  ].map((s) => [s, s]),
);

/**
 * The canonical states by length. Why: a state read from a frame is a fresh string, and CANONICAL.get had to hash
 * it first; comparing it with the one or two known states of its length is ~1 ns instead of ~19 ns, twice per
 * streamed event (Node 20, 200,000 regex-captured states, min of 30 alternated runs).
 */
const CANONICAL_BY_LENGTH: (readonly VmState[] | undefined)[] = [];
for (const s of CANONICAL.keys())
  CANONICAL_BY_LENGTH[s.length] = [...(CANONICAL_BY_LENGTH[s.length] ?? []), s];

/**
 * The one place a VM state's spelling is decided: "Running " and "RUNNING" both become "running". A known state
 * comes back as its canonical copy (see CANONICAL); any other string as its trimmed, lower-cased self.
 */
export function normalizeVmState(state: string): VmState {
  const sameLength = CANONICAL_BY_LENGTH[state.length];
  if (sameLength !== undefined) {
    for (const known of sameLength) if (state === known) return known;
  }
  const normalized = state.trim().toLowerCase();
  return CANONICAL.get(normalized) ?? normalized;
}

/**
 * Called several times per streamed event (store, sync, log fold, policy): states are normalised at the boundary,
 * so this is a comparison with TRANSITIONAL_STATES' spellings. Why a switch and not a Set's has(): ~0 vs ~4 ns
 * per call on canonical states (Node 20, min of 30 alternated runs); test/unit/shared/model.test.ts holds the two
 * equal for every state.
 */
export function isTransitionalState(state: VmState): boolean {
  switch (state) {
    case 'starting':
    case 'stopping':
    case 'suspending':
    case 'resuming':
    case 'pausing':
    case 'continuing':
    case 'resetting':
    case 'restoring':
      return true;
    default:
      return false;
  }
}
