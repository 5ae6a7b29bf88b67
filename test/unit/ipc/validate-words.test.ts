// The IPC validators word for word where the earlier files only matched a pattern, plus the farm host id on every
// request that carries one and the exact length limits. The message is what the settings page shows, so it must
// name the field the user (or a confused renderer) got wrong.
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  validateHostInput,
  validateHostKind,
  validateHubUrl,
  validateOpenSettings,
  validatePause,
  validateReconnect,
  validateSettingsInput,
  validateVmActionRequest,
  validateVmMute,
} from '../../../src/main/ipc/validate';
import { messageOf, validHost } from './validation-fixtures';
import { VM_ACTIONS } from '../../../src/shared/model';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';

const host = validHost;

describe('farm mode: the farm host id travels with VM requests', () => {
  const farmHostId = 'f'.repeat(64);

  it('a VM action and a mute keep a valid farmHostId, and name it when it is not one', () => {
    expect(validateVmActionRequest({ hostId: 'o', vmId: 'v', action: 'start', farmHostId })).toStrictEqual({
      hostId: 'o',
      vmId: 'v',
      action: 'start',
      farmHostId,
    });
    expect(validateVmMute({ hostId: 'o', vmId: 'v', muted: true, farmHostId })).toStrictEqual({
      hostId: 'o',
      vmId: 'v',
      farmHostId,
      muted: true,
    });
    expect(messageOf(() => validateVmMute({ hostId: 'o', vmId: 'v', muted: true, farmHostId: '../x' }))).toBe(
      'farmHostId contains characters a VM id never has',
    );
  });

  it('a request without force or farm host carries neither key (not even as undefined)', () => {
    const request = validateVmActionRequest({ hostId: 'h', vmId: 'v', action: 'start' });
    expect(Object.keys(request).sort()).toEqual(['action', 'hostId', 'vmId']);
  });
});

describe('messages name the request and the field', () => {
  it('an unknown action lists every action', () => {
    expect(messageOf(() => validateVmActionRequest({ hostId: 'h', vmId: 'v', action: 'explode' }))).toBe(
      `action must be one of ${VM_ACTIONS.join(', ')}`,
    );
  });

  it('mute, reconnect and pause requests say "request"; a settings focus says "focus"', () => {
    expect(messageOf(() => validateVmMute({ hostId: 'h', vmId: 'v', muted: true, extra: 1 }))).toBe(
      'request has unexpected field(s): extra',
    );
    expect(messageOf(() => validateReconnect({}))).toBe('request.hostId is required');
    expect(messageOf(() => validatePause({}))).toBe('request.for is required');
    expect(messageOf(() => validateOpenSettings({ focus: { hostId: 'h' } }))).toBe('focus.field is required');
  });

  it('a host names its own id and username fields', () => {
    expect(messageOf(() => validateHostInput({ ...host, id: 'a b' }))).toBe(
      'host.id may only contain letters, digits, "-" and "_"',
    );
    expect(messageOf(() => validateHostInput({ ...host, username: 5 }))).toBe(
      'host.username must be a string',
    );
  });

  it('a URL on its own is called "url"', () => {
    expect(messageOf(() => validateHubUrl('ftp://farm-1.local'))).toBe(
      'url must start with http:// or https://',
    );
  });

  it('a host kind on its own is called "kind"', () => {
    expect(messageOf(() => validateHostKind('farm'))).toBe(
      'kind must be one of host, orchestrator, or absent to detect it when connecting',
    );
  });
});

describe('limits and pasting', () => {
  it(`a host id of exactly ${LIMITS.hostId} characters is accepted, one more is too long`, () => {
    const id = 'h'.repeat(LIMITS.hostId);
    expect(validateReconnect({ hostId: id })).toEqual({ hostId: id });
    expect(messageOf(() => validateReconnect({ hostId: `${id}h` }))).toBe(
      `hostId is too long (max ${LIMITS.hostId} characters)`,
    );
  });

  it('a URL pasted with non-breaking spaces around it is accepted (the URL parser alone refuses them)', () => {
    expect(validateHubUrl('\u00a0https://farm-1.local:3080\u00a0')).toBe('https://farm-1.local:3080');
  });

  it('several new hosts (empty ids) are not "the same id twice"', () => {
    const settings = validateSettingsInput({
      hosts: [
        { ...host, id: '' },
        { ...host, id: '', name: 'Farm 2' },
      ],
      notifications: DEFAULT_NOTIFICATION_RULES,
      showTrayCount: true,
      launchAtLogin: false,
    });
    expect(settings.hosts.map((h) => h.id)).toEqual(['', '']);
  });
});
