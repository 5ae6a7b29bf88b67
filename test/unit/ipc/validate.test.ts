import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  ValidationError,
  validateHostInput,
  validateHubUrl,
  validatePause,
  validateOpenSettings,
  validateReconnect,
  validateSettingsInput,
  validateVmActionRequest,
  validateVmMute,
  validateVoid,
} from '../../../src/main/ipc/validate';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';

const FP = Array.from({ length: 32 }, () => 'ab').join(':');
const host = {
  id: 'h-1',
  name: 'Farm 1',
  url: 'https://farm-1.local:3080/',
  auth: 'password',
  username: 'root',
  pinnedFingerprint: null,
  enabled: true,
};
const settings = {
  hosts: [host],
  notifications: DEFAULT_NOTIFICATION_RULES,
  showTrayCount: true,
  launchAtLogin: false,
};

function rejects(run: () => unknown, pattern: RegExp): void {
  expect(run).toThrow(ValidationError);
  expect(run).toThrow(pattern);
}

describe('validateVmActionRequest', () => {
  it('accepts a well-formed request and keeps force only when given', () => {
    expect(validateVmActionRequest({ hostId: 'h-1', vmId: '{ABC-1}', action: 'start' })).toEqual({
      hostId: 'h-1',
      vmId: '{ABC-1}',
      action: 'start',
    });
    expect(validateVmActionRequest({ hostId: 'h', vmId: 'v', action: 'stop', force: true }).force).toBe(true);
  });
  it.each([
    [null, /must be an object/],
    ['start', /must be an object/],
    [[1], /must be an object/],
    [{ hostId: 'h', vmId: 'v' }, /action is required/],
    [{ hostId: 'h', vmId: 'v', action: 'explode' }, /action must be one of/],
    [{ hostId: 'h', vmId: 'v', action: 'start', extra: 1 }, /unexpected field\(s\): extra/],
    [{ hostId: 5, vmId: 'v', action: 'start' }, /hostId must be a string/],
    [{ hostId: 'h/../x', vmId: 'v', action: 'start' }, /hostId may only contain/],
    [{ hostId: 'h', vmId: 'v\n', action: 'start' }, /characters a VM id never has/],
    [{ hostId: 'h', vmId: 'x'.repeat(LIMITS.vmId + 1), action: 'start' }, /too long/],
    [{ hostId: 'h', vmId: '', action: 'start' }, /must not be empty/],
    [{ hostId: 'h', vmId: 'v', action: 'start', force: 'yes' }, /force must be true or false/],
    [{ hostId: 'h', vmId: 'v', action: 'start', force: true }, /force is only valid for stop/],
  ])('rejects %j', (value, pattern) => rejects(() => validateVmActionRequest(value), pattern));

  it('rejects objects with a non-plain prototype (e.g. a Date)', () => {
    rejects(() => validateVmActionRequest(new Date()), /plain object/);
  });
});

describe('small validators', () => {
  it('void channels accept only undefined', () => {
    expect(() => validateVoid(undefined)).not.toThrow();
    rejects(() => validateVoid(null), /takes no argument/);
    rejects(() => validateVoid({}), /takes no argument/);
  });
  it("open settings: nothing, or a focus request on one host's credentials", () => {
    expect(validateOpenSettings(undefined)).toEqual({ focus: null });
    expect(validateOpenSettings({ focus: null })).toEqual({ focus: null });
    expect(validateOpenSettings({ focus: { hostId: 'farm-1', field: 'credentials' } })).toEqual({
      focus: { hostId: 'farm-1', field: 'credentials' },
    });
    rejects(() => validateOpenSettings({ focus: { hostId: 'farm-1', field: 'url' } }), /field/);
    rejects(() => validateOpenSettings({ focus: { hostId: '../x', field: 'credentials' } }), /hostId/);
    rejects(() => validateOpenSettings('farm-1'), /request/);
  });

  it('mute, reconnect and pause', () => {
    expect(validateVmMute({ hostId: 'h', vmId: 'v', muted: true })).toEqual({
      hostId: 'h',
      vmId: 'v',
      muted: true,
    });
    rejects(() => validateVmMute({ hostId: 'h', vmId: 'v', muted: 1 }), /muted must be true or false/);
    expect(validateReconnect({ hostId: null })).toEqual({ hostId: null });
    rejects(() => validateReconnect({}), /hostId is required/);
    expect(validatePause({ for: 'until-tomorrow' })).toEqual({ for: 'until-tomorrow' });
    rejects(() => validatePause({ for: 'forever' }), /for must be one of/);
  });
});

