// The `pdfm` channel: one host's VM events (events-hub-protocol.md §4) and the VM shape shared with GET /machines.
// A channel is one file like this one: its name, its message union, its body parser and (optionally) a fast path,
// registered in CHANNELS (channels/index.ts).
import { normalizeVmState } from '../../../shared/model';
import { HubRequestError } from '../errors';
import type { Channel } from './channel';
import {
  FieldError,
  isRecord,
  optionalString,
  own,
  requiredString,
  stateChange,
  stringArray,
  type Json,
} from './fields';

const PDFM_CHANNEL = 'pdfm';

export interface ParsedVm {
  id: string;
  name: string;
  state: string;
  os: string;
  uptimeSeconds?: number;
  /** The guest's IP (for "Copy IP" / "Copy ssh"), when the server knows one. */
  ip?: string;
  /** The VM's owner on its host (`user`), used as the ssh login guess. */
  user?: string;
}

export type PdfmMessage =
  | { type: 'vm-state-changed'; vmId: string; previousState: string | null; currentState: string }
  | { type: 'vm-upsert'; vmId: string; vm: Partial<ParsedVm> & { id: string }; reason: 'added' | 'updated' }
  | { type: 'vm-removed'; vmId: string }
  | { type: 'vm-uptime'; vmId: string; uptimeSeconds: number | undefined }
  | { type: 'vms-running-now'; vmIds: string[] };

