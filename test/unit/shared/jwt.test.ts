import { describe, expect, it } from 'vitest';
import { describeTokenLifetime, readJwtLifetime } from '../../../src/shared/jwt';

const b64url = (v: object | string): string =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const jwt = (claims: object): string => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.sig`;

describe('readJwtLifetime', () => {
  it('reads exp and iat in epoch ms without checking the signature', () => {
    expect(readJwtLifetime(jwt({ exp: 1_800_000_000, iat: 1_799_999_100, email: 'ü@x' }))).toEqual({
      expiresAt: 1_800_000_000_000,
      issuedAt: 1_799_999_100_000,
    });
  });
  it('null for anything that is not a JWT with a numeric exp', () => {
    for (const t of [
      '',
      'abc',
      'a.b',
      'a.!!!.c',
      jwt({ exp: 'soon' }),
      jwt({}),
      `${b64url('x')}.${b64url('[1]')}.s`,
    ])
      expect(readJwtLifetime(t)).toBeNull();
  });
});

describe('describeTokenLifetime', () => {
  const now = 1_800_000_000_000;
  it('says how long a 15-minute server token still works and why an API key is better', () => {
    const text = describeTokenLifetime(jwt({ exp: now / 1000 + 15 * 60 }), now);
    expect(text).toMatch(/about 15 min more/);
    expect(text).toMatch(/API key/);
  });
  it('says when a token already expired', () => {
    expect(describeTokenLifetime(jwt({ exp: now / 1000 - 3 * 3600 }), now)).toMatch(/expired 3 h ago/);
  });
  it('null for an opaque token', () => {
    expect(describeTokenLifetime('not-a-jwt', now)).toBeNull();
  });
});
