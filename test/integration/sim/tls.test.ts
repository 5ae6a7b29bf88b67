import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ALTERNATE_CERT, PRIMARY_CERT, startSimulator, type Simulator } from '../../sim';
import { connectWs } from '../../sim/test-client';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

/** The SHA-256 fingerprint of the certificate the server actually presents. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fp = socket.getPeerCertificate().fingerprint256;
      socket.destroy();
      resolve(fp);
    });
    socket.on('error', reject);
  });
}

describe('TLS', () => {
  it('serves the checked-in self-signed cert; the fingerprint matches; wss works when that cert is trusted', async () => {
    sim = await startSimulator({ tls: true, flushIntervalMs: 5 });
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await servedFingerprint(sim.port)).toBe(sim.fingerprint);

    const c = await connectWs(sim, { ca: PRIMARY_CERT.certPem });
    expect((await c.next()).message).toMatch(/^WebSocket connection established/);
    c.close();
    // Without trusting it, the handshake fails (self-signed).
    await expect(connectWs(sim)).rejects.toThrow(/self-signed|self signed/);
  });

  it('presents a different certificate after restart with the alternate pair', async () => {
    sim = await startSimulator({ tls: true });
    const before = sim.fingerprint;
    const port = sim.port;
    await sim.restart({ tls: ALTERNATE_CERT });
    expect(sim.port).toBe(port);
    expect(sim.fingerprint).not.toBe(before);
    expect(await servedFingerprint(port)).toBe(sim.fingerprint);
  });

  it('plain http has no fingerprint', async () => {
    sim = await startSimulator();
    expect(sim.fingerprint).toBeNull();
    expect(sim.url).toMatch(/^http:/);
  });
});
