// Field readers shared by every channel parser: lenient with absent fields, strict with types. A wrong type throws
// FieldError, which the frame parsers turn into {ok:false}; nothing here can crash the monitor.
import { normalizeVmState, type VmState } from '../../../shared/model';

export type Json = Record<string, unknown>;

/** Thrown internally for a wrong-typed field; caught by parseFrame and turned into {ok:false}. */
export class FieldError extends Error {}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Own-property reads only: a frame carrying "__proto__" or "constructor" keys must not reach inherited values.
export function own(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function requiredString(obj: Json, key: string, where: string): string {
  const value = own(obj, key);
  if (typeof value !== 'string' || value === '')
    throw new FieldError(`${where}.${key} must be a non-empty string`);
  return value;
}

export function optionalString(obj: Json, key: string, where: string): string | undefined {
  const value = own(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldError(`${where}.${key} must be a string`);
  return value;
}

/** Go marshals a nil slice as null: treat null as empty, anything but an array of strings as invalid. */
export function stringArray(obj: Json, key: string, where: string): string[] {
  const value = own(obj, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new FieldError(`${where}.${key} must be an array of strings`);
  }
  return value as string[];
}

/** A ws message payload as text (the server writes UTF-8 JSON text frames). */
export function toText(data: string | Buffer | ArrayBuffer | Buffer[]): string {
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  // No argument: Node's toString() then goes straight to the UTF-8 decode (the default encoding), skipping the
  // encoding lookup and range checks that toString('utf8') runs for every frame.
  return data.toString();
}

/**
 * The two states of a state-change event, normalised once here (normalizeVmState) for every channel and both parse
 * paths; null when the current state is blank, which makes the frame invalid.
 */
export function stateChange(
  previous: string | null | undefined,
  current: string,
): { previousState: VmState | null; currentState: VmState } | null {
  const currentState = normalizeVmState(current);
  if (currentState === '') return null;
  const previousState = previous ? normalizeVmState(previous) : '';
  return { previousState: previousState === '' ? null : previousState, currentState };
}
