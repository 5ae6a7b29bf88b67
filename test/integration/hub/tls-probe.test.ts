// tls.ts on its own, without the REST client or the connection around it: the options a request gets for each kind
// of URL, and what the certificate probe (fetchPeerFingerprint) reports for a real TLS server, a server that speaks
// no TLS, a closed port and a silent one. Servers listen on 127.0.0.1 only; the certificates are the simulator's
// checked-in pairs (test/sim/certs).
import { X509Certificate } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { HubRequestError } from '../../../src/main/hub/errors';
import { fetchPeerFingerprint, normalizeFingerprint, portOf, tlsOptionsFor } from '../../../src/main/hub/tls';
import { ALTERNATE_CERT, PRIMARY_CERT } from '../../sim/certs';

const UNPINNED = { pinnedFingerprint: null };
const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** The error `promise` rejects with (fails the test if it resolves or rejects with something else). */
async function hubErrorOf(promise: Promise<unknown>): Promise<HubRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubRequestError);
  return error as HubRequestError;
}

describe('tlsOptionsFor: what a request to each kind of URL is given', () => {
  it('plain http and ws need no TLS options', async () => {
    expect(await tlsOptionsFor(new URL('http://farm.local:3080'), UNPINNED)).toBeNull();
    expect(await tlsOptionsFor(new URL('ws://farm.local:3080/ws'), UNPINNED)).toBeNull();
  });

  it('https and wss without a pin: system trust, TLS 1.2 at least, and the host name for SNI', async () => {
    for (const [url, servername] of [
      ['https://farm.local:3080', 'farm.local'],
      ['wss://buildfarm:3080/ws', 'buildfarm'],
      ['https://mac-mini-2', 'mac-mini-2'],
      ['https://10.0.0.5.nip.io', '10.0.0.5.nip.io'],
    ] as const) {
      expect(await tlsOptionsFor(new URL(url), UNPINNED), url).toEqual({
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        servername,
      });
    }
  });

  it('an IP literal (v4 or v6) is never sent as SNI (RFC 6066 allows host names only)', async () => {
    for (const url of ['https://10.0.0.5:3080', 'https://[fd00::1]:3080', 'wss://[::1]/ws']) {
      expect(await tlsOptionsFor(new URL(url), UNPINNED), url).toEqual({
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      });
    }
  });
});

describe('portOf', () => {
  it('an explicit port wins; otherwise 443 for https/wss and 80 for http/ws', () => {
    expect(portOf(new URL('https://h:3080'))).toBe(3080);
    expect(portOf(new URL('http://h:3080'))).toBe(3080);
    expect(portOf(new URL('https://h'))).toBe(443);
    expect(portOf(new URL('wss://h'))).toBe(443);
    expect(portOf(new URL('http://h'))).toBe(80);
    expect(portOf(new URL('ws://h'))).toBe(80);
  });
});

describe('normalizeFingerprint', () => {
  it('any spelling becomes upper-case colon pairs; text without hex becomes empty, never filler', () => {
    expect(normalizeFingerprint('ab cd:ef-01')).toBe('AB:CD:EF:01');
    expect(normalizeFingerprint('')).toBe('');
    expect(normalizeFingerprint('not hex!')).toBe('E');
    expect(normalizeFingerprint('xyz')).toBe('');
  });
});

describe('fetchPeerFingerprint against real sockets', () => {
  it('reads the leaf as standard PEM (64-character lines), byte for byte what the server holds', async () => {
    const port = await listen(tls.createServer({ cert: PRIMARY_CERT.certPem, key: PRIMARY_CERT.keyPem }));
    const peer = await fetchPeerFingerprint('127.0.0.1', port);
    expect(peer.fingerprint).toBe(fingerprintOf(PRIMARY_CERT.certPem));
    expect(peer.certPem).toBe(PRIMARY_CERT.certPem);
    const body = peer.certPem.trim().split('\n').slice(1, -1);
    expect(body.length).toBeGreaterThan(1);
    for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
  });

  it('names the host for SNI, so a server with one certificate per name shows the one for that name', async () => {
    // Default certificate for clients that send no name (or an IP); ALTERNATE for "localhost" (127.0.0.1 in
    // /etc/hosts, so this still talks only to 127.0.0.1).
    const forLocalhost = tls.createSecureContext({
      cert: ALTERNATE_CERT.certPem,
      key: ALTERNATE_CERT.keyPem,
    });
    const server = tls.createServer({
      cert: PRIMARY_CERT.certPem,
      key: PRIMARY_CERT.keyPem,
      SNICallback: (name, done) => done(null, name === 'localhost' ? forLocalhost : undefined),
    });
    const port = await listen(server);
    expect((await fetchPeerFingerprint('localhost', port)).fingerprint).toBe(
      fingerprintOf(ALTERNATE_CERT.certPem),
    );
    expect((await fetchPeerFingerprint('127.0.0.1', port)).fingerprint).toBe(
      fingerprintOf(PRIMARY_CERT.certPem),
    );
  });

  it('a closed port: unreachable, saying so with the code', async () => {
    const port = await listen(net.createServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const error = await hubErrorOf(fetchPeerFingerprint('127.0.0.1', port));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`Cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('a server that answers in plain HTTP: the handshake failed, with the TLS error code', async () => {
    const port = await listen(
      // resume(): read (and drop) the ClientHello, so the server side sees the client's close and can shut down.
      net.createServer((socket) =>
        socket.resume().end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'),
      ),
    );
    const error = await hubErrorOf(fetchPeerFingerprint('127.0.0.1', port));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      new RegExp(`^TLS handshake with 127\\.0\\.0\\.1:${port} failed \\([A-Z][A-Z0-9_]+\\)$`),
    );
  });

  it('a server that accepts and never answers: a timeout after the given time, and the socket is closed', async () => {
    const closed: Promise<void>[] = [];
    const port = await listen(
      net.createServer((socket) => {
        socket.resume(); // never answers, but reads, so it sees the client hang up
        closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
      }),
    );
    const error = await hubErrorOf(fetchPeerFingerprint('127.0.0.1', port, 150));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`No TLS handshake with 127.0.0.1:${port} within 150 ms`);
    expect(closed).toHaveLength(1);
    await closed[0];
  });
});
