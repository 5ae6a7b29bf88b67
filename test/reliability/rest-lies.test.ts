// A server that answers REST with lies (HTML, wrong shapes, 200 null, truncated JSON, huge bodies): every call
// becomes a HubRequestError with a clear, short message, never a crash, never a silently empty list.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubRestClient } from '../../src/main/hub/rest';
import { HubRequestError } from '../../src/main/hub/errors';
import { silentLogger } from '../support/silent-logger';
import { systemClock } from '../../src/main/kernel/clock';

type Lie = { status: number; type: string; body: string | Buffer };
const LIES: Record<string, Lie> = {
  html: {
    status: 200,
    type: 'text/html',
    body: '<!doctype html><html><body>Welcome to nginx!</body></html>',
  },
  null: { status: 200, type: 'application/json', body: 'null' },
  object: { status: 200, type: 'application/json', body: '{"machines":[]}' },
  string: { status: 200, type: 'application/json', body: '"ok"' },
  truncated: { status: 200, type: 'application/json', body: '[{"ID":"a","Name":"x","State":"runn' },
  empty: { status: 200, type: 'application/json', body: '' },
  binary: { status: 200, type: 'application/octet-stream', body: Buffer.from([0xff, 0xfe, 0x00, 0x01]) },
  huge: {
    status: 200,
    type: 'application/json',
    body: `[${'{"ID":"a","Name":"x","State":"running"},'.repeat(300_000)}1]`,
  },
  html500: { status: 500, type: 'text/html', body: '<h1>502 Bad Gateway</h1>' },
  html401: { status: 401, type: 'text/html', body: '<h1>login</h1>' },
  redirect: { status: 302, type: 'text/plain', body: '' },
};
let server: Server;
let base = '';
let current: Lie = LIES['html']!;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.includes('/auth/token')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          token: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2ln',
          expires_at: 9_999_999_999,
        }),
      );
      return;
    }
    res
      .writeHead(current.status, {
        'content-type': current.type,
        ...(current.status === 302 ? { location: 'http://example.invalid/' } : {}),
      })
      .end(current.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('REST that lies', () => {
  it('turns every lie into a clear HubRequestError', async () => {
    const client = new HubRestClient({
      baseUrl: base,
      auth: { method: 'token', token: 'lie-test-token-123' },
      trust: { pinnedFingerprint: null },
      clock: systemClock,
      logger: silentLogger,
      timeoutMs: 5_000,
    });
    const outcomes: string[] = [];
    for (const [name, lie] of Object.entries(LIES)) {
      current = lie;
      for (const call of [() => client.listMachines(), () => client.getMachine('abc')]) {
        let error: unknown = null;
        let value: unknown;
        try {
          value = await call();
        } catch (e) {
          error = e;
        }
        // getMachine may legitimately say "not there" only for a 404, never for a lie.
        expect(error, `${name}: resolved with ${JSON.stringify(value)?.slice(0, 80)}`).toBeInstanceOf(
          HubRequestError,
        );
        const e = error as HubRequestError;
        expect(e.message.length, name).toBeLessThan(300);
        expect(e.message).not.toContain('lie-test-token-123');
        expect(e.message).not.toMatch(/<html|<!doctype/i);
        outcomes.push(`${name}:${e.kind}`);
      }
    }
    console.log(`[rest-lies] ${Object.keys(LIES).length} lies x 2 calls -> ${outcomes.join(' ')}`);
  });
});
