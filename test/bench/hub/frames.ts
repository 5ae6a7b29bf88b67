// Deterministic bench VMs and pre-serialised, real-shaped Events Hub frames (envelope field order as the Go
// structs write it). Building happens before the timed part of a measurement.
import type { SimVm } from '../../sim/types';

/** A VM's life in the bench: consecutive states always differ, so a push can be matched to the frame it shows. */
export const STATE_CYCLE = ['running', 'stopping', 'stopped', 'starting'] as const;

const OS_MIX = ['macosx', 'macosx', 'ubuntu', 'win-11'] as const;

export function vmId(index: number): string {
  return `6c2d1f0a-8b7e-4c33-9a10-${index.toString(16).padStart(12, '0')}`;
}

export function makeVms(count: number, state = 'running'): SimVm[] {
  return Array.from({ length: count }, (_, i) => ({
    id: vmId(i),
    name: `ci-mac-${String(i + 1).padStart(4, '0')}`,
    state,
    os: OS_MIX[i % OS_MIX.length]!,
    uptime: state === 'running' ? '3600' : '0',
    user: 'builder',
  }));
}

/** Go's RFC 3339 nano format, fixed per batch: the client does not read it, so its cost stays out of the source. */
function timestamp(): string {
  return new Date().toISOString().replace('Z', '123Z');
}

let idCounter = 0;
/** 64 hex characters like helpers.GenerateId(); unique per frame so no client-side de-duplication kicks in. */
function frameId(): string {
  idCounter += 1;
  return idCounter.toString(16).padStart(64, '0');
}

export function stateChangedJson(vm: string, previous: string, current: string, at = timestamp()): string {
  return (
    `{"id":"${frameId()}","event_type":"pdfm","timestamp":"${at}","message":"VM_STATE_CHANGED",` +
    `"body":{"previous_state":"${previous}","current_state":"${current}","vm_id":"${vm}"}}`
  );
}

export function welcomeJson(clientId: string): string {
  return JSON.stringify({
    id: frameId(),
    event_type: 'global',
    timestamp: timestamp(),
    message: 'WebSocket connection established subscribed to global by default',
    body: { client_id: clientId, subscriptions: ['pdfm', 'global'] },
  });
}
