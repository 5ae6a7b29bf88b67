// Why a pasted token stopped working, told apart for the user: expired (ask for a new one, or better, a credential
// that does not expire) or invalidated (a server restart draws a new signing secret). Pure: the host monitor hands
// in what it knows, so each verdict is a unit test rather than a connection scenario.
import type { AuthMethod } from '../../shared/settings';

export interface TokenVerdict {
  readonly reason: 'token-expired' | 'token-invalidated';
  readonly message: string;
}

export interface TokenVerdictInput {
  readonly auth: AuthMethod;
  /** The server's rejection text. */
  readonly rejection: string;
  /** `exp` of the pasted JWT, when it could be read. */
  readonly expiresAt: number | null;
  /** Whether this host was ever live with this monitor (a token that never worked is just a wrong token). */
  readonly everLive: boolean;
  readonly now: number;
}

const ADVICE =
  'Hubwatch stopped watching this host: paste a new token, or better, use an API key or user + password.';

/** Null for other credentials, or for a token that never worked and has not expired. */
export function tokenVerdict(input: TokenVerdictInput): TokenVerdict | null {
  if (input.auth !== 'token') return null;
  const exp = input.expiresAt;
  const expired = /expired/i.test(input.rejection) || (exp !== null && exp <= input.now);
  if (!expired && !input.everLive) return null;
  if (expired) {
    const when = exp !== null ? ` at ${new Date(exp).toLocaleTimeString()}` : '';
    return { reason: 'token-expired', message: `The token expired${when}. ${ADVICE}` };
  }
  return {
    reason: 'token-invalidated',
    message: `The token was invalidated (the server restarted or revoked it). ${ADVICE}`,
  };
}
