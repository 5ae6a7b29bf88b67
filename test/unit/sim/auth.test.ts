import { describe, expect, it } from 'vitest';
import { AuthService, MSG_EXPIRED, MSG_KEY_FORMAT } from '../../sim/auth';

function setup(lifetimeSec = 60) {
  const clock = {
    t: 1_800_000_000_000,
    now() {
      return this.t;
    },
  };
  const auth = new AuthService(
    [{ username: 'root', email: 'root@localhost', password: 'pw' }],
    [{ id: 'key1', secret: 's3cret' }],
    lifetimeSec,
    clock,
  );
  return { auth, clock };
}
const q = (s = ''): URLSearchParams => new URLSearchParams(s);
const key = (s: string): string => Buffer.from(s).toString('base64');

describe('simulator JWTs', () => {
  it('issues JWT-shaped HS256 tokens with email and exp in seconds', () => {
    const { auth, clock } = setup(3600);
    const { token, expiresAt } = auth.issueToken(auth.defaultUser);
    const [h, p, s] = token.split('.');
    expect(s).toBeTruthy();
    expect(JSON.parse(Buffer.from(h ?? '', 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ email: 'root@localhost', username: 'root', exp: expiresAt });
    expect(expiresAt).toBe(clock.t / 1000 + 3600);
    expect(auth.verifyToken(token)).toMatchObject({ ok: true });
  });

  it('reports expiry, tampering, garbage and revocation with the real texts', () => {
    const { auth, clock } = setup(60);
    const { token } = auth.issueToken(auth.defaultUser);
    const [h, p] = token.split('.');
    expect(auth.verifyToken(`${h}.${p}.AAAA`)).toEqual({ ok: false, error: 'invalid token' });
    expect(auth.verifyToken('not-a-jwt')).toEqual({ ok: false, error: 'token is invalid' });
    clock.t += 60_000;
    expect(auth.verifyToken(token)).toEqual({ ok: false, error: MSG_EXPIRED });

    const fresh = auth.issueToken(auth.defaultUser).token;
    auth.revokeAll();
    expect(auth.verifyToken(fresh)).toEqual({ ok: false, error: MSG_EXPIRED });
    expect(auth.verifyToken(auth.issueToken(auth.defaultUser).token)).toMatchObject({ ok: true });
  });
});

describe('middleware chain', () => {
  it('accepts a bearer header, a query token and an API key', () => {
    const { auth } = setup();
    const t = auth.issueToken(auth.defaultUser).token;
    expect(auth.authenticate({ authorization: `Bearer ${t}` }, q())).toMatchObject({
      ok: true,
      principal: { kind: 'user' },
    });
    expect(auth.authenticate({}, q(`access_token=${t}`))).toMatchObject({ ok: true });
    expect(auth.authenticate({}, q(`authorization=Bearer%20${t}`))).toMatchObject({ ok: true });
    expect(auth.authenticate({ 'x-api-key': key('key1:s3cret') }, q())).toEqual({
      ok: true,
      principal: { kind: 'api-key', keyId: 'key1' },
    });
  });

  it('gives the real 401 bodies', () => {
    const { auth, clock } = setup(1);
    const t = auth.issueToken(auth.defaultUser).token;
    const both = auth.authenticate({ authorization: `Bearer ${t}`, 'x-api-key': key('key1:s3cret') }, q());
    expect(both).toEqual({ ok: false, body: null });
    expect(auth.authenticate({}, q())).toEqual({
      ok: false,
      body: { error: 'unauthorized_client', error_description: MSG_KEY_FORMAT },
    });
    expect(auth.authenticate({ authorization: 'Basic abc' }, q())).toEqual({ ok: false, body: null });
    clock.t += 5_000;
    expect(auth.authenticate({ authorization: `Bearer ${t}` }, q())).toEqual({
      ok: false,
      body: { error: 'unauthorized_client', error_description: 'Token is expired' },
    });
    // A bad query token is overwritten by the ApiKey middleware's complaint.
    expect(auth.authenticate({}, q(`access_token=${t}`))).toEqual({
      ok: false,
      body: { error: 'unauthorized_client', error_description: MSG_KEY_FORMAT },
    });
  });

  it.each([
    ['', MSG_KEY_FORMAT],
    [key('no-colon'), 'Invalid API key format'],
    [key('other:s3cret'), 'Invalid API key'],
    [key('key1:wrong'), 'Invalid API key secret'],
  ])('API key %j -> %s', (value, message) => {
    const { auth } = setup();
    expect(auth.authenticate({ 'x-api-key': value }, q())).toEqual({
      ok: false,
      body: { error: 'unauthorized_client', error_description: message },
    });
  });
});
