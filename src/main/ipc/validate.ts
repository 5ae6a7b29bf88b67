// Pure validators for every InvokeMap argument. Everything arriving over IPC is untrusted: a compromised or buggy
// renderer can send any structured-clone value, so each validator checks types, rejects unknown fields and caps
// lengths before the core ever sees the value. Failures throw ValidationError with a message safe to show the user
// (it names the field, never echoes a secret).
import type { HostId, HostKind, VmAction } from '../../shared/model';
import { checkHubUrl } from '../../shared/hub-url';
import { VM_ACTIONS } from '../../shared/model';
import type {
  PauseNotificationsFor,
  SettingsFocus,
  SnapshotRequest,
  VmActionRequest,
  VmRef,
} from '../../shared/ipc';
import type { AuthMethod, HostInput, NotificationRules, SettingsInput } from '../../shared/settings';
import type { SnapshotSliceRequest } from '../../shared/snapshot-slices';

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

export const LIMITS = {
  hostId: 64,
  vmId: 128,
  hostName: 100,
  url: 2048,
  username: 256,
  secret: 8192,
  /** A SHA-256 fingerprint is 95 characters (AB:CD:…); the rest is room for whitespace pasted around it. */
  pastedFingerprint: 256,
  hosts: 50,
  connectionLostMinSeconds: 10,
  connectionLostMaxSeconds: 7 * 24 * 3600,
  snapshotSlices: 1_000,
} as const;

const HOST_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const FINGERPRINT_PATTERN = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const AUTH_METHODS: readonly AuthMethod[] = ['token', 'api-key', 'password'];
const HOST_KINDS: readonly HostKind[] = ['host', 'orchestrator'];
const PAUSE_CHOICES: readonly PauseNotificationsFor[] = ['one-hour', 'until-tomorrow', 'resume'];

type Fields = Record<string, unknown>;

function fail(message: string): never {
  throw new ValidationError(message);
}

