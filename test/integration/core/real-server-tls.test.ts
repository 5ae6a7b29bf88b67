// Situation 2 of issue 11: a host whose certificate comes from a private CA (internal root -> intermediate ->
// leaf), served as leaf + intermediate or as the leaf alone. Approving (pinning) the leaf must be enough.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import * as tls from 'node:tls';
import { tlsOptionsFor } from '../../../src/main/hub/tls';
import {
  ALTERNATE_CERT,
  PRIVATE_CA_CHAIN,
  PRIVATE_CA_LEAF_ONLY,
  startSimulator,
  type TlsPair,
} from '../../sim';
import { isLive, statusOf, waitFor } from '../../support/core-harness';
import { passwordHost, passwordHostFor } from '../../support/host-config';
import { harnessPerTest } from '../../support/per-test-harness';

const startWithSimulators = harnessPerTest();

const variants: [string, TlsPair][] = [
  ['leaf + intermediate', PRIVATE_CA_CHAIN],
  ['leaf only', PRIVATE_CA_LEAF_ONLY],
];

describe('private CA with an approved fingerprint (issue 11, situation 2)', () => {
  for (const [name, pair] of variants) {
    it(`${name}: unpinned is refused with the fingerprint; pinned goes live; a different certificate is refused again`, async () => {
      const h = await startWithSimulators([{ vms: 3, seed: 121, tls: pair }], {
        auth: 'password',
        configure: false,
      });
      const { core } = h;
      const sim = h.sims[0]!;
      const test = await core.testConnection(passwordHostFor(sim, { id: 'h1', name: 'Farm h1' }), null);
      expect(test.kind).toBe('tls-untrusted');
      if (test.kind !== 'tls-untrusted') return;
      expect(test.fingerprint).toBe(sim.fingerprint);

      const pinned = passwordHost(sim, { id: 'h1', name: 'Farm h1', pinnedFingerprint: test.fingerprint });
      core.configure({ ...DEFAULT_SETTINGS, hosts: [pinned] });
      await waitFor(core, () => isLive(core, 'h1'), 'live over wss:// with the pin');
      const ok = await core.testConnection({ ...pinned, secret: sim.credentials.password }, null);
      expect(ok.kind).toBe('ok');

      await sim.restart({ tls: ALTERNATE_CERT });
      await waitFor(
        core,
        () => statusOf(core, 'h1') === 'tls-untrusted',
        'a different certificate is refused',
      );
    });
  }

  it('the host name is still checked: the pinned certificate presented for another name is refused', async () => {
    const sim = await startSimulator({ vms: 1, seed: 122, tls: PRIVATE_CA_CHAIN });
    try {
      const url = new URL(sim.url);
      const options = await tlsOptionsFor(url, { pinnedFingerprint: sim.fingerprint });
      if (!options) throw new Error('expected TLS options');
      const { pinnedAgent: _agent, ...tlsOptions } = options;
      const attempt = (servername: string): Promise<string> =>
        new Promise((resolve) => {
          // The same listener and certificate, but the name we claim to be talking to is "servername".
          const socket = tls.connect({ ...tlsOptions, host: '127.0.0.1', port: sim.port, servername });
          socket.once('secureConnect', () => {
            socket.destroy();
            resolve('ok');
          });
          socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        });
      expect(await attempt('localhost')).toBe('ok'); // a name in the leaf's SAN
      expect(await attempt('farm-9.example')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      await sim.close();
    }
  });
});
