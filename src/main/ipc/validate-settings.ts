// Validators of what the settings window sends (hosts, notification rules, the whole settings): untrusted like every
// IPC argument (validate.ts), checked field by field before anything is stored.
import type { HostKind } from '../../shared/model';
import { checkHubUrl } from '../../shared/hub-url';
import type { AuthMethod, HostInput, NotificationRules, SettingsInput } from '../../shared/settings';
import { LIMITS, bool, boundedString, fail, record, validateHostId } from './validate-fields';

const FINGERPRINT_PATTERN = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const AUTH_METHODS: readonly AuthMethod[] = ['token', 'api-key', 'password'];
const HOST_KINDS: readonly HostKind[] = ['host', 'orchestrator'];

/** http(s) only, no credentials, no query or fragment (a token must never travel in a URL). */
export function validateHubUrl(value: unknown, what = 'url'): string {
  const raw = boundedString(value, what, LIMITS.url).trim();
  const check = checkHubUrl(raw);
  if (check.ok) return check.normalized;
  switch (check.problem) {
    case 'unparsable':
      return fail(`${what} is not a valid URL (expected e.g. https://farm-1.local:3080)`);
    case 'scheme':
      return fail(`${what} must start with http:// or https://`);
    case 'credentials':
      return fail(`${what} must not contain credentials; use the auth fields`);
    case 'query-or-fragment':
      return fail(`${what} must not contain a query or fragment`);
    case 'no-host':
      return fail(`${what} has no host name`);
  }
}

function validateFingerprint(value: unknown, what = 'pinnedFingerprint'): string | null {
  if (value === null) return null;
  // Trimmed before the pattern decides: a fingerprint pasted with a newline or spaces around it is still exactly
  // 95 characters inside, so only the raw text's bound leaves room for that padding.
  const fp = boundedString(value, what, LIMITS.pastedFingerprint).trim().toUpperCase();
  if (!FINGERPRINT_PATTERN.test(fp))
    fail(`${what} must be a SHA-256 fingerprint like AB:CD:… (32 hex pairs)`);
  return fp;
}

const HOST_FIELDS = ['id', 'name', 'url', 'auth', 'username', 'pinnedFingerprint', 'enabled'] as const;

/**
 * `kind`: a single Mac or an orchestrator; absent (or undefined, as structured clone keeps an undefined field) means
 * "detect it when connecting" (orchestrator-protocol.md §1.3).
 */
export function validateHostKind(value: unknown, what = 'kind'): HostKind | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(HOST_KINDS as readonly string[]).includes(value)) {
    fail(`${what} must be one of ${HOST_KINDS.join(', ')}, or absent to detect it when connecting`);
  }
  return value as HostKind;
}

/** A host as submitted by the settings page. An empty id means "new host" (the settings service assigns one). */
export function validateHostInput(value: unknown, what = 'host'): HostInput {
  const f = record(value, what, HOST_FIELDS, ['secret', 'kind']);
  const id = f['id'] === '' ? '' : validateHostId(f['id'], `${what}.id`);
  const auth = f['auth'];
  if (typeof auth !== 'string' || !(AUTH_METHODS as readonly string[]).includes(auth)) {
    fail(`${what}.auth must be one of ${AUTH_METHODS.join(', ')}`);
  }
  const username = boundedString(f['username'], `${what}.username`, LIMITS.username, {
    allowEmpty: true,
  }).trim();
  if (auth !== 'token' && username === '') {
    fail(
      `${what}.username is required for ${auth === 'api-key' ? 'an API key (the key id)' : 'password sign-in'}`,
    );
  }
  const host: HostInput = {
    id,
    name: boundedString(f['name'], `${what}.name`, LIMITS.hostName).trim(),
    url: validateHubUrl(f['url'], `${what}.url`),
    auth: auth as AuthMethod,
    username,
    pinnedFingerprint: validateFingerprint(f['pinnedFingerprint'], `${what}.pinnedFingerprint`),
    enabled: bool(f['enabled'], `${what}.enabled`),
  };
  const kind = validateHostKind(f['kind'], `${what}.kind`);
  const withKind: HostInput = kind === undefined ? host : { ...host, kind };
  if (f['secret'] === undefined) return withKind;
  // An empty secret is allowed: it means "clear the stored secret".
  return {
    ...withKind,
    secret: boundedString(f['secret'], `${what}.secret`, LIMITS.secret, { allowEmpty: true }),
  };
}

const RULE_FIELDS = [
  'enabled',
  'onStopped',
  'onSuspended',
  'onPaused',
  'onAdded',
  'onRemoved',
  'connectionLostAfterSeconds',
] as const;

export function validateNotificationRules(value: unknown, what = 'notifications'): NotificationRules {
  const f = record(value, what, RULE_FIELDS);
  const lost = f['connectionLostAfterSeconds'];
  if (lost !== null) {
    if (typeof lost !== 'number' || !Number.isInteger(lost))
      fail(`${what}.connectionLostAfterSeconds must be a whole number or null`);
    if (lost < LIMITS.connectionLostMinSeconds || lost > LIMITS.connectionLostMaxSeconds) {
      fail(
        `${what}.connectionLostAfterSeconds must be between ${LIMITS.connectionLostMinSeconds} and ${LIMITS.connectionLostMaxSeconds}`,
      );
    }
  }
  return {
    enabled: bool(f['enabled'], `${what}.enabled`),
    onStopped: bool(f['onStopped'], `${what}.onStopped`),
    onSuspended: bool(f['onSuspended'], `${what}.onSuspended`),
    onPaused: bool(f['onPaused'], `${what}.onPaused`),
    onAdded: bool(f['onAdded'], `${what}.onAdded`),
    onRemoved: bool(f['onRemoved'], `${what}.onRemoved`),
    connectionLostAfterSeconds: lost as number | null,
  };
}

export function validateSettingsInput(value: unknown): SettingsInput {
  const f = record(value, 'settings', ['hosts', 'notifications', 'showTrayCount', 'launchAtLogin']);
  const hosts = f['hosts'];
  if (!Array.isArray(hosts)) fail('settings.hosts must be a list');
  if (hosts.length > LIMITS.hosts) fail(`at most ${LIMITS.hosts} hosts are supported`);
  const parsed = hosts.map((host: unknown, i) => validateHostInput(host, `hosts[${i}]`));
  const seen = new Set<string>();
  for (const host of parsed) {
    if (host.id === '') continue;
    if (seen.has(host.id)) fail(`host id ${host.id} appears twice`);
    seen.add(host.id);
  }
  return {
    hosts: parsed,
    notifications: validateNotificationRules(f['notifications']),
    showTrayCount: bool(f['showTrayCount'], 'settings.showTrayCount'),
    launchAtLogin: bool(f['launchAtLogin'], 'settings.launchAtLogin'),
  };
}
