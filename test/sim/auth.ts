// Authentication exactly as the real middleware chain runs it (protocol doc §2): Token middleware, then ApiKey
// middleware, then EndAuthorization. JWTs are HS256-signed with a per-simulator secret (node:crypto).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { oauthError } from './bodies';
import type { SimClock } from './types';

export interface SimUser {
  username: string;
  email: string;
  password: string;
}
export interface SimApiKey {
  id: string;
  secret: string;
}
type Principal = { kind: 'user'; user: SimUser } | { kind: 'api-key'; keyId: string };
export type AuthResult = { ok: true; principal: Principal } | { ok: false; body: object | null };
type Verify = { ok: true; user: SimUser } | { ok: false; error: string };

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export const MSG_KEY_FORMAT = 'API key must be in format base64(key:secret)';
export const MSG_EXPIRED = 'Token is expired';

export class AuthService {
  private secret = randomBytes(32);
  /** Secrets rotated out by revokeAllTokens(): tokens they signed are reported as expired, not forged. */
  private readonly retired: Buffer[] = [];

  constructor(
    private readonly users: SimUser[],
    private readonly apiKeys: SimApiKey[],
    private readonly lifetimeSec: number,
    private readonly clock: SimClock,
  ) {}

  get defaultUser(): SimUser {
    const u = this.users[0];
    if (!u) throw new Error('the simulator needs at least one user');
    return u;
  }

  /** users are looked up by ID, email or username, case-insensitively (data/users.go GetUser). */
  findUser(key: string): SimUser | undefined {
    const k = key.toLowerCase();
    return this.users.find((u) => u.username.toLowerCase() === k || u.email.toLowerCase() === k);
  }

  setPassword(username: string, password: string): void {
    const user = this.findUser(username);
    if (!user) throw new Error(`unknown simulator user ${username}`);
    user.password = password;
  }

  /**
   * A server restart without JWT_HMACS_SECRET: a new random secret, and old tokens are simply forged-looking
   * ("invalid token", signature mismatch), not "expired" (security/jwt/main.go draws the secret at start).
   */
  redrawSecret(): void {
    this.secret = randomBytes(32);
  }

  revokeAll(): void {
    this.retired.push(this.secret);
    this.secret = randomBytes(32);
  }

  issueToken(user: SimUser, apiKeyId?: string): { token: string; expiresAt: number } {
    const expiresAt = Math.floor(this.clock.now() / 1000) + this.lifetimeSec;
    const payload: Record<string, unknown> = {
      email: user.email,
      username: user.username,
      uid: `uid-${user.username}`,
      roles: ['SUPER_USER'],
      claims: ['LIST_VM', 'UPDATE_VM_STATES', 'UPDATE_VM'],
      exp: expiresAt,
    };
    if (apiKeyId) payload.api_key_id = apiKeyId;
    const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    return { token: `${unsigned}.${this.sign(unsigned, this.secret)}`, expiresAt };
  }

  verifyToken(token: string): Verify {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, error: 'token is invalid' };
    const [head, body, sig] = parts as [string, string, string];
    let payload: unknown;
    try {
      JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, error: 'token is invalid' };
    }
    if (typeof payload !== 'object' || payload === null) return { ok: false, error: 'token is invalid' };
    const unsigned = `${head}.${body}`;
    if (!this.signatureMatches(unsigned, sig, this.secret)) {
      const revoked = this.retired.some((s) => this.signatureMatches(unsigned, sig, s));
      return { ok: false, error: revoked ? MSG_EXPIRED : 'invalid token' };
    }
    const { exp, email } = payload as { exp?: unknown; email?: unknown };
    if (typeof exp === 'number' && exp * 1000 <= this.clock.now()) return { ok: false, error: MSG_EXPIRED };
    const user = typeof email === 'string' ? this.findUser(email) : undefined;
    if (!user) return { ok: false, error: 'Error connecting to database, error 404: user not found' };
    return { ok: true, user };
  }

  /** security/apikey ValidateApiKey: base64("<key id>:<secret>"). */
  validateApiKey(value: string): { ok: true; keyId: string } | { ok: false; error: string } {
    if (value.trim() === '') return { ok: false, error: MSG_KEY_FORMAT };
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || colon === decoded.length - 1) return { ok: false, error: 'Invalid API key format' };
    const id = decoded.slice(0, colon);
    const key = this.apiKeys.find((k) => k.id.toLowerCase() === id.toLowerCase());
    if (!key) return { ok: false, error: 'Invalid API key' };
    if (!safeEqual(key.secret, decoded.slice(colon + 1)))
      return { ok: false, error: 'Invalid API key secret' };
    return { ok: true, keyId: key.id };
  }

  apiKeyHeaderValue(index = 0): string {
    const key = this.apiKeys[index];
    if (!key) throw new Error('the simulator has no API key');
    return Buffer.from(`${key.id}:${key.secret}`).toString('base64');
  }

  /**
   * The middleware chain. Each middleware skips itself because of the *other* header, which is why sending both
   * gives 401 `null`, and why a bad query-string JWT is reported with the ApiKey middleware's text.
   */
  authenticate(headers: IncomingHttpHeaders, query: URLSearchParams): AuthResult {
    const authHeader = headers.authorization;
    const keyHeader = headers['x-api-key'];
    const hasKeyHeader = keyHeader !== undefined;
    let error: string | null = null;

    if (!hasKeyHeader) {
      const token = findToken(authHeader, query);
      if (token) {
        const v = this.verifyToken(token);
        if (v.ok) return { ok: true, principal: { kind: 'user', user: v.user } };
        error = v.error;
      }
    }
    if (authHeader === undefined) {
      const v = this.validateApiKey(Array.isArray(keyHeader) ? (keyHeader[0] ?? '') : (keyHeader ?? ''));
      if (v.ok) return { ok: true, principal: { kind: 'api-key', keyId: v.keyId } };
      error = v.error;
    }
    return { ok: false, body: error === null ? null : oauthError(error) };
  }

  private sign(unsigned: string, secret: Buffer): string {
    return createHmac('sha256', secret).update(unsigned).digest('base64url');
  }

  private signatureMatches(unsigned: string, sig: string, secret: Buffer): boolean {
    return safeEqual(this.sign(unsigned, secret), sig);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Header `Authorization: Bearer`, then `access_token=`, then `authorization=[Bearer ]`. */
function findToken(authHeader: string | undefined, query: URLSearchParams): string | null {
  if (authHeader?.startsWith('Bearer ')) {
    const t = authHeader.slice('Bearer '.length).trim();
    if (t) return t;
  }
  const access = query.get('access_token');
  if (access) return access;
  const q = query.get('authorization');
  if (q) return q.startsWith('Bearer ') ? q.slice('Bearer '.length).trim() : q.trim();
  return null;
}
