// Settings validation: one message per field, written for the user. Messages never echo secrets
// (a URL with credentials in it is rejected without repeating it).
import type { AuthMethod, HostInput, NotificationRules } from '../../../shared/settings';

import { checkHubUrl, type HubUrlProblem } from '../../../shared/hub-url';
export type HostField = 'name' | 'url' | 'username' | 'secret' | 'pinnedFingerprint';
export type HostErrors = Partial<Record<HostField, string>>;

export interface UrlCheck {
  readonly ok: boolean;
  readonly error?: string;
  /** The cleaned URL (trimmed, no trailing slash) when ok. */
  readonly normalized?: string;
  /** Plain http: allowed, but worth a hint. */
  readonly insecure?: boolean;
}

const URL_MESSAGES: Readonly<Record<HubUrlProblem, string>> = {
  unparsable: 'This is not a valid URL (check the host name and port).',
  scheme: 'Use an http:// or https:// URL.',
  credentials: 'Do not put credentials in the URL; enter them in the fields below.',
  'no-host': 'The URL needs a host name.',
  'query-or-fragment': 'Remove the query (?…) or fragment (#…) from the URL.',
};

export function checkHostUrl(raw: string): UrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'Enter the host URL, e.g. https://farm-1.local:3080' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { ok: false, error: 'Start the URL with http:// or https://' };
  }
  const check = checkHubUrl(text);
  // The raw text may contain a password: no message repeats it.
  if (!check.ok) return { ok: false, error: URL_MESSAGES[check.problem] };
  // URL drops default ports and rejects > 65535; port 0 is parsed but unusable.
  if (check.url.port === '0') return { ok: false, error: 'Port 0 is not valid.' };
  return { ok: true, normalized: check.normalized, insecure: check.url.protocol === 'http:' };
}

const FINGERPRINT_PATTERN = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

export interface HostContext {
  /** Names of the other hosts (for uniqueness). */
  readonly otherNames: readonly string[];
  /** Whether a secret is already stored for this host. */
  readonly secretSet: boolean;
  /** The auth method the stored secret belongs to (null for a new host). */
  readonly storedAuth: AuthMethod | null;
}

export function secretRequired(auth: AuthMethod, ctx: HostContext): boolean {
  // A stored token is useless once the method changes to a password, so a new secret is required.
  return !ctx.secretSet || ctx.storedAuth !== auth;
}

export function validateHost(host: HostInput, ctx: HostContext): HostErrors {
  const errors: HostErrors = {};
  const name = host.name.trim();
  if (name === '') errors.name = 'Give this host a name.';
  else if (name.length > 64) errors.name = 'Keep the name under 64 characters.';
  else if (ctx.otherNames.some((n) => n.trim().toLowerCase() === name.toLowerCase())) {
    errors.name = 'Another host already has this name.';
  }
  const url = checkHostUrl(host.url);
  if (!url.ok && url.error !== undefined) errors.url = url.error;
  if (host.auth === 'api-key' && host.username.trim() === '') errors.username = 'Enter the API key ID.';
  if (host.auth === 'password' && host.username.trim() === '')
    errors.username = 'Enter the user name or email.';
  const secret = host.secret ?? '';
  if (secretRequired(host.auth, ctx) && secret === '') {
    errors.secret = `Enter the ${secretLabel(host.auth).toLowerCase()}.`;
  } else if (host.secret !== undefined && secret !== '' && secret.trim() === '') {
    errors.secret = 'The secret cannot be only spaces.';
  }
  if (host.pinnedFingerprint !== null && !FINGERPRINT_PATTERN.test(host.pinnedFingerprint)) {
    errors.pinnedFingerprint = 'The pinned fingerprint is not a SHA-256 fingerprint.';
  }
  return errors;
}

export function secretLabel(auth: AuthMethod): string {
  switch (auth) {
    case 'token':
      return 'Token';
    case 'api-key':
      return 'API key secret';
    case 'password':
      return 'Password';
  }
}

export function usernameLabel(auth: AuthMethod): string | null {
  switch (auth) {
    case 'token':
      return null;
    case 'api-key':
      return 'API key ID';
    case 'password':
      return 'User name or email';
  }
}

export function validateRules(rules: NotificationRules): string | null {
  const after = rules.connectionLostAfterSeconds;
  if (after === null) return null;
  if (!Number.isInteger(after) || after < 10 || after > 86_400) {
    return 'Choose between 10 seconds and 24 hours.';
  }
  return null;
}

export function hasErrors(errors: HostErrors): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}

/** For display while typing: hides anything between "//" and "@" so a pasted password is never shown back. */
export function redactUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1•••@');
}
