import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { connectWs, upgradeRefusal } from '../../sim/test-client';

let sim: Simulator;
const clock = { t: Date.now(), now: () => clock.t };

beforeEach(async () => {
  clock.t = Date.now();
  sim = await startSimulator({ vms: 2, flushIntervalMs: 5, tokenLifetimeSec: 60, clock });
});
afterEach(async () => {
  await sim.close();
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${sim.url}${path}`, { headers });
const login = (body: unknown): Promise<Response> =>
  fetch(`${sim.url}/api/v1/auth/token`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
const NO_CREDS = {
  error: 'unauthorized_client',
  error_description: 'API key must be in format base64(key:secret)',
};
const EXPIRED = { error: 'unauthorized_client', error_description: 'Token is expired' };

describe('auth matrix', () => {
  it('bearer and API key both work on REST and WS', async () => {
    expect((await get('/api/v1/machines', { Authorization: `Bearer ${sim.issueToken()}` })).status).toBe(200);
    expect((await get('/api/machines', { 'X-Api-Key': sim.credentials.apiKey })).status).toBe(200);
    const bearer = await connectWs(sim);
    const key = await connectWs(sim, { auth: false, headers: { 'X-Api-Key': sim.credentials.apiKey } });
    expect((await bearer.next()).message).toMatch(/^WebSocket connection established/);
    expect((await key.next()).message).toMatch(/^WebSocket connection established/);
    bearer.close();
    key.close();
  });

  it('both headers -> 401 null; none -> 401 OAuth body', async () => {
    const both = { Authorization: `Bearer ${sim.issueToken()}`, 'X-Api-Key': sim.credentials.apiKey };
    const r = await get('/api/v1/machines', both);
    expect(r.status).toBe(401);
    expect(await r.text()).toBe('null');
    expect(await upgradeRefusal(sim, { auth: false, headers: both })).toEqual({ status: 401, body: 'null' });

    const none = await get('/api/v1/machines');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(NO_CREDS);
    const ws = await upgradeRefusal(sim, { auth: false });
    expect(ws.status).toBe(401);
    expect(JSON.parse(ws.body)).toEqual(NO_CREDS);
    expect(sim.stats.wsRejected[401]).toBe(2);
  });

  it('an expired token -> 401 "Token is expired"', async () => {
    const token = sim.issueToken();
    clock.t += 61_000;
    const r = await get('/api/v1/machines', { Authorization: `Bearer ${token}` });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual(EXPIRED);
    const ws = await upgradeRefusal(sim, { auth: false, headers: { Authorization: `Bearer ${token}` } });
    expect(JSON.parse(ws.body)).toEqual(EXPIRED);
  });

  it('revoked tokens -> 401 "Token is expired", while the password still logs in', async () => {
    const token = sim.issueToken();
    sim.revokeAllTokens();
    const r = await get('/api/v1/machines', { Authorization: `Bearer ${token}` });
    expect(await r.json()).toEqual(EXPIRED);
    const { username, password } = sim.credentials;
    const fresh = await login({ username, password });
    expect(fresh.status).toBe(200);
    const body = (await fresh.json()) as { email: string; token: string; expires_at: number };
    expect(body.email).toBe('root@localhost');
    expect(body.expires_at).toBe(Math.floor(clock.t / 1000) + 60);
    expect((await get('/api/v1/machines', { Authorization: `Bearer ${body.token}` })).status).toBe(200);
  });

  it('token endpoint: email, API key, wrong password (404), unknown user, bad body', async () => {
    expect((await login({ email: 'ROOT@localhost', password: sim.credentials.password })).status).toBe(200);
    const viaKey = await login({ api_key: sim.credentials.apiKey });
    expect(viaKey.status).toBe(200);
    const keyToken = ((await viaKey.json()) as { token: string }).token;
    expect((await get('/api/v1/machines', { Authorization: `Bearer ${keyToken}` })).status).toBe(200);

    const wrong = await login({ username: 'root', password: 'nope' });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ message: 'Invalid user or Password', code: 404 });

    sim.setPassword('root', 'changed');
    expect((await login({ username: 'root', password: 'hubwatch-demo' })).status).toBe(404);
    expect((await login({ username: 'root', password: 'changed' })).status).toBe(200);

    expect((await login({ username: 'ghost', password: 'x' })).status).toBe(404);
    const empty = await login({});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      code: 400,
      diagnostics: { errors: [{ message: 'Either email, username or api_key must be provided' }] },
    });
    const bad = await fetch(`${sim.url}/api/v1/auth/token`, { method: 'POST', body: 'username=root' });
    expect(bad.status).toBe(400);
    expect(sim.stats.tokenRequests).toBe(8);
  });

  it('health probe needs no auth', async () => {
    const r = await get('/api/health/probe');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'OK' });
  });
});

/** POST /auth/token on a fresh socket (no keep-alive: the restart below would kill a pooled one). */
function signIn(base: string, body: object): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/v1/auth/token`,
      { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('brute-force guard (security/brute_force_guard/main.go, test/sim/brute-force.ts)', () => {
  it('from the 5th wrong password on the 404 waits (n - 4) × the block duration; the right password resets it, a restart does not', async () => {
    const s = await startSimulator({ vms: 1, flushIntervalMs: 5, bruteForce: { blockDurationMs: 120 } });
    const wrong = (): Promise<{ status: number; ms: number }> =>
      signIn(s.url, { username: 'root', password: 'nope' });
    try {
      for (let i = 1; i <= 4; i++) expect((await wrong()).status).toBe(404);
      expect(s.failedLogins('root')).toBe(4);
      const fifth = await wrong();
      const sixth = await wrong();
      // Lower bounds only: a timer never fires early, so these cannot flake on a loaded machine.
      expect(fifth.status).toBe(404);
      expect(fifth.ms).toBeGreaterThanOrEqual(115);
      expect(sixth.ms).toBeGreaterThanOrEqual(235);
      await s.restart();
      expect(s.failedLogins('root'), 'kept in the user database across a restart').toBe(6);
      const ok = await signIn(s.url, { username: 'ROOT', password: s.credentials.password });
      expect(ok.status).toBe(200);
      expect(s.failedLogins('root')).toBe(0);
      // An unknown user never reaches the guard (GetTokenHandler returns first).
      expect((await signIn(s.url, { username: 'ghost', password: 'nope' })).status).toBe(404);
      expect(s.failedLogins('ghost')).toBe(0);
    } finally {
      await s.close();
    }
  });
});
