// Seeded generator of hostile Events Hub frames, interleaved with valid VM_STATE_CHANGED events whose effect
// the tests can check. Same seed, same frames: a failure is reproducible by re-running with the printed seed.
import { createRng, type Rng } from '../../sim/rng';

export interface FuzzFrame {
  readonly data: string | Buffer;
  readonly isBinary: boolean;
  /** Set on the valid events: what the store must show for that VM after the frame is applied. */
  readonly valid?: { readonly vmId: string; readonly state: string };
  readonly kind: string;
}

export interface FuzzOptions {
  readonly seed: number;
  /** VMs the valid events address. */
  readonly vmIds: readonly string[];
  /** VMs the mutated frames address (defaults to vmIds); keep them apart to check final states exactly. */
  readonly noiseVmIds?: readonly string[];
  /** Largest string a mutation may create (10 MB in the parser test; below maxPayload over a socket). */
  readonly maxStringBytes: number;
  /** One frame in `validEvery` is a valid event. */
  readonly validEvery: number;
}

const STATES = ['running', 'stopped', 'suspended', 'paused', 'starting', 'stopping'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 1e308, true, false, [], {}, [1, 2], { a: 1 }, '', 'x'];

function envelope(message: string, body: unknown, eventType = 'pdfm'): Record<string, unknown> {
  return { id: 'f'.repeat(64), event_type: eventType, timestamp: '2026-08-18T10:16:10.2Z', message, body };
}

function baseFrame(rng: Rng, vmIds: readonly string[]): Record<string, unknown> {
  const vmId = rng.pick(vmIds);
  switch (rng.int(6)) {
    case 0:
      return envelope('VM_STATE_CHANGED', {
        previous_state: rng.pick(STATES),
        current_state: rng.pick(STATES),
        vm_id: vmId,
      });
    case 1:
      return envelope(rng.chance(0.5) ? 'VM_ADDED' : 'VM_UPDATED', {
        vm_id: vmId,
        new_vm: { ID: vmId, Name: `vm-${rng.int(100)}`, State: rng.pick(STATES), OS: 'macosx', Uptime: '12' },
      });
    case 2:
      return envelope('VM_UPTIME_CHANGED', { vm_id: vmId, uptime: String(rng.int(1e6)) });
    case 3:
      return envelope('MAC_VMS_RUNNING_NOW', { mac_vms_running: [vmId] });
    case 4:
      return envelope('pong', undefined, 'health');
    default:
      return envelope('error', { error: 'invalid message type foo' }, 'global');
  }
}

/** Replace one random leaf/field (possibly nested) with a value of the wrong type. */
function wrongType(rng: Rng, frame: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(frame);
  const body = copy.body;
  const target =
    rng.chance(0.6) && typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : copy;
  const keys = Object.keys(target);
  const key =
    keys.length > 0 && rng.chance(0.8)
      ? rng.pick(keys)
      : rng.pick(['vm_id', 'current_state', 'event_type', 'message', 'body', 'new_vm']);
  target[key] = rng.pick(WRONG_VALUES);
  return copy;
}

function hostileKeys(rng: Rng, frame: Record<string, unknown>, vmIds: readonly string[]): string {
  // JSON.parse creates "__proto__" as an own property; a careless Object.assign/spread later would pollute.
  const key = rng.pick(HOSTILE_KEYS);
  const payload = `{"polluted":"yes","vm_id":"${rng.pick(vmIds)}","current_state":"stopped"}`;
  const text = JSON.stringify(frame);
  switch (rng.int(4)) {
    case 0:
      return `{"${key}":${payload},${text.slice(1)}`;
    case 1:
      return text.replace('"body":{', `"body":{"${key}":${payload},`);
    case 2:
      return text.replace(
        '"new_vm":{',
        `"new_vm":{"${key}":${payload},"constructor":{"prototype":{"polluted":"yes"}},`,
      );
    default:
      return `{"event_type":"pdfm","message":"VM_ADDED","body":{"vm_id":"${key}","new_vm":{"ID":"${key}","Name":"x","State":"running"}}}`;
  }
}

