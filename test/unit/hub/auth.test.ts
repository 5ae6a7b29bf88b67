import { describe, expect, it, vi } from 'vitest';
import { apiKeyHeader, jwtExpiry, parseTokenResponse, TokenManager } from '../../../src/main/hub/auth';
import { HubRequestError } from '../../../src/main/hub/errors';
import { FakeTime } from '../../support/fake-time';

const jwtWithExp = (exp: number): string =>
  `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;

describe('token responses', () => {
  it('expires_at (seconds) becomes epoch ms', () => {
    expect(parseTokenResponse({ token: 't', expires_at: 1_766_000_000 }, 0)).toEqual({
      token: 't',
      expiresAt: 1_766_000_000_000,
    });
  });

  it('without expires_at, the JWT exp claim is used, else a short assumed lifetime', () => {
    expect(parseTokenResponse({ token: jwtWithExp(2_000_000_000) }, 0).expiresAt).toBe(2_000_000_000_000);
    expect(parseTokenResponse({ token: 'opaque' }, 1_000).expiresAt).toBe(1_000 + 10 * 60_000);
    expect(jwtExpiry('not.a-jwt.at-all')).toBeNull();
  });

  it.each([null, [], 'x', {}, { token: '' }, { token: 5 }])('rejects %j as bad-response', (body) => {
    expect(() => parseTokenResponse(body, 0)).toThrow(HubRequestError);
  });
});

describe('TokenManager', () => {
  it('static token and API key cannot be refreshed; headers are exactly one', async () => {
    const time = new FakeTime();
    const fetchToken = vi.fn();
    const token = new TokenManager({ method: 'token', token: 'abc' }, time, fetchToken);
    expect(await token.headers()).toEqual({ Authorization: 'Bearer abc' });
    expect(await token.refresh()).toBe(false);
    const key = new TokenManager({ method: 'api-key', keyId: 'id', secret: 'sec' }, time, fetchToken);
    expect(await key.headers()).toEqual({ 'X-Api-Key': apiKeyHeader('id', 'sec') });
    expect(apiKeyHeader('id', 'sec')).toBe(Buffer.from('id:sec').toString('base64'));
    expect(await key.refresh()).toBe(false);
    expect(fetchToken).not.toHaveBeenCalled();
  });

  it('a failed token request is not cached: the next call tries again', async () => {
    const time = new FakeTime();
    const fetchToken = vi
      .fn()
      .mockRejectedValueOnce(new HubRequestError('unreachable', 'down'))
      .mockResolvedValueOnce({ token: 'jwt', expiresAt: time.now() + 3_600_000 });
    const tm = new TokenManager({ method: 'password', username: 'root', password: 'pw' }, time, fetchToken);
    await expect(tm.headers()).rejects.toMatchObject({ kind: 'unreachable' });
    expect(await tm.headers()).toEqual({ Authorization: 'Bearer jwt' });
  });

  it('60 s server tokens (JWT_DURATION=60s) are reused for most of their life, not fetched per request', async () => {
    const time = new FakeTime();
    let n = 0;
    const fetchToken = vi.fn(async () => ({ token: `jwt-${++n}`, expiresAt: time.now() + 60_000 }));
    const tm = new TokenManager({ method: 'password', username: 'root', password: 'pw' }, time, fetchToken);
    for (let i = 0; i < 10; i++) {
      await tm.headers();
      time.advance(4_000); // 40 s of requests: still within 3/4 of the lifetime
    }
    expect(fetchToken).toHaveBeenCalledTimes(1);
    time.advance(10_000); // 50 s old: renewed before it expires
    expect(await tm.headers()).toEqual({ Authorization: 'Bearer jwt-2' });
  });

  it('refresh() during an in-flight acquisition shares it', async () => {
    const time = new FakeTime();
    let resolve: (v: { token: string; expiresAt: number }) => void = () => undefined;
    const fetchToken = vi.fn(() => new Promise<{ token: string; expiresAt: number }>((r) => (resolve = r)));
    const tm = new TokenManager({ method: 'password', username: 'root', password: 'pw' }, time, fetchToken);
    const h = tm.headers();
    const r = tm.refresh();
    resolve({ token: 'jwt-1', expiresAt: time.now() + 3_600_000 });
    expect(await h).toEqual({ Authorization: 'Bearer jwt-1' });
    expect(await r).toBe(true);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });
});
