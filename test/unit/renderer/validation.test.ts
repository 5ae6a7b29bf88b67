import { describe, expect, it } from 'vitest';
import type { HostInput } from '../../../src/shared/settings';
import {
  checkHostUrl,
  hasErrors,
  redactUrl,
  validateHost,
  validateRules,
} from '../../../src/renderer/src/lib/validation';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';
import { farm1Input } from './settings-fixtures';

describe('checkHostUrl', () => {
  it.each([
    ['https://farm-1.local:3080', 'https://farm-1.local:3080', false],
    ['  https://farm-1.local:3080/  ', 'https://farm-1.local:3080', false],
    ['http://10.0.0.5:80', 'http://10.0.0.5', true],
    ['https://hub.example.com/custom-api/', 'https://hub.example.com/custom-api', false],
    ['https://[::1]:3443', 'https://[::1]:3443', false],
  ])('accepts %s', (raw, normalized, insecure) => {
    expect(checkHostUrl(raw)).toEqual({ ok: true, normalized, insecure });
  });

  it.each([
    ['', 'Enter the host URL'],
    ['farm-1.local:3080', 'Start the URL with http:// or https://'],
    ['ftp://farm-1.local', 'http:// or https://'],
    ['ws://farm-1.local:3080', 'http:// or https://'],
    ['https://farm-1.local:99999', 'not a valid URL'],
    ['https://farm-1.local:0', 'Port 0'],
    ['https://farm-1.local:3080/?token=abc', 'Remove the query'],
  ])('rejects %j with a helpful message', (raw, message) => {
    const result = checkHostUrl(raw);
    expect(result.ok).toBe(false);
    expect(result.error).toContain(message);
  });

  it('rejects credentials in the URL without repeating them', () => {
    const result = checkHostUrl('https://admin:hunter2@farm-1.local:3080');
    expect(result.ok).toBe(false);
    expect(result.error).not.toContain('hunter2');
    expect(result.error).not.toContain('admin');
    expect(result.error).toContain('credentials');
    expect(checkHostUrl('https://admin@farm-1.local').ok).toBe(false);
  });
});

describe('validateHost', () => {
  const base: HostInput = farm1Input;
  const fresh = { otherNames: [], secretSet: false, storedAuth: null };

  it('passes a complete new host', () => {
    expect(validateHost(base, fresh)).toEqual({});
  });

  it('requires a name, unique case-insensitively', () => {
    expect(validateHost({ ...base, name: '  ' }, fresh).name).toBeDefined();
    expect(validateHost(base, { ...fresh, otherNames: ['farm 1'] }).name).toContain('already');
  });

  it('requires a username for API keys and passwords, not for tokens', () => {
    expect(validateHost({ ...base, auth: 'api-key' }, fresh).username).toBe('Enter the API key ID.');
    expect(validateHost({ ...base, auth: 'password' }, fresh).username).toContain('user name');
    expect(validateHost(base, fresh).username).toBeUndefined();
  });

  it('requires a secret for a new host, not when one is stored, and again when the method changes', () => {
    const noSecret = { ...base, secret: undefined };
    expect(validateHost(noSecret, fresh).secret).toBe('Enter the token.');
    expect(validateHost(noSecret, { otherNames: [], secretSet: true, storedAuth: 'token' })).toEqual({});
    expect(
      validateHost(
        { ...noSecret, auth: 'password', username: 'ci' },
        {
          otherNames: [],
          secretSet: true,
          storedAuth: 'token',
        },
      ).secret,
    ).toBe('Enter the password.');
  });

  it('rejects a malformed pinned fingerprint', () => {
    expect(validateHost({ ...base, pinnedFingerprint: 'abc' }, fresh).pinnedFingerprint).toBeDefined();
    const good = Array.from({ length: 32 }, () => 'AB').join(':');
    expect(validateHost({ ...base, pinnedFingerprint: good }, fresh).pinnedFingerprint).toBeUndefined();
  });

  it('hasErrors ignores empty records', () => {
    expect(hasErrors({})).toBe(false);
    expect(hasErrors({ url: 'x' })).toBe(true);
  });
});

describe('validateRules', () => {
  it.each([
    [null, null],
    [10, null],
    [86_400, null],
    [9, 'Choose'],
    [86_401, 'Choose'],
    [12.5, 'Choose'],
  ])('connectionLostAfterSeconds %s', (value, message) => {
    const result = validateRules({ ...DEFAULT_NOTIFICATION_RULES, connectionLostAfterSeconds: value });
    if (message === null) expect(result).toBeNull();
    else expect(result).toContain(message);
  });
});

describe('redactUrl', () => {
  it('hides credentials typed into a URL, and leaves clean URLs alone', () => {
    expect(redactUrl('https://admin:hunter2@farm-1.local:3080/api')).toBe(
      'https://•••@farm-1.local:3080/api',
    );
    expect(redactUrl('https://farm-1.local:3080/a@b')).toBe('https://farm-1.local:3080/a@b');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});