describe('validateHubUrl', () => {
  it.each([
    ['https://farm-1.local:3080/', 'https://farm-1.local:3080'],
    ['http://10.0.0.5:8080/api/', 'http://10.0.0.5:8080/api'],
    ['http://10.0.0.5:80/', 'http://10.0.0.5'],
    ['  https://x.example  ', 'https://x.example'],
  ])('normalizes %s', (input, expected) => expect(validateHubUrl(input)).toBe(expected));
  it.each([
    ['ftp://x', /http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['https://user:pw@x.example', /must not contain credentials/],
    ['https://x.example/?token=abc', /query or fragment/],
    ['not a url', /not a valid URL/],
    ['https://' + 'a'.repeat(LIMITS.url), /too long/],
  ])('rejects %s', (input, pattern) => rejects(() => validateHubUrl(input), pattern));
  it('never echoes the rejected URL (it may contain a password)', () => {
    // The expects sit outside the catch: an accepted URL fails here instead of passing with zero assertions.
    const outcome = ((): string => {
      try {
        validateHubUrl('https://root:hunter2@x.example');
        return 'accepted';
      } catch (error) {
        return String(error);
      }
    })();
    expect(outcome).toMatch(/must not contain credentials/);
    expect(outcome).not.toContain('hunter2');
  });
});

describe('validateHostInput', () => {
  it('accepts a host, upper-cases the fingerprint and keeps an empty secret (= clear)', () => {
    const parsed = validateHostInput({ ...host, pinnedFingerprint: FP, secret: '' });
    expect(parsed.pinnedFingerprint).toBe(FP.toUpperCase());
    expect(parsed.secret).toBe('');
    expect(parsed.url).toBe('https://farm-1.local:3080');
  });
  it('accepts an empty id (new host)', () => expect(validateHostInput({ ...host, id: '' }).id).toBe(''));
  it.each([
    [{ ...host, auth: 'kerberos' }, /auth must be one of/],
    [{ ...host, username: '' }, /username is required for password/],
    [{ ...host, auth: 'api-key', username: ' ' }, /username is required for an API key/],
    [{ ...host, pinnedFingerprint: 'AB:CD' }, /SHA-256 fingerprint/],
    [{ ...host, enabled: 'true' }, /enabled must be true or false/],
    [{ ...host, secret: 'x'.repeat(LIMITS.secret + 1) }, /secret is too long/],
    [{ ...host, name: 'n'.repeat(LIMITS.hostName + 1) }, /name is too long/],
    [{ ...host, isAdmin: true }, /unexpected field/],
  ])('rejects %#', (value, pattern) => rejects(() => validateHostInput(value), pattern));
  it('accepts token auth without a username', () => {
    expect(validateHostInput({ ...host, auth: 'token', username: '' }).username).toBe('');
  });
  it('keeps a chosen kind; absent or undefined (Detect automatically) stays absent', () => {
    expect(validateHostInput({ ...host, kind: 'orchestrator' }).kind).toBe('orchestrator');
    expect(validateHostInput({ ...host, kind: 'host' }).kind).toBe('host');
    expect(validateHostInput(host)).not.toHaveProperty('kind');
    expect(validateHostInput({ ...host, kind: undefined })).not.toHaveProperty('kind');
  });
  it.each([['farm'], [null], [1], ['Orchestrator']])('rejects kind %j with a clear error', (kind) =>
    rejects(
      () => validateHostInput({ ...host, kind }, 'hosts[0]'),
      /^hosts\[0\]\.kind must be one of host, orchestrator, or absent to detect it when connecting$/,
    ),
  );
});

describe('validateSettingsInput', () => {
  it('accepts valid settings', () => expect(validateSettingsInput(settings).hosts).toHaveLength(1));
  it.each([
    [{ ...settings, hosts: 'x' }, /hosts must be a list/],
    [
      { ...settings, hosts: Array.from({ length: LIMITS.hosts + 1 }, (_, i) => ({ ...host, id: `h${i}` })) },
      /at most/,
    ],
    [{ ...settings, hosts: [host, host] }, /appears twice/],
    [
      { ...settings, notifications: { ...DEFAULT_NOTIFICATION_RULES, connectionLostAfterSeconds: 1.5 } },
      /whole number/,
    ],
    [
      { ...settings, notifications: { ...DEFAULT_NOTIFICATION_RULES, connectionLostAfterSeconds: 1 } },
      /between/,
    ],
    [
      { ...settings, notifications: { ...DEFAULT_NOTIFICATION_RULES, onStopped: undefined } },
      /onStopped must be/,
    ],
    [{ ...settings, showTrayCount: 'yes' }, /showTrayCount must be/],
    [{ ...settings, theme: 'dark' }, /unexpected field/],
    [{ hosts: [] }, /notifications is required/],
  ])('rejects %#', (value, pattern) => rejects(() => validateSettingsInput(value), pattern));
  it('reports which host is wrong', () => {
    rejects(
      () => validateSettingsInput({ ...settings, hosts: [host, { ...host, id: 'h2', url: 'x' }] }),
      /hosts\[1\]\.url/,
    );
  });
  it('handles a huge payload quickly and without echoing it', () => {
    const huge = { ...settings, hosts: [{ ...host, name: 'A'.repeat(5_000_000) }] };
    const started = performance.now();
    rejects(() => validateSettingsInput(huge), /hosts\[0\]\.name is too long/);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
