// A pinned host whose server swaps to another leaf from the same CA right after our probe. The probe sees the
// pinned leaf A (and its CA, which joins the trust store); the real connection is then offered leaf B, which chains
// to that CA. Chain verification accepts B, so only the handshake's checkServerIdentity (the fingerprint) can
// refuse it before credentials are written. A checkServerIdentity that accepts everything fails this file.
import { X509Certificate } from 'node:crypto';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../../src/main/hub/connection';
import { HubRequestError } from '../../../src/main/hub/errors';
import type { HubRestClient } from '../../../src/main/hub/rest';
import { tlsOptionsFor, type TlsTrust } from '../../../src/main/hub/tls';
import { SAME_CA_LEAF_A, SAME_CA_LEAF_B } from '../../sim/certs';
import type { TlsPair } from '../../sim/types';
import { json, startLocalServer, type LocalServer } from '../../unit/hub/local-server';
import { runTlsConnection, tlsRest } from './tls-support';

const fingerprintOf = (pair: TlsPair): string => new X509Certificate(pair.certPem).fingerprint256;
const FP_A = fingerprintOf(SAME_CA_LEAF_A);
const FP_B = fingerprintOf(SAME_CA_LEAF_B);

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** An https server on 127.0.0.1 presenting leaf A to its first TCP connection and `later` for every one after. */
async function startSwapping(later: TlsPair): Promise<LocalServer> {
  const httpsServer = https.createServer({ cert: SAME_CA_LEAF_A.certPem, key: SAME_CA_LEAF_A.keyPem });
  // tls.Server builds each socket's TLS state in its own 'connection' listener, registered before this one, from
  // the context current at that moment: swapping here leaves this connection on A and gives B to every later one.
  httpsServer.once('connection', () =>
    httpsServer.setSecureContext({ cert: later.certPem, key: later.keyPem }),
  );
  const s = await startLocalServer(httpsServer);
  s.handler = (req, res) =>
    req.url === '/api/v1/machines'
      ? json(res, 200, [{ ID: 'vm-1', Name: 'runner', State: 'running', OS: 'macosx' }])
      : json(res, 404, { message: 'Not Found', code: 404 });
  return s;
}

const TOKEN = 'same-ca-token';
const restFor = (url: string, trust: TlsTrust): HubRestClient => tlsRest(url, trust, TOKEN);
const runConnection = (url: string, trust: TlsTrust): Promise<ConnectionEvent[]> =>
  runTlsConnection(url, trust, TOKEN);

describe('two leaves from one CA: only the handshake fingerprint check tells them apart', () => {
  it('the fixture is what the test needs: distinct leaves; the pinned trust refuses the sibling even with an identity check that accepts everything', async () => {
    expect(FP_A).not.toBe(FP_B);
    server = await startSwapping(SAME_CA_LEAF_B);
    // The first handshake (the pin's one-time probe) sees leaf A, so the trust is built on A alone (tls-pinned.ts).
    const options = await tlsOptionsFor(new URL(server.url), { pinnedFingerprint: FP_A });
    expect(options?.secureContext).toBeDefined();
    // Two layers: the approved leaf is the only trust anchor, so a sibling leaf from the same CA fails the chain
    // check even when checkServerIdentity (the second layer, the pin + host name) is replaced by one that accepts
    // everything. Both layers must fail open before credentials could reach leaf B.
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect({
        ...options,
        host: '127.0.0.1',
        port: server?.port ?? 0,
        checkServerIdentity: () => undefined,
      });
      socket.once('secureConnect', () => {
        resolve(`connected to ${socket.getPeerCertificate().fingerprint256}`);
        socket.destroy();
      });
      socket.once('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message));
    });
    expect(outcome).not.toMatch(/^connected/);
  });

  it('REST pinned to leaf A refuses leaf B in the handshake and sends no request', async () => {
    server = await startSwapping(SAME_CA_LEAF_B);
    const error = await restFor(server.url, { pinnedFingerprint: FP_A })
      .listMachines()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HubRequestError);
    expect((error as HubRequestError).kind).toBe('tls-untrusted');
    expect((error as HubRequestError).message).toContain('changed since you approved it');
    expect(server.requests).toHaveLength(0);
  });

  it('the WebSocket pinned to leaf A refuses leaf B in the handshake: no upgrade, no retry loop', async () => {
    server = await startSwapping(SAME_CA_LEAF_B);
    const events = await runConnection(server.url, { pinnedFingerprint: FP_A });
    expect(events.some((e) => e.type === 'open')).toBe(false);
    expect(events.find((e) => e.type === 'tls-untrusted')).toBeDefined();
    expect(server.upgrades).toHaveLength(0);
  });

  it('control: the same server keeping leaf A is accepted by REST and the WebSocket', async () => {
    server = await startSwapping(SAME_CA_LEAF_A);
    expect(await restFor(server.url, { pinnedFingerprint: FP_A }).listMachines()).toHaveLength(1);
    await server.close();
    server = await startSwapping(SAME_CA_LEAF_A);
    const events = await runConnection(server.url, { pinnedFingerprint: FP_A });
    expect(events.find((e) => e.type === 'open')).toBeDefined();
    expect(server.upgrades[0]?.headers.authorization).toBe('Bearer same-ca-token');
  });
});
