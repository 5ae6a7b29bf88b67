import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHubConnection } from '../../../src/main/hub/test-connection';
import { silentLogger } from '../../support/silent-logger';
import { systemClock, systemTimers } from '../../../src/main/kernel/clock';
import type { HostConfig } from '../../../src/shared/settings';
import { hostConfig } from '../../support/host-config';
import { json, startLocalServer, type LocalServer } from './local-server';

let server: LocalServer;
const deps = { clock: systemClock, timers: systemTimers, logger: silentLogger, timeoutMs: 2_000 };
const SECRET = 'super-secret-token';

const host = (overrides: Partial<HostConfig> = {}): HostConfig =>
  hostConfig({ id: 'h1', name: 'farm', url: server.url, ...overrides });

beforeEach(async () => {
  server = await startLocalServer();
  server.handler = (req, res) => {
    if (req.url === '/api/health/probe') return json(res, 200, { status: 'OK' });
    if (req.url === '/api/v1/auth/token')
      return json(res, 404, { message: 'Invalid user or Password', code: 404 });
    if (req.url === '/api/v1/machines') {
      if (req.headers.authorization !== `Bearer ${SECRET}`)
        return json(res, 401, { error: 'unauthorized_client', error_description: 'invalid token' });
      return json(res, 200, [
        { ID: 'a', Name: 'a', State: 'running' },
        { ID: 'b', Name: 'b', State: 'stopped' },
      ]);
    }
    if (req.url === '/api/v1/config/hardware') return json(res, 200, { devops_version: '1.0.4' });
    return json(res, 404, { message: 'Not Found', code: 404 });
  };
});
afterEach(async () => {
  await server.close();
});

describe('testHubConnection', () => {
  it('ok: version, VM count and the welcome subscriptions', async () => {
    expect(await testHubConnection(host(), SECRET, deps)).toEqual({
      kind: 'ok',
      serverVersion: '1.0.4',
      vmCount: 2,
      subscriptions: ['pdfm', 'global'],
    });
    expect(server.upgrades).toHaveLength(1);
    expect(server.upgrades[0]!.url).toBe('/api/v1/ws/subscribe?event_types=pdfm');
  });

  it('checks run in order: no credentials are sent to something that is not a hub', async () => {
    server.handler = (_req, res) => json(res, 404, { message: 'nope' });
    const result = await testHubConnection(host(), SECRET, deps);
    expect(result.kind).toBe('not-events-hub');
    expect(server.requests.map((r) => r.url)).toEqual(['/api/health/probe']);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('an HTML page on the probe is not an Events Hub', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>NAS admin</html>');
    };
    expect(await testHubConnection(host(), SECRET, deps)).toMatchObject({
      kind: 'not-events-hub',
      detail: expect.stringContaining('did not answer JSON'),
    });
  });

  it('a rejected token or password is credentials-rejected, and the secret is not in the detail', async () => {
    const token = await testHubConnection(host(), 'wrong-token-value', deps);
    expect(token).toEqual({
      kind: 'credentials-rejected',
      detail: 'Credentials rejected by the host (invalid token)',
    });
    const password = await testHubConnection(
      host({ auth: 'password', username: 'root' }),
      'wrong-password-value',
      deps,
    );
    expect(password).toEqual({
      kind: 'credentials-rejected',
      detail: 'Credentials rejected by the host (Invalid user or Password)',
    });
    expect(JSON.stringify([token, password])).not.toMatch(/wrong-(token|password)-value/);
  });

  it('no stored secret is reported, not sent', async () => {
    expect(await testHubConnection(host({ auth: 'api-key', username: 'key1' }), null, deps)).toEqual({
      kind: 'credentials-rejected',
      detail: 'No API key secret is set for this host',
    });
    expect(server.requests.filter((r) => r.url !== '/api/health/probe')).toHaveLength(0);
  });

  it('the WebSocket refusing the same credentials is reported', async () => {
    server.onUpgrade = () => ({
      status: 401,
      body: JSON.stringify({ error: 'unauthorized_client', error_description: 'Token is expired' }),
    });
    expect(await testHubConnection(host(), SECRET, deps)).toEqual({
      kind: 'credentials-rejected',
      detail: 'WebSocket: Credentials rejected by the host (Token is expired)',
    });
  });

  it('a WebSocket that never sends its welcome times out with a clear message', async () => {
    server.onConnection = () => undefined;
    expect(await testHubConnection(host(), SECRET, { ...deps, timeoutMs: 300 })).toEqual({
      kind: 'error',
      detail: 'The WebSocket did not send its welcome within 300 ms',
    });
  });

  it('unreachable and invalid URLs', async () => {
    const port = server.port;
    await server.close();
    server = await startLocalServer();
    expect(await testHubConnection(host({ url: `http://127.0.0.1:${port}` }), SECRET, deps)).toEqual({
      kind: 'unreachable',
      detail: `Cannot reach 127.0.0.1:${port} (connection refused)`,
    });
    expect(await testHubConnection(host({ url: 'not a url' }), SECRET, deps)).toMatchObject({
      kind: 'error',
    });
  });
});
