// The `orchestrator` channel (orchestrator-protocol.md §3.3/§3.4: 18 message names, each with body.host_id) -> a typed
// union, registered in CHANNELS (channels/index.ts) like pdfm, so the one envelope parser (envelope.ts parseFrame)
// reads a farm connection's frames too. The channel carries every host's stats every 5 s and every host log line
// (§3.7), so those and the other relays we never use are recognised from the envelope prefix alone and dropped
// before any JSON.parse (the channel's fast path).
import type { Channel } from './channel';
import { FieldError, isRecord, own, stateChange, type Json } from './fields';
import { noiseOnWire, ORCHESTRATOR_NOISE, type OrchestratorNoise } from './orchestrator-noise';
import { parseUptime, parseVm, type ParsedVm } from './pdfm';

export type OrchestratorMessage =
  | {
      type: 'host-vm-state-changed';
      hostId: string;
      vmId: string;
      previousState: string | null;
      currentState: string;
    }
  | {
      type: 'host-vm-upsert';
      hostId: string;
      vmId: string;
      /** null when new_vm is not a recognisable VM: re-list that host. */
      vm: ParsedVm | null;
      reason: 'added' | 'updated';
    }
  | { type: 'host-vm-removed'; hostId: string; vmId: string }
  | { type: 'host-vm-uptime'; hostId: string; vmId: string; uptimeSeconds: number | undefined }
  | { type: 'host-vm-snapshots'; hostId: string; vmId: string }
  | { type: 'host-mac-vms-running'; hostId: string; vmIds: string[] }
  /** A level, not an edge: repeated every tick for hosts without a fresh link (§3.3). */
  | { type: 'host-health'; hostId: string; state: 'healthy' | 'unhealthy' }
  /** HOST_WEBSOCKET_*: the orchestrator's own link to that host (not ours). DEGRADED's body says "healthy". */
  | { type: 'host-link'; hostId: string; link: 'connected' | 'disconnected' | 'degraded' }
  | { type: 'host-added'; hostId: string; hostName: string | null; description: string | null }
  /** hostId is the DELETE path value verbatim: an id in any case, or a host name (§3.8). */
  | { type: 'host-removed'; hostId: string; hostName: string | null }
  /** hostId may be "" (§3.3). */
  | { type: 'host-deployed'; hostId: string; hostName: string | null }
  | { type: 'noise'; message: OrchestratorNoise };

function str(obj: Json, key: string, where: string, allowEmpty = false): string {
  const value = own(obj, key);
  if (typeof value !== 'string' || (!allowEmpty && value === ''))
    throw new FieldError(`${where}.${key} must be a ${allowEmpty ? '' : 'non-empty '}string`);
  return value;
}

function optStr(obj: Json, key: string, where: string): string | null {
  const value = own(obj, key);
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new FieldError(`${where}.${key} must be a string`);
  return value;
}

function record(obj: Json, key: string, where: string): Json {
  const value = own(obj, key);
  if (!isRecord(value)) throw new FieldError(`${where}.${key} must be an object`);
  return value;
}

// The server writes envelopes compact, in Go struct order (id, event_type, timestamp, message, body). `STR` is
// exactly what JSON allows unescaped inside a string, so a match is certain to be that frame's real message name.
const STR = String.raw`[^"\\\u0000-\u001f]`;
const NOISE_PREFIX = new RegExp(
  String.raw`^\{"id":"${STR}*","event_type":"orchestrator","timestamp":"${STR}*","message":"(${ORCHESTRATOR_NOISE.join('|')})"`,
);
const STATE_CHANGED_FRAME = new RegExp(
  String.raw`^\{"id":"${STR}*","event_type":"orchestrator","timestamp":"${STR}*","message":"HOST_VM_STATE_CHANGED",` +
    String.raw`"body":\{"host_id":"(${STR}+)","event":\{"previous_state":"(${STR}*)","current_state":"(${STR}+)",` +
    String.raw`"vm_id":"(${STR}+)"\}\}\}[ \t\n\r]*$`,
);

/** For the hot frames: a regex instead of JSON.parse; anything unusual falls through to the full parse. */
function fastPath(text: string): OrchestratorMessage | null {
  // Noise is dropped on its envelope prefix: the rest of the frame (a log line, a stats body) is never looked at.
  const noise = NOISE_PREFIX.exec(text);
  if (noise !== null) return { type: 'noise', message: noise[1] as OrchestratorNoise };
  const m = STATE_CHANGED_FRAME.exec(text);
  if (m === null) return null;
  // A blank state is a broken frame: the full parse says so with its reason.
  const states = stateChange(m[2], m[3] as string);
  if (states === null) return null;
  return {
    type: 'host-vm-state-changed',
    hostId: m[1] as string,
    vmId: m[4] as string,
    previousState: states.previousState,
    currentState: states.currentState,
  };
}

