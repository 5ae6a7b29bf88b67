import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../support/silent-logger';
import { HubRequestError } from '../../../src/main/hub/errors';
import { httpRequest } from '../../../src/main/hub/http';
import { HubRestClient, type HubAuth } from '../../../src/main/hub/rest';
import { FakeTime } from '../../support/fake-time';
import { json, startLocalServer, type LocalServer, type Recorded } from './local-server';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../fixtures/events-hub/rest', name), 'utf8');
const MACHINES = fixture('machines.json');
const PASSWORD = 'correct horse battery';
const TOKEN = 'static-token-abcdef';

let server: LocalServer;
let time: FakeTime;
let tokenSeq: number;

function client(
  auth: HubAuth,
  extra: Partial<{ timeoutMs: number; actionTimeoutMs: number }> = {},
): HubRestClient {
  return new HubRestClient({
    baseUrl: server.url,
    auth,
    trust: { pinnedFingerprint: null },
    clock: time,
    logger: silentLogger,
    ...extra,
  });
}

const machineRequests = (): Recorded[] => server.requests.filter((r) => r.url === '/api/v1/machines');
const tokenRequests = (): Recorded[] => server.requests.filter((r) => r.url === '/api/v1/auth/token');

async function expectError(promise: Promise<unknown>, kind: string): Promise<HubRequestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HubRequestError);
    expect((error as HubRequestError).kind).toBe(kind);
    return error as HubRequestError;
  }
  throw new Error(`expected a ${kind} error`);
}

beforeEach(async () => {
  server = await startLocalServer();
  time = new FakeTime();
  tokenSeq = 0;
  // A server that issues 1-hour tokens for the right password and serves machines to any bearer it issued.
  server.handler = (req, res) => {
    if (req.url === '/api/v1/auth/token' && req.method === 'POST') {
      const body = JSON.parse(req.body) as { password?: string };
      if (body.password !== PASSWORD)
        return json(res, 404, JSON.parse(fixture('auth-token-bad-password-404.json')));
      tokenSeq += 1;
      return json(res, 200, {
        email: 'root@localhost',
        token: `jwt-${tokenSeq}`,
        expires_at: Math.floor(time.now() / 1000) + 3600,
      });
    }
    if (req.url === '/api/v1/machines') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(MACHINES);
    }
    return json(res, 404, { message: 'Not Found', code: 404 });
  };
});
afterEach(async () => {
  await server.close();
});

