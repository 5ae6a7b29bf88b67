// The edges of the IPC validators that validate.test.ts does not sit on: anchored patterns (a fingerprint or VM id
// with junk around it), the exact limits, trimming, null where null is allowed, and the one validator it never
// called (settings:unsaved). Every value here is what a compromised renderer could send.
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  validateHostInput,
  validateNotificationRules,
  validatePause,
  validateReconnect,
  validateSettingsInput,
  validateUnsaved,
  validateVmActionRequest,
} from '../../../src/main/ipc/validate';
import { messageOf, validHost } from './validation-fixtures';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';

const FP = Array.from({ length: 32 }, () => 'AB').join(':');
const host = validHost;

describe('anchored patterns: junk before a valid-looking tail is refused', () => {
  it('a VM id with path characters before the id-like tail', () => {
    expect(
      messageOf(() => validateVmActionRequest({ hostId: 'h', vmId: '../etc/abc', action: 'start' })),
    ).toBe('vmId contains characters a VM id never has');
  });
});

describe('trimming and emptiness', () => {
  it('a name is trimmed, and a name of spaces is empty; a fingerprint is upper-cased', () => {
    const parsed = validateHostInput({
      ...host,
      name: '  Farm 1  ',
      pinnedFingerprint: FP.toLowerCase(),
    });
    expect(parsed.name).toBe('Farm 1');
    expect(parsed.pinnedFingerprint).toBe(FP);
    expect(messageOf(() => validateHostInput({ ...host, name: '   ' }))).toBe('host.name must not be empty');
  });

  it('a pasted fingerprint with a trailing newline or spaces around it is accepted and stored trimmed', () => {
    // Copying a fingerprint from a terminal or a certificate dialog brings a newline or spaces with it; those
    // make the text longer than 95 characters, which must not turn a correct fingerprint into "too long".
    for (const pasted of [`${FP}\n`, `  ${FP.toLowerCase()}  `, `\t${FP}\r\n`]) {
      expect(validateHostInput({ ...host, pinnedFingerprint: pasted }).pinnedFingerprint).toBe(FP);
    }
  });

  it('a fingerprint with garbage inside (not just around it) is still refused', () => {
    const refused = 'host.pinnedFingerprint must be a SHA-256 fingerprint like AB:CD:… (32 hex pairs)';
    const inside = [`${FP.slice(0, 47)} ${FP.slice(47)}`, `${FP.slice(0, 47)}\n${FP.slice(47)}`];
    // Junk that is not whitespace stays part of the fingerprint, before or after it.
    for (const bad of [...inside, `${FP}:AB`, `AB:${FP}`, `x${FP}`]) {
      expect(messageOf(() => validateHostInput({ ...host, pinnedFingerprint: bad }))).toBe(refused);
    }
    // Whitespace is only tolerated up to a bound: the raw text is capped before it is trimmed.
    expect(
      messageOf(() => validateHostInput({ ...host, pinnedFingerprint: `${' '.repeat(200)}${FP}` })),
    ).toBe('host.pinnedFingerprint is too long (max 256 characters)');
  });

  it('a URL is trimmed before it is checked', () => {
    expect(validateHostInput({ ...host, url: '  https://farm-1.local:3080/  ' }).url).toBe(
      'https://farm-1.local:3080',
    );
  });
});

describe('objects', () => {
  it('names at most five unexpected fields, each cut to 40 characters', () => {
    const long = 'k'.repeat(100);
    const extra = { [long]: 1, b: 2, c: 3, d: 4, e: 5, f: 6 };
    expect(
      messageOf(() => validateVmActionRequest({ hostId: 'h', vmId: 'v', action: 'start', ...extra })),
    ).toBe(`request has unexpected field(s): ${'k'.repeat(40)}, b, c, d, e`);
  });

  it('an object without a prototype is still a plain object', () => {
    const bare = Object.assign(Object.create(null) as object, { hostId: 'h', vmId: 'v', action: 'start' });
    expect(validateVmActionRequest(bare)).toEqual({ hostId: 'h', vmId: 'v', action: 'start' });
  });

  it('a stop keeps force: false', () => {
    expect(validateVmActionRequest({ hostId: 'h', vmId: 'v', action: 'stop', force: false })).toEqual({
      hostId: 'h',
      vmId: 'v',
      action: 'stop',
      force: false,
    });
  });
});

