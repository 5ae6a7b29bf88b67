// Credentials -> exactly one auth header. Passwords are exchanged for a JWT (POST /auth/token) that is renewed
// at least 60 s before expires_at, with one refresh in flight at a time however many callers ask.
import type { Clock } from '../kernel/clock';
import { HubRequestError } from './errors';

import type { HubAuth } from '../../shared/hub-auth';

// Defined with its one builder (hubAuthFor) in src/shared/hub-auth.ts; named here too for the hub's own files.
export type { HubAuth };

const REFRESH_MARGIN_MS = 60_000;
/** When the server gives no usable expiry, assume a short life rather than forever. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;

export interface IssuedToken {
  readonly token: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** Performs POST /auth/token; rest.ts supplies it so this module stays free of HTTP. */
export type TokenFetcher = (body: Record<string, string>) => Promise<IssuedToken>;

/** The secret values of an auth, for log redaction. */
export function secretsOf(auth: HubAuth): string[] {
  switch (auth.method) {
    case 'token':
      return [auth.token];
    case 'api-key':
      return [auth.secret, apiKeyHeader(auth.keyId, auth.secret)];
    case 'password':
      return [auth.password];
  }
}

export function apiKeyHeader(keyId: string, secret: string): string {
  return Buffer.from(`${keyId}:${secret}`, 'utf8').toString('base64');
}

/** `exp` claim of a JWT in epoch ms, or null. Used only when the token response lacks expires_at. */
export function jwtExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof claims === 'object' && claims !== null && 'exp' in claims && typeof claims.exp === 'number')
      return claims.exp * 1000;
  } catch {
    // not a JWT we can read: fall through
  }
  return null;
}

/** Validates a POST /auth/token 200 body. */
export function parseTokenResponse(value: unknown, now: number): IssuedToken {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HubRequestError('bad-response', 'Token request: the answer is not a JSON object');
  }
  const record = value as Record<string, unknown>;
  const token = record.token;
  if (typeof token !== 'string' || token === '')
    throw new HubRequestError('bad-response', 'Token request: the answer has no token');
  const exp = record.expires_at;
  const expiresAt =
    typeof exp === 'number' && Number.isFinite(exp) && exp > 0
      ? exp * 1000
      : (jwtExpiry(token) ?? now + FALLBACK_LIFETIME_MS);
  return { token, expiresAt };
}

export class TokenManager {
  private current: IssuedToken | null = null;
  /** When `current` was received (epoch ms), to size the renewal margin to the token's real lifetime. */
  private receivedAt = 0;
  private inflight: Promise<IssuedToken> | null = null;

  constructor(
    private readonly auth: HubAuth,
    private readonly clock: Clock,
    private readonly fetchToken: TokenFetcher,
  ) {}

  /** Exactly one of Authorization / X-Api-Key: the server returns 401 `null` when both are sent. */
  async headers(): Promise<Record<string, string>> {
    switch (this.auth.method) {
      case 'token':
        return { Authorization: `Bearer ${this.auth.token}` };
      case 'api-key':
        return { 'X-Api-Key': apiKeyHeader(this.auth.keyId, this.auth.secret) };
      case 'password': {
        const token = this.isFresh(this.current) ? this.current : await this.acquire();
        return { Authorization: `Bearer ${token.token}` };
      }
    }
  }

  /**
   * After a 401: a password gets a new token (true). A static token or API key cannot be renewed (false).
   * Throws HubRequestError('unauthorized') when the host rejects the password, network kinds when unreachable.
   */
  async refresh(): Promise<boolean> {
    if (this.auth.method !== 'password') return false;
    this.current = null;
    await this.acquire();
    return true;
  }

  /**
   * Renew REFRESH_MARGIN_MS before expiry, but at most a quarter of the lifetime early: a server with
   * JWT_DURATION=60s would otherwise make every request fetch a new token.
   */
  private isFresh(token: IssuedToken | null): token is IssuedToken {
    if (token === null) return false;
    const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, (token.expiresAt - this.receivedAt) / 4));
    return this.clock.now() < token.expiresAt - margin;
  }

  private acquire(): Promise<IssuedToken> {
    if (this.auth.method !== 'password') return Promise.reject(new Error('acquire() needs password auth'));
    if (this.inflight) return this.inflight;
    const { username, password } = this.auth;
    // The server looks users up by e-mail or username; send the field that matches what the user typed.
    const body: Record<string, string> = username.includes('@')
      ? { email: username, password }
      : { username, password };
    this.inflight = this.fetchToken(body)
      .then((token) => {
        this.current = token;
        this.receivedAt = this.clock.now();
        return token;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
