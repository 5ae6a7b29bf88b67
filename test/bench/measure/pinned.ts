// Issue 11 figure "pinned host cost vs system-trusted": CPU and wall time per REST call (GET /machines through the
// real HubRestClient) to one HTTPS host whose certificate comes from a private CA, trusted two ways in the same
// process: by the system store (the runner starts this child with NODE_EXTRA_CA_CERTS = the private root, which
// Node adds to its default trust) and by an approved fingerprint (pin). Same server, same certificate, same calls.
// The server runs in this process too, so both figures include its share; it is the same for both variants.
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { HubRestClient } from '../../../src/main/hub/rest';
import { silentLogger } from '../../support/silent-logger';
import { systemClock } from '../../../src/main/kernel/clock';

interface PinnedVariant {
  cpuMicrosPerCall: number;
  wallMsPerCall: number;
}
export interface PinnedResult {
  calls: number;
  system: PinnedVariant;
  pinned: PinnedVariant;
}

const LIST = JSON.stringify(
  Array.from({ length: 20 }, (_, i) => ({ ID: `vm-${i}`, Name: `ci-${i}`, State: 'running', OS: 'macosx' })),
);

async function measure(rest: HubRestClient, calls: number, warmup: number): Promise<PinnedVariant> {
  for (let i = 0; i < warmup; i++) await rest.listMachines();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await rest.listMachines();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuMicrosPerCall: (cpu.user + cpu.system) / calls, wallMsPerCall: wall / calls };
}

export async function runPinned(certDir: string, calls: number, warmup: number): Promise<PinnedResult> {
  const leaf = readFileSync(join(certDir, 'private-ca-leaf-cert.pem'), 'utf8');
  const intermediate = readFileSync(join(certDir, 'private-ca-intermediate-cert.pem'), 'utf8');
  const key = readFileSync(join(certDir, 'private-ca-leaf-key.pem'), 'utf8');
  const server = https.createServer({ cert: `${leaf.trimEnd()}\n${intermediate}`, key }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(LIST);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = (pinnedFingerprint: string | null): HubRestClient =>
    new HubRestClient({
      baseUrl: url,
      auth: { method: 'api-key', keyId: 'bench', secret: 'bench' },
      trust: { pinnedFingerprint },
      clock: systemClock,
      logger: silentLogger,
    });
  try {
    const system = await measure(client(null), calls, warmup);
    const pinned = await measure(client(new X509Certificate(leaf).fingerprint256), calls, warmup);
    return { calls, system, pinned };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
