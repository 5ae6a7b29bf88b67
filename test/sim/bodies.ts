// Response bodies and WS envelopes, field for field as the Go structs serialise them (struct order, omitempty).
import { randomBytes } from 'node:crypto';

/** RFC 3339 with nanoseconds, trailing zeros trimmed (Go's time.RFC3339Nano). */
export function goTimestamp(epochMs: number = Date.now()): string {
  const iso = new Date(epochMs).toISOString(); // 2026-08-18T10:15:02.123Z
  // Go carries nanoseconds; add sub-millisecond digits so clients see a varying fraction length.
  const subMs = Number(process.hrtime.bigint() % 1_000_000n);
  const fraction = (iso.slice(20, 23) + String(subMs).padStart(6, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/**
 * One WS text frame as the hub writes it: client_handler.go flushQueue() calls Conn.WriteJSON, which is
 * `json.NewEncoder(w).Encode(v)` (gorilla/websocket json.go). Encode escapes <, > and & (and U+2028/U+2029) as
 * \u003c-style sequences (SetEscapeHTML defaults to true) and ends with a newline, so every frame does.
 * JSON.stringify output holds those characters only inside strings, so escaping them everywhere is exact.
 */
export function goWriteJson(value: unknown): string {
  const escaped = JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${escaped}\n`;
}

/** 32 random bytes as hex, like helpers.GenerateId(). */
export function generateId(): string {
  return randomBytes(32).toString('hex');
}

export interface Envelope {
  id: string;
  ref_id?: string;
  event_type: string;
  timestamp: string;
  message: string;
  body?: unknown;
  client_id?: string;
}

export function envelope(
  eventType: string,
  message: string,
  body?: unknown,
  extra: { refId?: string; clientId?: string } = {},
): Envelope {
  // Built key by key so JSON.stringify keeps the Go struct order.
  const e: Record<string, unknown> = { id: generateId() };
  if (extra.refId) e.ref_id = extra.refId;
  e.event_type = eventType;
  e.timestamp = goTimestamp();
  e.message = message;
  if (body !== undefined && body !== null) e.body = body;
  if (extra.clientId) e.client_id = extra.clientId;
  return e as unknown as Envelope;
}

/** models.OAuthErrorResponse, written by EndAuthorization. */
export function oauthError(description: string): { error: string; error_description: string } {
  return { error: 'unauthorized_client', error_description: description };
}

/** models.ApiErrorResponse (machines endpoints, 404 handler). */
export function apiError(message: string, code: number): { message: string; code: number } {
  return { message, code };
}

/**
 * models.ApiErrorDiagnosticsResponse. `message` is the multi-line summary (diagnostic.GetSummary()) unless
 * `summaryOverride` is given (the token endpoint puts the bare error text there, e.g. "Invalid user or Password").
 */
export function diagnosticsError(
  text: string,
  code: number,
  summaryOverride?: string,
): Record<string, unknown> {
  const start = Date.now();
  const summary = `Operation: api error response\nDuration: 0.2ms\nErrors: 1\nWarnings: 0\n\nErrors:\n  1. [${code}] ${text}\n`;
  return {
    message: summaryOverride ?? summary,
    diagnostics: {
      operation: 'api error response',
      start_time: goTimestamp(start),
      end_time: goTimestamp(start),
      path: [],
      errors: [{ code: String(code), message: text, timestamp: goTimestamp(start) }],
      warnings: [],
    },
    code,
  };
}

/**
 * restapi NotFoundController: what gorilla/mux falls through to for an unknown path, and also for a known path
 * with the wrong method (a method-scoped sub-router loses the mismatch flag; protocol doc §8.3).
 */
export function routeNotFound(path: string): { message: string; code: number } {
  return apiError(`resource ${path} not found`, 404);
}
