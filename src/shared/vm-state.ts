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

const TRANSITIONAL = new Set<string>(TRANSITIONAL_STATES);

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
 * The one place a VM state's spelling is decided: "Running " and "RUNNING" both become "running". A known state
 * comes back as its canonical copy (see CANONICAL); any other string as its trimmed, lower-cased self.
 */
export function normalizeVmState(state: string): VmState {
  const known = CANONICAL.get(state);
  if (known !== undefined) return known;
  const normalized = state.trim().toLowerCase();
  return CANONICAL.get(normalized) ?? normalized;
}

/** Called for every streamed event: a set lookup (states are normalised at the boundary). */
export function isTransitionalState(state: VmState): boolean {
  return TRANSITIONAL.has(state);
}
