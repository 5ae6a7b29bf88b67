// Reading a pasted JWT's lifetime without verifying it: only to tell the user how long a fixed token will work.
// Pure (no node: or DOM-only APIs beyond atob), so main, the settings page and tests share it.

export interface JwtLifetime {
  /** `exp` in epoch ms. */
  readonly expiresAt: number;
  /** `iat` in epoch ms when present. */
  readonly issuedAt: number | null;
}

function decodeSegment(segment: string): unknown {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

/** The `exp` (and `iat`) of a JWT, or null when the text is not a JWT with a numeric `exp`. No signature check. */
export function readJwtLifetime(token: string): JwtLifetime | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  let claims: unknown;
  try {
    claims = decodeSegment(parts[1]);
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0) return null;
  return {
    expiresAt: exp * 1000,
    issuedAt: typeof iat === 'number' && Number.isFinite(iat) ? iat * 1000 : null,
  };
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/**
 * Plain words for a pasted token, or null when it is not a JWT. Why the advice: the server's JWTs last 15 min by
 * default and die at every server restart (random signing secret), and a fixed token cannot be renewed.
 */
export function describeTokenLifetime(token: string, now: number): string | null {
  const life = readJwtLifetime(token);
  if (!life) return null;
  const advice =
    'A pasted token cannot be renewed and stops working at the next server restart; an API key or user + password keeps working.';
  if (life.expiresAt <= now) return `This token expired ${span(now - life.expiresAt)} ago. ${advice}`;
  return `This token works for about ${span(life.expiresAt - now)} more. ${advice}`;
}
