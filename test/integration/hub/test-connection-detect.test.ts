// Test connection recognises an orchestrator by itself (orchestrator-protocol.md §1.3): real sockets on 127.0.0.1
// against the orchestrator simulator (a Linux orchestrator: `/machines` is 404 there, §1.2) and the single-host one.
import { describe, expect, it } from 'vitest';
import { testHubConnection } from '../../../src/main/hub/test-connection';
import { systemClock, systemTimers } from '../../../src/main/kernel/clock';
import type { HostConfig } from '../../../src/shared/settings';
import { startSimulator, type OrchestratorSimulator } from '../../sim';
import { closeAfterEach } from '../../support/close-after-each';
import { silentLogger } from '../../support/silent-logger';
import { startFarm } from '../sim/orchestrator-helpers';

const closed = closeAfterEach();

const deps = { clock: systemClock, timers: systemTimers, logger: silentLogger, timeoutMs: 5_000 };

/** A password host entry for a simulator, with the kind the user chose (undefined = Detect automatically). */
function entry(
  sim: { url: string; credentials: { username: string } },
  kind?: HostConfig['kind'],
): HostConfig {
  const config: HostConfig = {
    id: 'h1',
    name: 'under test',
    url: sim.url,
    auth: 'password',
    username: sim.credentials.username,
    pinnedFingerprint: null,
    enabled: true,
  };
  return kind === undefined ? config : { ...config, kind };
}

/** What the farm view will list: every host's cached VMs, healthy or not (§2.4). */
function cachedVmCount(sim: OrchestratorSimulator): number {
  return sim.hosts().reduce((sum, host) => sum + sim.cachedVms(host.id).length, 0);
}

describe('Test connection detects what answers', () => {
  it('an orchestrator of 40 Macs: its hosts, the farm’s VMs and the orchestrator subscription', async () => {
    const farm = closed(await startFarm({ hosts: 40, vmsPerHost: 3 }));
    const result = await testHubConnection(entry(farm), farm.credentials.password, deps);
    expect(result).toMatchObject({
      kind: 'ok',
      detectedKind: 'orchestrator',
      farmHostCount: 40,
      vmCount: cachedVmCount(farm),
    });
    expect(result.kind === 'ok' && result.subscriptions).toContain('orchestrator');
    expect(result.kind === 'ok' && result.subscriptions).not.toContain('pdfm');
  });

  it('counts the VMs of a disabled host too (last-known in the farm view, absent from /orchestrator/machines)', async () => {
    const farm = closed(await startFarm({ hosts: 3, vmsPerHost: 4 }));
    const [first] = farm.hosts();
    if (!first) throw new Error('the farm has no host');
    farm.setEnabled(first.id, false);
    const result = await testHubConnection(entry(farm), farm.credentials.password, deps);
    expect(result).toMatchObject({ kind: 'ok', detectedKind: 'orchestrator', farmHostCount: 3, vmCount: 12 });
  });

  it('a single Mac is detected as one, with its own VMs, whatever kind was chosen', async () => {
    const single = closed(await startSimulator({ vms: 5, seed: 3 }));
    for (const kind of [undefined, 'host', 'orchestrator'] as const) {
      const result = await testHubConnection(entry(single, kind), single.credentials.password, deps);
      expect(result).toMatchObject({ kind: 'ok', detectedKind: 'host', vmCount: 5 });
      expect(result).not.toHaveProperty('farmHostCount');
    }
  });

  it('wrong credentials on an orchestrator are rejected credentials, not "not an orchestrator"', async () => {
    const farm = closed(await startFarm({ hosts: 2, vmsPerHost: 1 }));
    const result = await testHubConnection(entry(farm), 'not-the-password', deps);
    expect(result.kind).toBe('credentials-rejected');
  });
});
