// The building blocks of every IPC validator (validate.ts, validate-settings.ts): the error type, the limits, and
// checks of plain objects, strings and booleans. Failures throw ValidationError with a message safe to show the
// user (it names the field, never echoes a secret).
import type { HostId } from '../../shared/model';

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

type Fields = Record<string, unknown>;

export function fail(message: string): never {
  throw new ValidationError(message);
}

/** A plain object with only the allowed keys (required ones present). */
export function record(
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

export function boundedString(
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

export function validateHostId(value: unknown, what = 'hostId'): HostId {
  const id = boundedString(value, what, LIMITS.hostId);
  if (!HOST_ID_PATTERN.test(id)) fail(`${what} may only contain letters, digits, "-" and "_"`);
  return id;
}
