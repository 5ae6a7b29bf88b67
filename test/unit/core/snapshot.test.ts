import { describe, expect, it } from 'vitest';
import { displayUrl, sameIdentity } from '../../../src/main/core/snapshot';
import { hostConfig } from '../../support/host-config';

describe('snapshot helpers', () => {
  it('never shows credentials or query strings in a host URL', () => {
    expect(displayUrl('https://root:secret@farm.local:3080/prefix/?access_token=abc#x')).toBe(
      'https://farm.local:3080/prefix',
    );
    expect(displayUrl('not a url')).toBe('not a url');
  });

  it('identity = url + auth method + username; name and pin are not identity', () => {
    const a = hostConfig({ id: 'a', name: 'A', url: 'http://x:1' });
    expect(sameIdentity(a, { ...a, name: 'B', pinnedFingerprint: 'AA' })).toBe(true);
    expect(sameIdentity(a, { ...a, url: 'http://x:2' })).toBe(false);
    expect(sameIdentity(a, { ...a, auth: 'password' })).toBe(false);
  });
});
