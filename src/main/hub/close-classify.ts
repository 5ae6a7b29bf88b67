// Why did a connection attempt end, and what do we do next? Pure, table-tested.
import { describeErrorBody, HubRequestError } from './errors';
import { describeTlsCode } from './tls-words';

export type AttemptEnd =
  /** The server refused the upgrade with an HTTP status (body already parsed if it was JSON). */
  | { readonly kind: 'http-status'; readonly status: number; readonly body: unknown }
  /** A network, TLS or protocol error (ws 'error' event, or a failure before the socket was created). */
  | { readonly kind: 'error'; readonly code: string | undefined; readonly message: string }
  /** The socket closed (after or without an error event). */
  | { readonly kind: 'closed'; readonly code: number; readonly reason: string }
  | { readonly kind: 'liveness-timeout'; readonly afterMs: number };

export type NextStep =
  /** 401: get new credentials once, then try again immediately. */
  | { readonly action: 'refresh-and-retry'; readonly reason: string; readonly message: string }
  | { readonly action: 'auth-failed'; readonly message: string }
  /** The peer's certificate is not trusted; the caller looks up its fingerprint. */
  | { readonly action: 'tls-untrusted'; readonly message: string }
  /** Back off (at least minDelayMs) and try again. */
  | { readonly action: 'retry'; readonly reason: string; readonly minDelayMs: number };

export interface ClassifyContext {
  /** A refresh was already tried since the last successful open. */
  readonly refreshedAlready: boolean;
  /** Minimum wait after a 409 (legacy one-connection-per-IP servers hold a stale slot up to ~45 s). */
  readonly conflictBackoffMs: number;
}

/** OpenSSL / Node codes meaning "the certificate is not one we trust" (as opposed to a network failure). */
const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_HUBWATCH_PIN_MISMATCH',
]);

export function isTlsTrustError(code: string | undefined): boolean {
  return code !== undefined && TLS_TRUST_CODES.has(code);
}

const NETWORK_TEXT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed by the host',
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'a frame exceeded the size limit',
};

export function classifyAttemptEnd(end: AttemptEnd, ctx: ClassifyContext): NextStep {
  switch (end.kind) {
    case 'http-status': {
      const detail = describeErrorBody(end.body);
      const suffix = detail ? ` (${detail})` : '';
      if (end.status === 401 || end.status === 403) {
        return ctx.refreshedAlready
          ? { action: 'auth-failed', message: `Credentials rejected by the host${suffix}` }
          : {
              action: 'refresh-and-retry',
              reason: `HTTP ${end.status}${suffix}`,
              message: `Credentials rejected by the host${suffix}`,
            };
      }
      if (end.status === 409) {
        return {
          action: 'retry',
          reason: `HTTP 409: another connection from this address is active${suffix}`,
          minDelayMs: ctx.conflictBackoffMs,
        };
      }
      if (end.status === 503)
        return {
          action: 'retry',
          reason: `HTTP 503: the event service is unavailable${suffix}`,
          minDelayMs: 0,
        };
      if (end.status >= 500)
        return { action: 'retry', reason: `HTTP ${end.status}: server error${suffix}`, minDelayMs: 0 };
      // 400/404 and friends: wrong URL or prefix. Retrying cannot fix it quickly, but the user may fix the server
      // (e.g. enable the module); keep retrying with back-off rather than going silent.
      return {
        action: 'retry',
        reason: `HTTP ${end.status}: the host refused the WebSocket upgrade${suffix}`,
        minDelayMs: 0,
      };
    }
    case 'error': {
      if (isTlsTrustError(end.code))
        return { action: 'tls-untrusted', message: `The host's certificate ${describeTlsCode(end.code)}` };
      const text = (end.code && NETWORK_TEXT[end.code]) ?? end.message;
      return { action: 'retry', reason: text, minDelayMs: 0 };
    }
    case 'closed': {
      if (end.code === 1009)
        return { action: 'retry', reason: 'a frame exceeded the size limit (1009)', minDelayMs: 0 };
      if (end.code === 1001)
        return {
          action: 'retry',
          reason: `the server is shutting down (1001${end.reason ? `: ${end.reason}` : ''})`,
          minDelayMs: 0,
        };
      if (end.code === 1006) return { action: 'retry', reason: 'connection lost (1006)', minDelayMs: 0 };
      return {
        action: 'retry',
        reason: `connection closed (${end.code}${end.reason ? `: ${end.reason}` : ''})`,
        minDelayMs: 0,
      };
    }
    case 'liveness-timeout':
      return {
        action: 'retry',
        reason: `no data or ping for ${Math.round(end.afterMs / 1000)} s`,
        minDelayMs: 0,
      };
  }
}

/** Failures before a socket exists (TLS probe, token request) arrive as errors from tls.ts / rest.ts. */
export function stepForRequestError(error: unknown): NextStep {
  if (error instanceof HubRequestError) {
    if (error.kind === 'tls-untrusted' && error.fingerprint)
      return { action: 'tls-untrusted', message: error.message };
    if (error.kind === 'unauthorized') return { action: 'auth-failed', message: error.message };
    return { action: 'retry', reason: error.message, minDelayMs: 0 };
  }
  return {
    action: 'retry',
    reason: error instanceof Error ? error.message : 'connection failed',
    minDelayMs: 0,
  };
}
