// TLS trust against real self-signed certificates generated with openssl for this run.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../../src/main/hub/connection';
import { HubRequestError } from '../../../src/main/hub/errors';
import type { HubRestClient } from '../../../src/main/hub/rest';
import { testHubConnection } from '../../../src/main/hub/test-connection';
import { fetchPeerFingerprint, type TlsTrust } from '../../../src/main/hub/tls';
import { silentLogger } from '../../support/silent-logger';
import { systemClock, systemTimers } from '../../../src/main/kernel/clock';
import { json, startLocalServer, type LocalServer } from '../../unit/hub/local-server';
import { hostConfig } from '../../support/host-config';
import { runTlsConnection, tlsRest } from './tls-support';

interface Cert {
  cert: string;
  key: string;
  fingerprint: string;
}

let dir: string;
let certA: Cert;
let certB: Cert;
let server: LocalServer | null = null;

function makeCert(name: string): Cert {
  const keyPath = join(dir, `${name}-key.pem`);
  const certPath = join(dir, `${name}-cert.pem`);
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
      `/CN=hubwatch-test-${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certPath, 'utf8');
  return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256 };
}

async function startTls(cert: Cert, port = 0): Promise<LocalServer> {
  const s = await startLocalServer(https.createServer({ cert: cert.cert, key: cert.key }), port);
  s.handler = (req, res) => {
    if (req.url === '/api/health/probe') return json(res, 200, { status: 'OK' });
    if (req.url === '/api/v1/machines')
      return json(res, 200, [{ ID: 'vm-1', Name: 'runner', State: 'running', OS: 'macosx' }]);
    if (req.url === '/api/v1/config/hardware') return json(res, 200, { devops_version: '1.0.5' });
    return json(res, 404, { message: 'Not Found', code: 404 });
  };
  return s;
}

const TOKEN = 'tls-test-token';
const rest = (url: string, trust: TlsTrust): HubRestClient => tlsRest(url, trust, TOKEN);
const runConnection = (url: string, trust: TlsTrust): Promise<ConnectionEvent[]> =>
  runTlsConnection(url, trust, TOKEN);

async function expectUntrusted(promise: Promise<unknown>, fingerprint: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubRequestError);
  expect((error as HubRequestError).kind).toBe('tls-untrusted');
  expect((error as HubRequestError).fingerprint).toBe(fingerprint);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hubwatch-tls-'));
  certA = makeCert('a');
  certB = makeCert('b');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('TLS trust', () => {
  it('fetchPeerFingerprint reads the SHA-256 fingerprint in AB:CD form', async () => {
    server = await startTls(certA);
    const peer = await fetchPeerFingerprint('127.0.0.1', server.port);
    expect(peer.fingerprint).toBe(certA.fingerprint);
    expect(peer.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new X509Certificate(peer.certPem).fingerprint256).toBe(certA.fingerprint);
  });

  it('unpinned self-signed: REST and WS report tls-untrusted with the right fingerprint and send no credentials', async () => {
    server = await startTls(certA);
    await expectUntrusted(rest(server.url, { pinnedFingerprint: null }).listMachines(), certA.fingerprint);
    const events = await runConnection(server.url, { pinnedFingerprint: null });
    expect(events.find((e) => e.type === 'tls-untrusted')).toMatchObject({ fingerprint: certA.fingerprint });
    expect(events.find((e) => e.type === 'closed')).toMatchObject({ willRetry: false });
    expect(events.some((e) => e.type === 'retry-scheduled')).toBe(false);
    expect(server.requests).toHaveLength(0);
    expect(server.upgrades).toHaveLength(0);
  });

  it('pinned fingerprint (any spelling): REST works and the WebSocket opens', async () => {
    server = await startTls(certA);
    const lowerNoColons = certA.fingerprint.replace(/:/g, '').toLowerCase();
    expect(await rest(server.url, { pinnedFingerprint: lowerNoColons }).listMachines()).toHaveLength(1);
    const events = await runConnection(server.url, { pinnedFingerprint: certA.fingerprint });
    expect(events.find((e) => e.type === 'open')).toBeDefined();
    expect(server.upgrades[0]?.headers.authorization).toBe('Bearer tls-test-token');
  });

  it('a different certificate on the same port is rejected again, with the new fingerprint', async () => {
    server = await startTls(certA);
    const port = server.port;
    await server.close();
    server = await startTls(certB, port);
    const pinA = { pinnedFingerprint: certA.fingerprint };
    await expectUntrusted(rest(server.url, pinA).listMachines(), certB.fingerprint);
    const events = await runConnection(server.url, pinA);
    expect(events.find((e) => e.type === 'tls-untrusted')).toMatchObject({ fingerprint: certB.fingerprint });
    expect(server.requests).toHaveLength(0);
    expect(server.upgrades).toHaveLength(0);
  });

  it('testHubConnection: untrusted -> fingerprint to approve; approved -> ok with version, VM count, subscriptions', async () => {
    server = await startTls(certA);
    const host = hostConfig({ id: 'h1', name: 'farm', url: server.url });
    const deps = { clock: systemClock, timers: systemTimers, logger: silentLogger, timeoutMs: 5_000 };
    expect(await testHubConnection(host, 'tls-test-token', deps)).toMatchObject({
      kind: 'tls-untrusted',
      fingerprint: certA.fingerprint,
    });
    expect(
      await testHubConnection({ ...host, pinnedFingerprint: certA.fingerprint }, 'tls-test-token', deps),
    ).toEqual({
      kind: 'ok',
      serverVersion: '1.0.5',
      vmCount: 1,
      subscriptions: ['pdfm', 'global'],
      detectedKind: 'host',
    });
  });
});
