import { describe, expect, it } from 'vitest';
import { redact, safeUrl } from '../../../src/main/kernel/redact';

describe('redact', () => {
  it('masks secrets in raw, URI-encoded and base64 form', () => {
    const secret = 'p@ss w0rd!';
    const text = `login ${secret} url ?pw=${encodeURIComponent(secret)} hdr ${Buffer.from(secret).toString('base64')}`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    expect(out).toContain('login ***');
  });

  it('masks bearer tokens and JWTs even when not listed', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6InJvb3QifQ.c2lnbmF0dXJl';
    expect(redact(`Authorization: Bearer abc.def-123`)).toBe('Authorization: Bearer ***');
    expect(redact(`token=${jwt} end`)).toBe('token=*** end');
  });

  it('ignores tiny or missing secrets rather than shredding the text', () => {
    expect(redact('a b c', ['a', null, undefined, ''])).toBe('a b c');
  });

  it('escapes regex characters in secrets', () => {
    expect(redact('x (a+b)* y', ['(a+b)*'])).toBe('x *** y');
  });
});

describe('safeUrl', () => {
  it('strips userinfo and masks credential query parameters, keeps the rest', () => {
    const out = safeUrl(
      'wss://root:hunter22@hub.local:3080/api/v1/ws/subscribe?event_types=pdfm&access_token=eyJx.y.z&Authorization=Bearer%20abc',
    );
    expect(out).not.toContain('hunter22');
    expect(out).not.toContain('root@');
    expect(out).not.toContain('eyJx');
    expect(out).not.toContain('abc');
    expect(out).toContain('event_types=pdfm');
    expect(out).toContain('hub.local:3080/api/v1/ws/subscribe');
  });

  it('never throws on garbage', () => {
    expect(safeUrl('not a url user:pw@host')).not.toContain('pw@');
  });
});