function deepNesting(rng: Rng): string {
  const depth = rng.chance(0.02) ? 100_000 : 100 + rng.int(5_000);
  return rng.chance(0.5)
    ? '['.repeat(depth) + ']'.repeat(depth)
    : `{"event_type":"pdfm","message":"VM_STATE_CHANGED","body":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

function hugeString(rng: Rng, maxBytes: number, vmIds: readonly string[]): string {
  const size = Math.max(1024, Math.floor(maxBytes * (0.5 + rng.next() / 2)) - 200);
  const big = 'A'.repeat(size);
  return JSON.stringify(
    rng.chance(0.5)
      ? envelope('VM_STATE_CHANGED', { vm_id: rng.pick(vmIds), current_state: big })
      : envelope(big, {}),
  );
}

function invalidUtf8(rng: Rng, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const bad = [
    Buffer.from([0xff]),
    Buffer.from([0xc0, 0xaf]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xe2, 0x82]),
  ];
  const at = rng.int(bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), rng.pick(bad), bytes.subarray(at)]);
}

export function* fuzzFrames(count: number, o: FuzzOptions): Generator<FuzzFrame> {
  const rng = createRng(o.seed);
  let hugeBudget = 12; // a dozen multi-megabyte frames is the point; a thousand would only measure memcpy
  for (let i = 0; i < count; i++) {
    if (i % o.validEvery === 0) {
      const vmId = rng.pick(o.vmIds);
      const state = rng.pick(STATES);
      const text = JSON.stringify(
        envelope('VM_STATE_CHANGED', { previous_state: null, current_state: state, vm_id: vmId }),
      );
      yield { data: text, isBinary: false, valid: { vmId, state }, kind: 'valid' };
      continue;
    }
    const noise = o.noiseVmIds ?? o.vmIds;
    const frame = baseFrame(rng, noise);
    const pick = rng.int(100);
    if (pick < 25) yield { data: JSON.stringify(wrongType(rng, frame)), isBinary: false, kind: 'wrong-type' };
    else if (pick < 40) {
      const text = JSON.stringify(frame);
      yield { data: text.slice(0, rng.int(text.length)), isBinary: false, kind: 'truncated' };
    } else if (pick < 50) yield { data: hostileKeys(rng, frame, noise), isBinary: false, kind: 'proto-keys' };
    else if (pick < 58)
      yield { data: invalidUtf8(rng, JSON.stringify(frame)), isBinary: false, kind: 'invalid-utf8' };
    else if (pick < 66) yield { data: Buffer.from(JSON.stringify(frame)), isBinary: true, kind: 'binary' };
    else if (pick < 76) {
      const f = {
        ...frame,
        event_type: rng.chance(0.5)
          ? `x${rng.int(1e6)}`
          : rng.pick(['stats', 'system_logs', 'orchestrator', 'PDFM']),
        message: `M_${rng.int(1e6)}`,
      };
      yield { data: JSON.stringify(f), isBinary: false, kind: 'unknown-type' };
    } else if (pick < 80) yield { data: deepNesting(rng), isBinary: false, kind: 'deep-nesting' };
    else if (pick < 81 && hugeBudget > 0) {
      hugeBudget--;
      yield { data: hugeString(rng, o.maxStringBytes, o.vmIds), isBinary: false, kind: 'huge-string' };
    } else if (pick < 90) {
      const junk = rng.pick([
        '',
        'null',
        '[]',
        '"str"',
        '42',
        'true',
        '{}',
        '{"event_type":null}',
        '\u0000\u0001',
        '{"a":1}{"b":2}',
      ]);
      yield { data: junk, isBinary: false, kind: 'junk' };
    } else yield { data: JSON.stringify(frame), isBinary: false, kind: 'shape-valid' };
  }
}

/** Everything Object.prototype carries, to prove afterwards that nothing was added to it. */
export function prototypeFingerprint(): string {
  const probe = {} as Record<string, unknown>;
  return JSON.stringify([
    Object.getOwnPropertyNames(Object.prototype).sort(),
    probe['polluted'] ?? null,
    Object.getOwnPropertyNames(Array.prototype).length,
  ]);
}
