import { describe, expect, it } from 'vitest';
import { tokenVerdict, type TokenVerdictInput } from '../../../src/main/core/token-verdict';

const NOW = Date.UTC(2026, 7, 18, 10, 0);
const base: TokenVerdictInput = {
  auth: 'token',
  rejection: 'Unauthorized',
  expiresAt: null,
  everLive: false,
  now: NOW,
};

describe('tokenVerdict', () => {
  it.each([
    ['an API key', { auth: 'api-key' as const, rejection: 'Token is expired' }],
    ['a password', { auth: 'password' as const, everLive: true }],
    ['a token that never worked and has not expired', { expiresAt: NOW + 60_000 }],
  ])('none for %s', (_what, over) => {
    expect(tokenVerdict({ ...base, ...over })).toBeNull();
  });

  it('expired when the server says so, even for a token that never worked', () => {
    const verdict = tokenVerdict({ ...base, rejection: 'Token is expired' });
    expect(verdict?.reason).toBe('token-expired');
    expect(verdict?.message).toMatch(/^The token expired\. Hubwatch stopped watching this host/);
  });

  it('expired when its exp has passed, with the time it expired', () => {
    const expiresAt = NOW - 1_000;
    const verdict = tokenVerdict({ ...base, expiresAt });
    expect(verdict?.reason).toBe('token-expired');
    expect(verdict?.message).toContain(`expired at ${new Date(expiresAt).toLocaleTimeString()}.`);
  });

  it('invalidated when a token that worked is rejected before its exp', () => {
    const verdict = tokenVerdict({ ...base, everLive: true, expiresAt: NOW + 60_000 });
    expect(verdict).toEqual({
      reason: 'token-invalidated',
      message: expect.stringMatching(
        /^The token was invalidated \(the server restarted or revoked it\)\./,
      ) as string,
    });
  });

  it('expired at the very millisecond of its exp, and the server saying so in any case', () => {
    expect(tokenVerdict({ ...base, expiresAt: NOW })?.reason).toBe('token-expired');
    expect(tokenVerdict({ ...base, rejection: 'TOKEN IS EXPIRED' })?.reason).toBe('token-expired');
    expect(tokenVerdict({ ...base, expiresAt: NOW + 1 })).toBeNull();
  });

  it('expired wins over invalidated for a token that worked, and both tell the user what to do', () => {
    const expired = tokenVerdict({ ...base, everLive: true, expiresAt: NOW - 1 });
    expect(expired?.reason).toBe('token-expired');
    const advice =
      'Hubwatch stopped watching this host: paste a new token, or better, use an API key or user + password.';
    expect(expired?.message.endsWith(advice)).toBe(true);
    // No exp could be read: a token that worked and is now rejected (without 'expired') was invalidated.
    const invalidated = tokenVerdict({ ...base, everLive: true });
    expect(invalidated?.reason).toBe('token-invalidated');
    expect(invalidated?.message.endsWith(advice)).toBe(true);
  });
});
