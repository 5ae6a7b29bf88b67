// The verdicts after a rejected or untrusted attempt (hub/recovery.ts, split out of connection.ts): halt with the
// event the user sees, retry after the back-off, or retry at once. A wrong verdict either stops watching a host for
// a network blip or retries forever against rejected credentials (issue 16: the module left the mutation scope).
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubRequestError } from '../../../src/main/hub/errors';
import { recoverByRefreshing, recoverUntrusted } from '../../../src/main/hub/recovery';

const FP = 'AB:'.repeat(31) + 'CD';
const refreshing = (outcome: () => Promise<boolean>) => ({
  authHeaders: async () => ({}),
  refreshCredentials: outcome,
});

describe('recoverByRefreshing', () => {
  it('new credentials: retry at once, saying why', async () => {
    const r = await recoverByRefreshing(
      refreshing(async () => true),
      'upgrade 401',
      'Unauthorized',
    );
    expect(r).toEqual({ kind: 'retry-now', reason: 'upgrade 401; credentials refreshed' });
  });

  it('nothing to refresh with: halt on auth-failed with the rejection', async () => {
    const r = await recoverByRefreshing(
      refreshing(async () => false),
      'upgrade 401',
      'Unauthorized',
    );
    expect(r).toEqual({
      kind: 'halt',
      event: { type: 'auth-failed', message: 'Unauthorized' },
      reason: 'Unauthorized',
    });
  });

  it("the token endpoint refuses: halt with the endpoint's own words", async () => {
    const r = await recoverByRefreshing(
      refreshing(async () => {
        throw new HubRequestError('unauthorized', 'Invalid user or Password');
      }),
      'upgrade 401',
      'Unauthorized',
    );
    expect(r).toEqual({
      kind: 'halt',
      event: { type: 'auth-failed', message: 'Invalid user or Password' },
      reason: 'Invalid user or Password',
    });
  });

  it.each(['unreachable', 'timeout', 'server', 'unavailable'] as const)(
    'the token endpoint fails with %s: a network problem, retry after the back-off',
    async (kind) => {
      const r = await recoverByRefreshing(
        refreshing(async () => {
          throw new HubRequestError(kind, `token endpoint ${kind}`);
        }),
        'upgrade 401',
        'Unauthorized',
      );
      expect(r).toEqual({ kind: 'retry-later', reason: `token endpoint ${kind}` });
    },
  );

  it('the token endpoint presents an untrusted certificate: halt on tls-untrusted with its fingerprint', async () => {
    const r = await recoverByRefreshing(
      refreshing(async () => {
        throw new HubRequestError('tls-untrusted', 'certificate not trusted', { fingerprint: FP });
      }),
      'upgrade 401',
      'Unauthorized',
    );
    expect(r).toEqual({
      kind: 'halt',
      event: { type: 'tls-untrusted', fingerprint: FP, message: 'certificate not trusted' },
      reason: 'certificate not trusted',
    });
  });

  it('an untrusted-certificate error without a fingerprint is a network problem: retry later', async () => {
    const r = await recoverByRefreshing(
      refreshing(async () => {
        throw new HubRequestError('tls-untrusted', 'handshake failed');
      }),
      'upgrade 401',
      'Unauthorized',
    );
    expect(r).toEqual({ kind: 'retry-later', reason: 'handshake failed' });
  });

  it('an unexpected failure (not a hub error) halts on the original rejection', async () => {
    const r = await recoverByRefreshing(
      refreshing(async () => {
        throw new Error('bug');
      }),
      'upgrade 401',
      'Unauthorized',
    );
    expect(r).toEqual({
      kind: 'halt',
      event: { type: 'auth-failed', message: 'Unauthorized' },
      reason: 'Unauthorized',
    });
  });
});

describe('recoverUntrusted', () => {
  let dir: string;
  let server: tls.Server;
  let port: number;
  let fingerprint: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hubwatch-recovery-'));
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=hubwatch-recovery',
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(certPath, 'utf8');
    fingerprint = new X509Certificate(cert).fingerprint256;
    server = tls.createServer({ cert, key: readFileSync(keyPath, 'utf8') }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('with the fingerprint already known: halt on it, without a probe', async () => {
    const r = await recoverUntrusted(new URL('https://127.0.0.1:1/'), 'not trusted', FP);
    expect(r).toEqual({
      kind: 'halt',
      event: { type: 'tls-untrusted', fingerprint: FP, message: 'not trusted' },
      reason: 'not trusted',
    });
  });

  it("without one: probes the URL's host and port and halts on the certificate it presents", async () => {
    const r = await recoverUntrusted(new URL(`wss://127.0.0.1:${port}/v1/ws/subscribe`), 'not trusted');
    expect(r).toEqual({
      kind: 'halt',
      event: { type: 'tls-untrusted', fingerprint, message: 'not trusted' },
      reason: 'not trusted',
    });
  });

  it('a probe that cannot connect: retry after the back-off, saying why', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await recoverUntrusted(new URL(`https://127.0.0.1:${closedPort}/`), 'not trusted', '');
    expect(r.kind).toBe('retry-later');
    expect(r.reason).not.toBe('');
    expect(r.reason).not.toBe('not trusted');
  });
});
