// What to do after an attempt ended with 'refresh-and-retry' or 'tls-untrusted': both need one async look-up
// (new credentials, the peer's certificate fingerprint) before the connection knows whether to retry or halt.
// Kept apart from connection.ts so that file stays about the socket's life, and so these verdicts are plain
// values the connection carries out (it alone owns phase, timers and events).
import type { ConnectionEvent, HubConnectionOptions } from './connection-types';
import { HubRequestError } from './errors';
import { fetchPeerFingerprint, portOf } from './tls';

export type Recovery =
  | { readonly kind: 'halt'; readonly event: ConnectionEvent; readonly reason: string }
  /** Try again after the usual back-off (the look-up itself failed on the network). */
  | { readonly kind: 'retry-later'; readonly reason: string }
  /** Credentials were refreshed: try again at once. */
  | { readonly kind: 'retry-now'; readonly reason: string };

export async function recoverByRefreshing(
  rest: HubConnectionOptions['rest'],
  reason: string,
  rejection: string,
): Promise<Recovery> {
  let refreshed: boolean;
  try {
    refreshed = await rest.refreshCredentials();
  } catch (error) {
    if (error instanceof HubRequestError && error.kind === 'tls-untrusted' && error.fingerprint) {
      const event = {
        type: 'tls-untrusted',
        fingerprint: error.fingerprint,
        message: error.message,
      } as const;
      return { kind: 'halt', event, reason: error.message };
    }
    // Could not reach the token endpoint: a network problem, not a verdict on the credentials.
    if (error instanceof HubRequestError && error.kind !== 'unauthorized') {
      return { kind: 'retry-later', reason: error.message };
    }
    refreshed = false;
    // The token endpoint's own verdict ("Invalid user or Password") is more useful than the upgrade's 401.
    if (error instanceof HubRequestError && error.kind === 'unauthorized') rejection = error.message;
  }
  if (!refreshed)
    return { kind: 'halt', event: { type: 'auth-failed', message: rejection }, reason: rejection };
  return { kind: 'retry-now', reason: `${reason}; credentials refreshed` };
}

export async function recoverUntrusted(url: URL, message: string, fingerprint?: string): Promise<Recovery> {
  let fp = fingerprint;
  if (!fp) {
    try {
      fp = (await fetchPeerFingerprint(url.hostname, portOf(url))).fingerprint;
    } catch (error) {
      return { kind: 'retry-later', reason: error instanceof Error ? error.message : 'TLS probe failed' };
    }
  }
  return { kind: 'halt', event: { type: 'tls-untrusted', fingerprint: fp, message }, reason: message };
}
