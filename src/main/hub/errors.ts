// Typed failures of the hub client. Every message is short, user-actionable and free of secrets: callers show it
// as-is in the status banner and the "Test connection" result.

export type HubErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'tls-untrusted'
  | 'unauthorized'
  | 'not-found'
  | 'precondition'
  | 'conflict'
  | 'unavailable'
  | 'server'
  | 'bad-response'
  | 'cancelled'
  /** GET /machines is not routed: a server without the `host` module (orchestrator-only). */
  | 'no-machines-api';

export interface HubRequestErrorOptions {
  readonly status?: number;
  readonly fingerprint?: string;
}

export class HubRequestError extends Error {
  readonly kind: HubErrorKind;
  readonly status?: number;
  readonly fingerprint?: string;

  constructor(kind: HubErrorKind, message: string, options: HubRequestErrorOptions = {}) {
    super(message);
    this.name = 'HubRequestError';
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.fingerprint !== undefined) this.fingerprint = options.fingerprint;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_DETAIL = 200;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL - 1)}…` : oneLine;
}

/**
 * The most useful human text in one of the server's three error bodies (OAuth 401, ApiErrorDiagnosticsResponse,
 * ApiErrorResponse). The diagnostics `message` is a multi-line summary, so its `errors[].message` wins.
 */
export function describeErrorBody(body: unknown): string | null {
  if (!isRecord(body)) return null;
  if (typeof body.error_description === 'string' && body.error_description.trim() !== '') {
    return clip(body.error_description);
  }
  const diagnostics = body.diagnostics;
  if (isRecord(diagnostics) && Array.isArray(diagnostics.errors)) {
    const texts = diagnostics.errors
      .map((e: unknown) => (isRecord(e) && typeof e.message === 'string' ? e.message : null))
      .filter((t): t is string => t !== null && t.trim() !== '');
    if (texts.length > 0) return clip(texts.join('; '));
  }
  if (typeof body.message === 'string' && body.message.trim() !== '') {
    // "error: VM is not stopped" -> "VM is not stopped"
    return clip(body.message.replace(/^error:\s*/i, ''));
  }
  if (typeof body.error === 'string' && body.error.trim() !== '') return clip(body.error);
  return null;
}

/** Maps a non-success HTTP status to a typed error. `what` names the operation ("Listing VMs"). */
export function errorForStatus(status: number, body: unknown, what: string): HubRequestError {
  const detail = describeErrorBody(body);
  const suffix = detail ? ` (${detail})` : '';
  if (status === 401 || status === 403) {
    return new HubRequestError('unauthorized', `Credentials rejected by the host${suffix}`, { status });
  }
  if (status === 404) return new HubRequestError('not-found', `${what}: not found${suffix}`, { status });
  if (status === 400 || status === 412 || status === 422) {
    return new HubRequestError('precondition', `${what} refused${suffix}`, { status });
  }
  if (status === 409) return new HubRequestError('conflict', `${what}: conflict${suffix}`, { status });
  if (status === 503) {
    return new HubRequestError('unavailable', `${what}: the service is unavailable${suffix}`, { status });
  }
  if (status >= 500)
    return new HubRequestError('server', `${what}: server error ${status}${suffix}`, { status });
  return new HubRequestError('bad-response', `${what}: unexpected HTTP status ${status}${suffix}`, {
    status,
  });
}

/** "300 ms", "10 s": for messages about timeouts. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}
