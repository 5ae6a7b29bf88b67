// Pure validators for every InvokeMap argument. Everything arriving over IPC is untrusted: a compromised or buggy
// renderer can send any structured-clone value, so each validator checks types, rejects unknown fields and caps
// lengths before the core ever sees the value. Failures throw ValidationError with a message safe to show the user
// (it names the field, never echoes a secret).
import type { HostId, VmAction } from '../../shared/model';
import { VM_ACTIONS } from '../../shared/model';
import type {
  PauseNotificationsFor,
  SettingsFocus,
  SnapshotRequest,
  VmActionRequest,
  VmRef,
} from '../../shared/ipc';
import type { SnapshotSliceRequest } from '../../shared/snapshot-slices';

import { LIMITS, bool, boundedString, fail, record, validateHostId } from './validate-fields';

// The building blocks and the settings validators live in their own files; callers import every validator here.
export { LIMITS, ValidationError, bool, validateVoid } from './validate-fields';
export {
  validateHostInput,
  validateHostKind,
  validateHubUrl,
  validateNotificationRules,
  validateSettingsInput,
} from './validate-settings';

const PAUSE_CHOICES: readonly PauseNotificationsFor[] = ['one-hour', 'until-tomorrow', 'resume'];

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