function vmEvent(body: Json): { hostId: string; event: Json } {
  return { hostId: str(body, 'host_id', 'body'), event: record(body, 'event', 'body') };
}

function parseBody(message: string, body: Json): OrchestratorMessage | null {
  switch (message) {
    case 'HOST_VM_STATE_CHANGED': {
      const { hostId, event } = vmEvent(body);
      const previous = optStr(event, 'previous_state', 'body.event');
      const states = stateChange(previous, str(event, 'current_state', 'body.event'));
      if (states === null) throw new FieldError('body.event.current_state must be a non-empty string');
      return {
        type: 'host-vm-state-changed',
        hostId,
        vmId: str(event, 'vm_id', 'body.event'),
        previousState: states.previousState,
        currentState: states.currentState,
      };
    }
    case 'HOST_VM_ADDED':
    case 'HOST_VM_UPDATED': {
      const { hostId, event } = vmEvent(body);
      const newVm = own(event, 'new_vm');
      const vm = parseVm(newVm);
      const vmId = optStr(event, 'vm_id', 'body.event') ?? vm?.id;
      if (!vmId) throw new FieldError('body.event.vm_id or body.event.new_vm.ID is required');
      const reason = message === 'HOST_VM_ADDED' ? 'added' : 'updated';
      return { type: 'host-vm-upsert', hostId, vmId, vm, reason };
    }
    case 'HOST_VM_REMOVED': {
      const { hostId, event } = vmEvent(body);
      return { type: 'host-vm-removed', hostId, vmId: str(event, 'vm_id', 'body.event') };
    }
    case 'HOST_VM_UPTIME_CHANGED': {
      const { hostId, event } = vmEvent(body);
      const vmId = str(event, 'vm_id', 'body.event');
      return { type: 'host-vm-uptime', hostId, vmId, uptimeSeconds: parseUptime(own(event, 'uptime')) };
    }
    case 'HOST_VM_SNAPSHOTS_UPDATED': {
      const { hostId, event } = vmEvent(body);
      return { type: 'host-vm-snapshots', hostId, vmId: str(event, 'vm_id', 'body.event') };
    }
    case 'HOST_MAC_VMS_RUNNING_NOW': {
      const { hostId, event } = vmEvent(body);
      const ids = own(event, 'mac_vms_running');
      // Go marshals a nil slice as null.
      if (
        ids !== null &&
        ids !== undefined &&
        (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string'))
      )
        throw new FieldError('body.event.mac_vms_running must be an array of strings');
      return { type: 'host-mac-vms-running', hostId, vmIds: (ids ?? []) as string[] };
    }
    case 'HOST_HEALTH_UPDATE': {
      const state = str(body, 'state', 'body');
      if (state !== 'healthy' && state !== 'unhealthy')
        throw new FieldError(
          `body.state must be healthy or unhealthy, got ${JSON.stringify(state.slice(0, 40))}`,
        );
      return { type: 'host-health', hostId: str(body, 'host_id', 'body'), state };
    }
    case 'HOST_WEBSOCKET_CONNECTED':
    case 'HOST_WEBSOCKET_DISCONNECTED':
    case 'HOST_WEBSOCKET_DEGRADED': {
      const link =
        message === 'HOST_WEBSOCKET_CONNECTED'
          ? 'connected'
          : message === 'HOST_WEBSOCKET_DISCONNECTED'
            ? 'disconnected'
            : 'degraded';
      return { type: 'host-link', hostId: str(body, 'host_id', 'body'), link };
    }
    case 'HOST_ADDED':
      return {
        type: 'host-added',
        hostId: str(body, 'host_id', 'body'),
        hostName: optStr(body, 'host', 'body'),
        description: optStr(body, 'description', 'body'),
      };
    case 'HOST_REMOVED':
      return {
        type: 'host-removed',
        hostId: str(body, 'host_id', 'body'),
        hostName: optStr(body, 'host', 'body'),
      };
    case 'HOST_DEPLOYED':
      return {
        type: 'host-deployed',
        hostId: str(body, 'host_id', 'body', true),
        hostName: optStr(body, 'host', 'body'),
      };
    default:
      if ((ORCHESTRATOR_NOISE as readonly string[]).includes(message))
        return { type: 'noise', message: message as OrchestratorNoise };
      return null;
  }
}

/** Subscribed alone (never together with pdfm: an orchestrator on a Mac would report its own VMs twice, §1.2). */
export const orchestratorChannel: Channel<OrchestratorMessage> = {
  name: 'orchestrator',
  bodyMustBeObject: true,
  parse: parseBody,
  fastPath,
  // Relays a farm view never uses (§6.3 last rule), recognised on the bytes before any decode (orchestrator-noise.ts).
  wireFastPath: (frame) => {
    const noise = noiseOnWire(frame);
    return noise === null ? null : { type: 'noise', message: noise };
  },
};
