// Pure builders of the ConnectionStatus values HostMonitor reports, kept apart so the monitor reads as
// "connection event -> effects" and each status shape is checked by the type system in one place.
import type { ConnectionStatus, HostWarning } from '../../shared/model';
import { tokenVerdict, type TokenVerdictInput } from './token-verdict';

/**
 * Live and syncing carry the current warning (the socket is up); other states have no warning to show, so the
 * answer is null: the status stays as it is.
 */
export function statusWithWarning(
  status: ConnectionStatus,
  warning: HostWarning | null,
): ConnectionStatus | null {
  if (status.tag === 'live') return liveStatus(status.since, warning);
  if (status.tag === 'syncing') return warning ? { tag: 'syncing', warning } : { tag: 'syncing' };
  return null;
}

/** Live since `since`, with the warning when there is one (an absent key, not `warning: undefined`). */
export function liveStatus(since: number, warning: HostWarning | null): ConnectionStatus {
  return warning ? { tag: 'live', since, warning } : { tag: 'live', since };
}

/** The auth-failed status for a rejection: a pasted token's verdict (expired / invalidated) replaces the raw text. */
export function authFailedStatus(
  input: TokenVerdictInput,
): Extract<ConnectionStatus, { tag: 'auth-failed' }> {
  const token = tokenVerdict(input);
  return {
    tag: 'auth-failed',
    message: token?.message ?? input.rejection,
    ...(token ? { reason: token.reason } : {}),
    ...(token && input.expiresAt !== null ? { expiredAt: input.expiresAt } : {}),
  };
}