/** prlctl reports uptime as a string of seconds; accept numbers too, anything else is "unknown". */
export function parseUptime(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/** First present key among the real (capitalised) and public-docs (lower-case) spellings. */
function pick(obj: Json, keys: readonly string[], where: string): string | undefined {
  for (const key of keys) {
    const value = optionalString(obj, key, where);
    if (value !== undefined) return value;
  }
  return undefined;
}

function vmFields(obj: Json, where: string): Partial<ParsedVm> {
  const out: Partial<ParsedVm> = {};
  const id = pick(obj, ['ID', 'id'], where);
  const name = pick(obj, ['Name', 'name'], where);
  const raw = pick(obj, ['State', 'state'], where);
  const state = raw === undefined ? undefined : normalizeVmState(raw);
  const os = pick(obj, ['OS', 'os_type', 'os'], where);
  if (id !== undefined && id !== '') out.id = id;
  if (name !== undefined) out.name = name;
  if (state !== undefined && state !== '') out.state = state;
  if (os !== undefined) out.os = os;
  const uptime = parseUptime(own(obj, 'Uptime') ?? own(obj, 'uptime'));
  if (uptime !== undefined) out.uptimeSeconds = uptime;
  const ip = guestIp(obj);
  if (ip !== undefined) out.ip = ip;
  const user = optionalString(obj, 'user', where);
  if (user !== undefined && user !== '') out.user = user;
  return out;
}

/**
 * The guest IP, per the protocol doc (ParallelsVM): `internal_ip_address`, else the first IPv4 in
 * `Network.ipAddresses[]`. Lenient: a malformed network block means "no IP", never an invalid VM.
 */
function guestIp(obj: Json): string | undefined {
  const direct = own(obj, 'internal_ip_address');
  if (typeof direct === 'string' && isPlausibleIp(direct)) return direct;
  const network = own(obj, 'Network');
  const list = isRecord(network) ? own(network, 'ipAddresses') : undefined;
  // '' = the server says "no IP now" (a stopped VM): it must replace an IP we held, not keep it.
  if (!Array.isArray(list)) return typeof direct === 'string' ? '' : undefined;
  const ips = list.flatMap((entry) => {
    const ip = isRecord(entry) ? own(entry, 'ip') : undefined;
    return typeof ip === 'string' && isPlausibleIp(ip)
      ? [{ ip, v4: own(entry as Json, 'type') === 'ipv4' }]
      : [];
  });
  return (ips.find((e) => e.v4) ?? ips[0])?.ip ?? '';
}

/** Only characters an IPv4/IPv6 address has (it ends up in a copied shell command). */
function isPlausibleIp(value: string): boolean {
  return value.length <= 45 && /^[0-9a-fA-F:.]+$/.test(value) && value !== '0.0.0.0' && /[0-9]/.test(value);
}

/** A REST machines item or a new_vm object (both spellings). Null when it has no id, name or state. */
export function parseVm(value: unknown): ParsedVm | null {
  if (!isRecord(value)) return null;
  try {
    const f = vmFields(value, 'vm');
    if (f.id === undefined || f.name === undefined || f.state === undefined) return null;
    const vm: ParsedVm = { id: f.id, name: f.name, state: f.state, os: f.os ?? '' };
    if (f.uptimeSeconds !== undefined) vm.uptimeSeconds = f.uptimeSeconds;
    if (f.ip !== undefined) vm.ip = f.ip;
    if (f.user !== undefined) vm.user = f.user;
    return vm;
  } catch {
    return null;
  }
}

/** GET /machines body. Items that are not VMs are skipped (one broken VM must not hide the others). */
export function parseMachineList(value: unknown): ParsedVm[] {
  if (!Array.isArray(value)) {
    const got = value === null ? 'null' : typeof value;
    throw new HubRequestError('bad-response', `The machines list is not a JSON array (got ${got})`);
  }
  const vms: ParsedVm[] = [];
  for (const item of value) {
    const vm = parseVm(item);
    if (vm) vms.push(vm);
  }
  return vms;
}

function parsePdfm(message: string, body: Json): PdfmMessage | null {
  switch (message) {
    case 'VM_STATE_CHANGED': {
      const previous = optionalString(body, 'previous_state', 'body');
      const states = stateChange(previous, requiredString(body, 'current_state', 'body'));
      if (states === null) throw new FieldError('body.current_state must be a non-empty string');
      return {
        type: 'vm-state-changed',
        vmId: requiredString(body, 'vm_id', 'body'),
        previousState: states.previousState,
        currentState: states.currentState,
      };
    }
    case 'VM_ADDED':
    case 'VM_UPDATED': {
      const newVm = own(body, 'new_vm');
      if (!isRecord(newVm)) throw new FieldError('body.new_vm must be an object');
      const fields = vmFields(newVm, 'body.new_vm');
      const vmId = optionalString(body, 'vm_id', 'body') || fields.id;
      if (!vmId) throw new FieldError('body.vm_id or body.new_vm.ID is required');
      // The docs-shaped new_vm has no ID: the event's vm_id identifies it.
      return {
        type: 'vm-upsert',
        vmId,
        vm: { ...fields, id: fields.id ?? vmId },
        reason: message === 'VM_ADDED' ? 'added' : 'updated',
      };
    }
    case 'VM_REMOVED':
      return { type: 'vm-removed', vmId: requiredString(body, 'vm_id', 'body') };
    case 'VM_UPTIME_CHANGED':
      return {
        type: 'vm-uptime',
        vmId: requiredString(body, 'vm_id', 'body'),
        uptimeSeconds: parseUptime(own(body, 'uptime')),
      };
    case 'MAC_VMS_RUNNING_NOW':
      return { type: 'vms-running-now', vmIds: stringArray(body, 'mac_vms_running', 'body') };
    default:
      return null;
  }
}

// Fast path for the one frame that arrives by the thousand. The real server writes VM_STATE_CHANGED with
// encoding/json in Go struct order, compact, plus WriteJSON's newline (events-hub-protocol.md §4), so one
// anchored regex recognises it without JSON.parse building an object tree: ~4× cheaper per frame.
// Exactness: `STR` is precisely what JSON allows unescaped inside a string (no quote, backslash or control
// character), so any match is a valid JSON object whose fields have exactly the captured values, and the
// result below equals what parseEnvelope would build. Anything else (escapes, other key order, whitespace,
// empty vm_id/current_state, extra keys) simply falls through to the full parse. No backtracking blow-up:
// every `STR*` run ends at the next quote, which the class excludes.
const STR = String.raw`[^"\\\u0000-\u001f]`;
const STATE_CHANGED_FRAME = new RegExp(
  String.raw`^\{"id":"${STR}*","event_type":"pdfm","timestamp":"${STR}*","message":"VM_STATE_CHANGED",` +
    String.raw`"body":\{"previous_state":"(${STR}*)","current_state":"(${STR}+)","vm_id":"(${STR}+)"\}\}[ \t\n\r]*$`,
);

function fastStateChanged(text: string): PdfmMessage | null {
  const m = STATE_CHANGED_FRAME.exec(text);
  if (m === null) return null;
  // What stateChange(m[1], m[2]) decides, without its intermediate object (this runs once per streamed frame).
  // A blank state is a broken frame: the full parse says so with its reason.
  const currentState = normalizeVmState(m[2] as string);
  if (currentState === '') return null;
  const previousState = normalizeVmState(m[1] as string);
  return {
    type: 'vm-state-changed',
    vmId: m[3] as string,
    previousState: previousState === '' ? null : previousState,
    currentState,
  };
}

export const pdfmChannel: Channel<PdfmMessage> = {
  name: PDFM_CHANNEL,
  // A pdfm frame's body is its payload: a non-object body is a broken frame, not an empty one.
  bodyMustBeObject: true,
  parse: parsePdfm,
  fastPath: fastStateChanged,
};
