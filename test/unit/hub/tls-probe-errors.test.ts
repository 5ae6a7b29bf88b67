// What the certificate probe says for socket failures a test cannot produce on 127.0.0.1 (a name that does not
// resolve, an unreachable network, an error without a code) and for a handshake that yields no certificate. The
// socket is a stand-in that emits what Node's tls.connect emits for those cases: an 'error' with err.code, or
// 'secureConnect' followed by getPeerCertificate(). The real-socket cases are in
// test/integration/hub/tls-probe.test.ts.
import { EventEmitter } from 'node:events';
import type * as NodeTls from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';

class StandInSocket extends EventEmitter {
  destroyed = false;
  peer: { raw?: Buffer; fingerprint256?: string } = {};
  destroy(): void {
    this.destroyed = true;
  }
  getPeerCertificate(): { raw?: Buffer; fingerprint256?: string } {
    return this.peer;
  }
}

const sockets: StandInSocket[] = [];
/** The options each probe dialled with. */
const dialled: NodeTls.ConnectionOptions[] = [];
vi.mock('node:tls', async (importOriginal) => ({
  ...(await importOriginal<typeof NodeTls>()),
  connect: (options: NodeTls.ConnectionOptions) => {
    dialled.push(options);
    const socket = new StandInSocket();
    sockets.push(socket);
    return socket;
  },
}));

const { fetchPeerFingerprint } = await import('../../../src/main/hub/tls');
const { HubRequestError } = await import('../../../src/main/hub/errors');

afterEach(() => {
  sockets.length = 0;
  dialled.length = 0;
});

/** Starts a probe, lets the stand-in socket do `act`, and returns what the probe rejected with. */
async function probeFailure(
  act: (socket: StandInSocket) => void,
  host = 'farm.local',
): Promise<InstanceType<typeof HubRequestError>> {
  const probe = fetchPeerFingerprint(host, 3080);
  const socket = sockets[0];
  if (socket === undefined) throw new Error('the probe opened no socket');
  act(socket);
  const error = await probe.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubRequestError);
  expect(socket.destroyed).toBe(true);
  return error as InstanceType<typeof HubRequestError>;
}

const errorWithCode = (code: string | undefined, message = 'socket failed'): Error =>
  Object.assign(new Error(message), code === undefined ? {} : { code });

describe('fetchPeerFingerprint: socket errors in words', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])(
    '%s means the host cannot be reached (not a TLS problem)',
    async (code) => {
      const error = await probeFailure((s) => s.emit('error', errorWithCode(code)));
      expect(error.kind).toBe('unreachable');
      expect(error.message).toBe(`Cannot reach farm.local:3080 (${code})`);
    },
  );

  it('any other code is a failed handshake, named by its code', async () => {
    const error = await probeFailure((s) => s.emit('error', errorWithCode('ECONNRESET')));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe('TLS handshake with farm.local:3080 failed (ECONNRESET)');
  });

  it('an error without a code is named by its message', async () => {
    const error = await probeFailure((s) => s.emit('error', errorWithCode(undefined, 'peer hung up')));
    expect(error.message).toBe('TLS handshake with farm.local:3080 failed (peer hung up)');
  });

  it('a handshake that yields no certificate is a bad response, not a fingerprint of nothing', async () => {
    const error = await probeFailure((s) => s.emit('secureConnect'));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe('farm.local:3080 presented no certificate');
  });

  it('an IPv6 literal from a URL ("[fd00::1]") is dialled without its brackets and without SNI', async () => {
    // Real sockets here would need ::1; tests talk only to 127.0.0.1, so the stand-in records what was dialled.
    const error = await probeFailure((s) => s.emit('error', errorWithCode('ECONNREFUSED')), '[fd00::1]');
    expect(dialled).toEqual([{ host: 'fd00::1', port: 3080, rejectUnauthorized: false }]);
    expect(error.message).toBe('Cannot reach fd00::1:3080 (ECONNREFUSED)');
  });
});