/** A plain object with only the allowed keys (required ones present). */
function record(
  value: unknown,
  what: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object`);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(`${what} must be a plain object`);
  const fields = value as Fields;
  const allowed = new Set([...required, ...optional]);
  const extra = Object.keys(fields).filter((key) => !allowed.has(key));
  if (extra.length > 0)
    fail(
      `${what} has unexpected field(s): ${extra
        .slice(0, 5)
        .map((k) => k.slice(0, 40))
        .join(', ')}`,
    );
  for (const key of required) if (!(key in fields)) fail(`${what}.${key} is required`);
  return fields;
}

function boundedString(
  value: unknown,
  what: string,
  max: number,
  opts: { allowEmpty?: boolean } = {},
): string {
  if (typeof value !== 'string') fail(`${what} must be a string`);
  if (value.length > max) fail(`${what} is too long (max ${max} characters)`);
  if (!opts.allowEmpty && value.trim().length === 0) fail(`${what} must not be empty`);
  return value;
}

export function bool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(`${what} must be true or false`);
  return value;
}

export function validateVoid(value: unknown): void {
  // invoke() without an argument arrives as undefined; anything else is a confused or hostile caller.
  if (value !== undefined) fail('this request takes no argument');
}

/** 'vm:snapshot': no argument (the whole snapshot) or exactly `{ firstScreen: true }`. */
export function validateSnapshotRequest(value: unknown): SnapshotRequest | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.keys(value).length !== 1 ||
    (value as { firstScreen?: unknown }).firstScreen !== true
  )
    fail('a snapshot request is either nothing or { firstScreen: true }');
  return { firstScreen: true };
}

/**
 * 'vm:snapshot-slice': `{ id, index }`, both whole numbers in range (id ≥ 1; index below MAX_SLICES: 1,000 slices
 * of 1,000 VMs is a farm 100× the largest one measured). Whether that snapshot and slice exist is main's answer.
 */
export function validateSnapshotSliceRequest(value: unknown): SnapshotSliceRequest {
  const f = record(value, 'request', ['id', 'index']);
  const whole = (v: unknown, what: string, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
      fail(`${what} must be a whole number from ${min} to ${max}`);
    return v;
  };
  return {
    id: whole(f['id'], 'id', 1, Number.MAX_SAFE_INTEGER),
    index: whole(f['index'], 'index', 0, LIMITS.snapshotSlices - 1),
  };
}

function validateHostId(value: unknown, what = 'hostId'): HostId {
  const id = boundedString(value, what, LIMITS.hostId);
  if (!HOST_ID_PATTERN.test(id)) fail(`${what} may only contain letters, digits, "-" and "_"`);
  return id;
}

function validateVmId(value: unknown, what = 'vmId'): string {
  const id = boundedString(value, what, LIMITS.vmId);
  // VM ids are UUIDs, sometimes in braces; control characters or path separators are never legitimate.
  if (!/^[{}A-Za-z0-9_.-]+$/.test(id)) fail(`${what} contains characters a VM id never has`);
  return id;
}

function validateVmAction(value: unknown): VmAction {
  if (typeof value !== 'string' || !(VM_ACTIONS as readonly string[]).includes(value)) {
    fail(`action must be one of ${VM_ACTIONS.join(', ')}`);
  }
  return value as VmAction;
}

export function validateVmActionRequest(value: unknown): VmActionRequest {
  const f = record(value, 'request', ['hostId', 'vmId', 'action'], ['force', 'farmHostId']);
  const action = validateVmAction(f['action']);
  const force = f['force'] === undefined ? undefined : bool(f['force'], 'force');
  if (force === true && action !== 'stop') fail('force is only valid for stop');
  const request: VmActionRequest = {
    hostId: validateHostId(f['hostId']),
    vmId: validateVmId(f['vmId']),
    action,
    ...farmHostOf(f),
  };
  return force === undefined ? request : { ...request, force };
}

/** Farm mode: the orchestrator's host id (64 hex in practice; held to a VM id's character rules). */
function farmHostOf(f: Record<string, unknown>): { farmHostId?: string } {
  return f['farmHostId'] === undefined ? {} : { farmHostId: validateVmId(f['farmHostId'], 'farmHostId') };
}

export function validateVmMute(value: unknown): VmRef & { readonly muted: boolean } {
  const f = record(value, 'request', ['hostId', 'vmId', 'muted'], ['farmHostId']);
  return {
    hostId: validateHostId(f['hostId']),
    vmId: validateVmId(f['vmId']),
    ...farmHostOf(f),
    muted: bool(f['muted'], 'muted'),
  };
}

/** `settings:open`: no argument, or `{ focus: null | { hostId, field: 'credentials' } }`. */
export function validateOpenSettings(value: unknown): { readonly focus: SettingsFocus | null } {
  if (value === undefined) return { focus: null };
  const f = record(value, 'request', ['focus']);
  const focus = f['focus'];
  if (focus === null) return { focus: null };
  const g = record(focus, 'focus', ['hostId', 'field']);
  if (g['field'] !== 'credentials') fail('focus.field must be "credentials"');
  return { focus: { hostId: validateHostId(g['hostId'], 'focus.hostId'), field: 'credentials' } };
}

/** `settings:unsaved`: `{ unsaved: boolean }`, nothing else. */
export function validateUnsaved(value: unknown): { readonly unsaved: boolean } {
  const f = record(value, 'request', ['unsaved']);
  return { unsaved: bool(f['unsaved'], 'unsaved') };
}

export function validateReconnect(value: unknown): { readonly hostId: HostId | null } {
  const f = record(value, 'request', ['hostId']);
  return { hostId: f['hostId'] === null ? null : validateHostId(f['hostId']) };
}

export function validatePause(value: unknown): { readonly for: PauseNotificationsFor } {
  const f = record(value, 'request', ['for']);
  const choice = f['for'];
  if (typeof choice !== 'string' || !(PAUSE_CHOICES as readonly string[]).includes(choice)) {
    fail(`for must be one of ${PAUSE_CHOICES.join(', ')}`);
  }
  return { for: choice as PauseNotificationsFor };
}

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