describe('auth headers', () => {
  it('token: exactly one Authorization: Bearer header', async () => {
    const vms = await client({ method: 'token', token: TOKEN }).listMachines();
    expect(vms.length).toBeGreaterThan(0);
    const h = machineRequests()[0]!.headers;
    expect(h.authorization).toBe(`Bearer ${TOKEN}`);
    expect(h['x-api-key']).toBeUndefined();
  });

  it('api-key: exactly one X-Api-Key: base64(id:secret) header', async () => {
    await client({ method: 'api-key', keyId: 'ci-key', secret: 's3cret-value' }).listMachines();
    const h = machineRequests()[0]!.headers;
    expect(h['x-api-key']).toBe(Buffer.from('ci-key:s3cret-value').toString('base64'));
    expect(h.authorization).toBeUndefined();
  });

  it('password: POST /auth/token (JSON username or email), then Bearer <jwt>', async () => {
    await client({ method: 'password', username: 'root', password: PASSWORD }).listMachines();
    await client({ method: 'password', username: 'root@localhost', password: PASSWORD }).listMachines();
    expect(tokenRequests().map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { username: 'root', password: PASSWORD },
      { email: 'root@localhost', password: PASSWORD },
    ]);
    expect(tokenRequests()[0]!.headers['content-type']).toBe('application/json');
    expect(machineRequests().map((r) => r.headers.authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    expect(machineRequests().every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
  });

  it('refreshes the JWT at least 60 s before expires_at (fake clock), not earlier', async () => {
    const rest = client({ method: 'password', username: 'root', password: PASSWORD });
    const start = time.now();
    await rest.listMachines();
    time.setNow(start + 3600_000 - 61_000);
    await rest.listMachines();
    expect(tokenRequests()).toHaveLength(1);
    time.setNow(start + 3600_000 - 59_000);
    await rest.listMachines();
    expect(tokenRequests()).toHaveLength(2);
    expect(machineRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer jwt-1',
      'Bearer jwt-1',
      'Bearer jwt-2',
    ]);
  });

  it('concurrent callers share one token request', async () => {
    const rest = client({ method: 'password', username: 'root', password: PASSWORD });
    await Promise.all([rest.listMachines(), rest.listMachines(), rest.authHeaders(), rest.listMachines()]);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('a wrong password (404 from /auth/token) is unauthorized, and the password is not in the message', async () => {
    const error = await expectError(
      client({ method: 'password', username: 'root', password: 'wrong-password' }).listMachines(),
      'unauthorized',
    );
    expect(error.message).toBe('Credentials rejected by the host (Invalid user or Password)');
    expect(error.message).not.toContain('wrong-password');
  });
});

describe('401 handling', () => {
  it('password: 401 -> one refresh + one retry -> unauthorized (no loop)', async () => {
    server.handler = (req, res) => {
      if (req.url === '/api/v1/auth/token')
        return json(res, 200, {
          token: `jwt-${++tokenSeq}`,
          expires_at: Math.floor(time.now() / 1000) + 3600,
        });
      return json(res, 401, JSON.parse(fixture('ws-401-expired.json')));
    };
    const error = await expectError(
      client({ method: 'password', username: 'root', password: PASSWORD }).listMachines(),
      'unauthorized',
    );
    expect(error.message).toBe('Credentials rejected by the host (Token is expired)');
    expect(error.status).toBe(401);
    expect(tokenRequests()).toHaveLength(2);
    expect(machineRequests().map((r) => r.headers.authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
  });

  it('password: 401 once (token revoked) -> refresh -> retry succeeds', async () => {
    let first = true;
    const base = server.handler;
    server.handler = (req, res) => {
      if (req.url === '/api/v1/machines' && first) {
        first = false;
        return json(res, 401, JSON.parse(fixture('ws-401-expired.json')));
      }
      return base(req, res);
    };
    const vms = await client({ method: 'password', username: 'root', password: PASSWORD }).listMachines();
    expect(vms.length).toBeGreaterThan(0);
    expect(machineRequests()).toHaveLength(2);
  });

  it('static token: 401 -> no refresh possible -> unauthorized after one request', async () => {
    server.handler = (_req, res) => json(res, 401, null);
    const error = await expectError(client({ method: 'token', token: TOKEN }).listMachines(), 'unauthorized');
    expect(error.message).toBe('Credentials rejected by the host');
    expect(machineRequests()).toHaveLength(1);
  });

  it('secrets echoed by the server never appear in error messages', async () => {
    const apiKey = { method: 'api-key', keyId: 'key-id', secret: 'api-secret-value' } as const;
    const encoded = Buffer.from('key-id:api-secret-value').toString('base64');
    server.handler = (req, res) =>
      json(res, 401, {
        error: 'unauthorized_client',
        error_description: `bad key ${String(req.headers['x-api-key'])} / ${String(req.headers.authorization)} / api-secret-value`,
      });
    const e1 = await expectError(client(apiKey).listMachines(), 'unauthorized');
    expect(e1.message).not.toContain('api-secret-value');
    expect(e1.message).not.toContain(encoded);
    const e2 = await expectError(client({ method: 'token', token: TOKEN }).listMachines(), 'unauthorized');
    expect(e2.message).not.toContain(TOKEN);
    server.handler = (req, res) => json(res, 404, { message: `no user for ${req.body}`, code: 404 });
    const e3 = await expectError(
      client({ method: 'password', username: 'root', password: PASSWORD }).listMachines(),
      'unauthorized',
    );
    expect(e3.message).not.toContain(PASSWORD);
  });
});

describe('bad responses', () => {
  const cases: [string, (res: ServerResponse) => void, RegExp][] = [
    [
      'an HTML page',
      (res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!doctype html><html>router login</html>');
      },
      /HTML page, not JSON/,
    ],
    ['null', (res) => json(res, 200, null), /answered null/],
    [
      'an object instead of an array',
      (res) => json(res, 200, { machines: [] }),
      /not a JSON array \(got object\)/,
    ],
    [
      'plain text',
      (res) => {
        res.writeHead(200);
        res.end('OK');
      },
      /not JSON/,
    ],
    [
      'an empty body',
      (res) => {
        res.writeHead(200);
        res.end();
      },
      /empty body/,
    ],
  ];
  it.each(cases)('listMachines rejects %s with a clear bad-response', async (_name, respond, message) => {
    server.handler = (_req, res) => respond(res);
    const error = await expectError(client({ method: 'token', token: TOKEN }).listMachines(), 'bad-response');
    expect(error.message).toMatch(message);
  });

  it('a 503 diagnostics body maps to unavailable with the short error text', async () => {
    server.handler = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(fixture('ws-503.json'));
    };
    const error = await expectError(client({ method: 'token', token: TOKEN }).listMachines(), 'unavailable');
    expect(error.message).toBe(
      'Listing VMs: the service is unavailable (EventEmitter service is not available)',
    );
  });
});

describe('machines, actions, version', () => {
  it('getMachine: the VM, or null on 404', async () => {
    server.handler = (req, res) => {
      if (req.url === '/api/v1/machines/ci%20runner')
        return json(res, 200, { ID: 'x1', Name: 'ci runner', State: 'running', OS: 'macosx' });
      return json(res, 404, JSON.parse(fixture('machine-not-found-404.json')));
    };
    const rest = client({ method: 'token', token: TOKEN });
    expect(await rest.getMachine('ci runner')).toEqual({
      id: 'x1',
      name: 'ci runner',
      state: 'running',
      os: 'macosx',
    });
    expect(await rest.getMachine('gone')).toBeNull();
  });

  it('runAction: PUT; on 405 falls back to GET once and remembers it', async () => {
    server.handler = (req, res) => {
      if (req.method === 'PUT') return json(res, 405, { message: 'Method Not Allowed' });
      return json(res, 200, JSON.parse(fixture('vm-action-200.json')));
    };
    const rest = client({ method: 'token', token: TOKEN });
    expect(await rest.runAction('vm-1', 'stop', true)).toEqual({ message: 'Stop: Success' });
    expect(await rest.runAction('vm-1', 'start')).toEqual({ message: 'Start: Success' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /api/v1/machines/vm-1/stop?force=true',
      'GET /api/v1/machines/vm-1/stop?force=true',
      'GET /api/v1/machines/vm-1/start',
    ]);
  });

  it('runAction: a VM-not-found 404 is not a method mismatch', async () => {
    server.handler = (_req, res) => json(res, 404, JSON.parse(fixture('machine-not-found-404.json')));
    const error = await expectError(
      client({ method: 'token', token: TOKEN }).runAction('nope', 'start'),
      'not-found',
    );
    expect(error.message).toContain('Virtual machine not found');
    expect(server.requests).toHaveLength(1);
  });

  it('runAction: precondition 400 carries the server reason', async () => {
    server.handler = (_req, res) => json(res, 400, JSON.parse(fixture('vm-action-precondition-400.json')));
    const error = await expectError(
      client({ method: 'token', token: TOKEN }).runAction('vm-1', 'start'),
      'precondition',
    );
    expect(error.message).toBe('Start refused (VM is not stopped)');
  });

  it('serverInfo: devops_version, or null when the key may not read it', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(fixture('config-hardware-200.json'));
    };
    expect(await client({ method: 'token', token: TOKEN }).serverInfo()).toEqual({ devopsVersion: '1.0.5' });
    server.handler = (_req, res) =>
      json(res, 401, { error: 'unauthorized_client', error_description: 'missing [LIST]' });
    expect(await client({ method: 'token', token: TOKEN }).serverInfo()).toEqual({ devopsVersion: null });
  });

  it('honours an API prefix and tolerates a pasted /api suffix', async () => {
    await new HubRestClient({
      baseUrl: `${server.url}/devops/api/`,
      auth: { method: 'token', token: TOKEN },
      trust: { pinnedFingerprint: null },
      clock: time,
      logger: silentLogger,
    })
      .listMachines()
      .catch(() => undefined);
    expect(server.requests[0]!.url).toBe('/devops/api/v1/machines');
  });
});

describe('network failures', () => {
  it('a server that never answers -> timeout', async () => {
    server.handler = () => undefined; // hold the request open
    const error = await expectError(
      client({ method: 'token', token: TOKEN }, { timeoutMs: 150 }).listMachines(),
      'timeout',
    );
    expect(error.message).toMatch(/did not answer within/);
  });

  it('a closed port -> unreachable (connection refused)', async () => {
    const port = server.port;
    await server.close();
    server = await startLocalServer(); // afterEach closes this one
    const rest = new HubRestClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { method: 'token', token: TOKEN },
      trust: { pinnedFingerprint: null },
      clock: time,
      logger: silentLogger,
    });
    const error = await expectError(rest.listMachines(), 'unreachable');
    expect(error.message).toBe(`Cannot reach 127.0.0.1:${port} (connection refused)`);
    expect(error.message).not.toContain(TOKEN);
  });

  it('a body over the cap is refused', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(64 * 1024));
    };
    const error = await expectError(
      httpRequest({
        method: 'GET',
        url: new URL(server.url),
        trust: { pinnedFingerprint: null },
        timeoutMs: 5_000,
        maxBodyBytes: 1024,
      }),
      'bad-response',
    );
    expect(error.message).toMatch(/larger than/);
  });

  it('an AbortSignal cancels an in-flight request', async () => {
    server.handler = () => undefined;
    const controller = new AbortController();
    const pending = httpRequest({
      method: 'GET',
      url: new URL(server.url),
      trust: { pinnedFingerprint: null },
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expectError(pending, 'cancelled');
  });
});
