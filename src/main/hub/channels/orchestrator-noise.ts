// The orchestrator channel's noise (orchestrator-protocol.md §3.7: every host's stats every 5 s and every host log
// line; §6.3 last rule: catalog-cache and reverse-proxy relays too) recognised on the raw bytes ws hands over, before
// any utf8 decode or JSON.parse. At 100 hosts that is ~70 frames/s, most of all the frames an idle farm receives.
//
// Only the envelope prefix is read. The server writes each envelope with Go's encoding/json from a struct
// (`src/models/event_message.go` EventMessage, fields in order id, event_type, timestamp, message, body;
// compact, each key once), so `{"id":"…","event_type":"orchestrator","timestamp":"…","message":"<NAME>"` is that
// frame's real message name. A string value may only be skipped while it holds no `"`, `\` or control byte — the
// same rule as the text fast path's regex, and the only bytes that could end or escape it: a UTF-8 multi-byte
// sequence is all bytes >= 0x80, and a decoder never swallows an ASCII byte, so this reads exactly what the decoded
// text would say. Anything else (spaces, other key order, an escape in the id) returns null: the full parse decides.

export const ORCHESTRATOR_NOISE = [
  'HOST_STATS_UPDATE',
  'HOST_LOGS_UPDATE',
  'HOST_CATALOG_CACHE_EVENT',
  'HOST_REVERSE_PROXY_UPDATED',
] as const;
export type OrchestratorNoise = (typeof ORCHESTRATOR_NOISE)[number];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = Buffer.from('{"id":"', 'latin1');
const AFTER_ID = Buffer.from('","event_type":"orchestrator","timestamp":"', 'latin1');
const AFTER_TIMESTAMP = Buffer.from('","message":"', 'latin1');
/** Each name with its closing quote, so HOST_STATS_UPDATE_X is not HOST_STATS_UPDATE. */
const NAMES = ORCHESTRATOR_NOISE.map((name) => ({ name, bytes: Buffer.from(`${name}"`, 'latin1') }));

/** Index after `literal` if `frame` holds it at `at`, else -1. */
function literalAt(frame: Uint8Array, at: number, literal: Uint8Array): number {
  if (at < 0 || at + literal.length > frame.length) return -1;
  for (let i = 0; i < literal.length; i++) if (frame[at + i] !== literal[i]) return -1;
  return at + literal.length;
}

/** Index of the quote closing a string value that starts at `at` (no escape, no control byte), else -1. */
function plainStringEnd(frame: Uint8Array, at: number): number {
  if (at < 0) return -1;
  for (let i = at; i < frame.length; i++) {
    const byte = frame[i] as number;
    if (byte === QUOTE) return i;
    if (byte === BACKSLASH || byte < 0x20) return -1;
  }
  return -1;
}

/** The noise name of an orchestrator frame as written by the server, or null (then the full parse decides). */
export function noiseOnWire(frame: Uint8Array): OrchestratorNoise | null {
  let at = plainStringEnd(frame, literalAt(frame, 0, OPEN));
  at = plainStringEnd(frame, literalAt(frame, at, AFTER_ID));
  at = literalAt(frame, at, AFTER_TIMESTAMP);
  if (at < 0) return null;
  for (const { name, bytes } of NAMES) if (literalAt(frame, at, bytes) >= 0) return name;
  return null;
}
