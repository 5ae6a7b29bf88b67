import { describe, expect, it } from 'vitest';
import { checkHubUrl } from '../../../src/shared/hub-url';

describe('one hub URL rule for renderer and main', () => {
  it('normalises an http(s) URL, keeping the API prefix and dropping trailing slashes', () => {
    const check = checkHubUrl('https://farm-1.local:3080/devops/api//');
    expect(check.ok && check.normalized).toBe('https://farm-1.local:3080/devops/api');
  });

  it.each([
    ['not a url', 'unparsable'],
    ['ftp://farm-1.local', 'scheme'],
    ['https://user:pw@farm-1.local', 'credentials'],
    ['https://farm-1.local/?token=x', 'query-or-fragment'],
    ['https://farm-1.local/#x', 'query-or-fragment'],
  ] as const)('%s is refused as %s', (text, problem) => {
    expect(checkHubUrl(text)).toEqual({ ok: false, problem });
  });
});