describe('settings:unsaved', () => {
  it('takes { unsaved: boolean } and nothing else', () => {
    expect(validateUnsaved({ unsaved: true })).toEqual({ unsaved: true });
    expect(validateUnsaved({ unsaved: false })).toEqual({ unsaved: false });
    expect(messageOf(() => validateUnsaved({}))).toBe('request.unsaved is required');
    expect(messageOf(() => validateUnsaved({ unsaved: 1 }))).toBe('unsaved must be true or false');
    expect(messageOf(() => validateUnsaved({ unsaved: true, more: 1 }))).toBe(
      'request has unexpected field(s): more',
    );
  });
});

describe('small validators, word for word', () => {
  it('reconnect: one host or all (null)', () => {
    expect(validateReconnect({ hostId: null })).toEqual({ hostId: null });
    expect(messageOf(() => validateReconnect({ hostId: 'a/b' }))).toBe(
      'hostId may only contain letters, digits, "-" and "_"',
    );
  });

  it('pause: the three choices, named when another is sent', () => {
    expect(validatePause({ for: 'resume' })).toEqual({ for: 'resume' });
    expect(messageOf(() => validatePause({ for: 5 }))).toBe(
      'for must be one of one-hour, until-tomorrow, resume',
    );
  });

  it('host: the auth methods and the missing username, by method', () => {
    expect(messageOf(() => validateHostInput({ ...host, auth: 5 }))).toBe(
      'host.auth must be one of token, api-key, password',
    );
    expect(messageOf(() => validateHostInput({ ...host, username: '' }))).toBe(
      'host.username is required for password sign-in',
    );
  });
});

describe('notification rules: the connection-lost limit', () => {
  const rules = (connectionLostAfterSeconds: unknown) => ({
    ...DEFAULT_NOTIFICATION_RULES,
    connectionLostAfterSeconds,
  });

  it('null (never) and both ends of the range are accepted', () => {
    expect(validateNotificationRules(rules(null)).connectionLostAfterSeconds).toBeNull();
    expect(validateNotificationRules(rules(LIMITS.connectionLostMinSeconds)).connectionLostAfterSeconds).toBe(
      10,
    );
    expect(validateNotificationRules(rules(LIMITS.connectionLostMaxSeconds)).connectionLostAfterSeconds).toBe(
      604_800,
    );
  });

  it('one past either end is refused, saying the range', () => {
    const range = 'notifications.connectionLostAfterSeconds must be between 10 and 604800';
    expect(messageOf(() => validateNotificationRules(rules(9)))).toBe(range);
    expect(messageOf(() => validateNotificationRules(rules(604_801)))).toBe(range);
    expect(messageOf(() => validateNotificationRules(rules('60')))).toBe(
      'notifications.connectionLostAfterSeconds must be a whole number or null',
    );
  });

  it('names the rule that is not a boolean', () => {
    for (const key of ['enabled', 'onStopped', 'onSuspended', 'onPaused', 'onAdded', 'onRemoved'])
      expect(messageOf(() => validateNotificationRules({ ...DEFAULT_NOTIFICATION_RULES, [key]: 1 }))).toBe(
        `notifications.${key} must be true or false`,
      );
  });
});

describe('settings', () => {
  const settings = {
    hosts: [] as unknown[],
    notifications: DEFAULT_NOTIFICATION_RULES,
    showTrayCount: true,
    launchAtLogin: false,
  };

  it(`exactly ${LIMITS.hosts} hosts are accepted`, () => {
    const hosts = Array.from({ length: LIMITS.hosts }, (_, i) => ({ ...host, id: `h${i}` }));
    expect(validateSettingsInput({ ...settings, hosts }).hosts).toHaveLength(LIMITS.hosts);
  });

  it('names the flag that is not a boolean, and what an object it wanted', () => {
    expect(messageOf(() => validateSettingsInput({ ...settings, launchAtLogin: 'no' }))).toBe(
      'settings.launchAtLogin must be true or false',
    );
    expect(messageOf(() => validateSettingsInput([]))).toBe('settings must be an object');
  });
});
