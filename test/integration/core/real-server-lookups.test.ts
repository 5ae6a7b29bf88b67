// Situations 5 and 7 of issue 11 against the strict simulator: GET /machines/{id} misses that take seconds (1 s
// here instead of the server's ≥ 5 s, to stay fast), and a server with a custom API_PREFIX.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { isLive, statusOf, waitFor } from '../../support/core-harness';
import { passwordHost } from '../../support/host-config';
import { harnessPerTest, reconcileAndWait } from '../../support/per-test-harness';

const startWithSimulators = harnessPerTest();

const stateFrame = (vmId: string): object => ({
  id: `f-${vmId}`,
  event_type: 'pdfm',
  timestamp: new Date().toISOString(),
  message: 'VM_STATE_CHANGED',
  body: { previous_state: 'running', current_state: 'stopped', vm_id: vmId },
});

describe('lookups of unknown or removed VMs (issue 11, situation 5)', () => {
  it('no lookup for a VM whose last buffered event is its removal', async () => {
    const h = await startWithSimulators([{ vms: 4, seed: 151, flushIntervalMs: 5, missDelayMs: 1_000 }], {
      configure: false,
    });
    const { core } = h;
    const sim = h.sims[0]!;
    sim.failMachinesList(500); // the list after connect fails, so the next events are buffered
    core.configure(h.settings());
    await waitFor(
      core,
      () => sim.stats.wsOpen === 1 && sim.stats.restRequests >= 1,
      'connected, list failing',
    );
    const gone = sim.vms()[0]!;
    sim.removeVm(gone.id);
    const sent = sim.stats.framesSent;
    await waitFor(core, () => sim.stats.framesSent > sent, 'removal sent');
    sim.failMachinesList(null);
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    await reconcileAndWait(h, sim.vms()[0]!.id, 'lookup-marker', 'test');
    expect(sim.machineLookups).toBe(0);
  });

  it('events for unknown ids: one lookup per id, at most 4 at a time, answered even though each miss is slow', async () => {
    const h = await startWithSimulators([{ vms: 2, seed: 152, flushIntervalMs: 5, missDelayMs: 1_000 }]);
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    const junk = Array.from({ length: 8 }, (_, i) => `junk-${i}`);
    for (const id of junk) {
      sim.broadcast(stateFrame(id));
      sim.broadcast(stateFrame(id));
    }
    await waitFor(core, () => sim.machineLookups === junk.length, 'every junk id looked up', 8_000);
    expect(sim.maxConcurrentLookups).toBeLessThanOrEqual(4);
    expect(sim.maxConcurrentLookups).toBeGreaterThan(1); // concurrent, not one at a time
  });
});

describe('API prefix and the token endpoint (issue 11, situation 7)', () => {
  it('a host URL carrying the server API_PREFIX goes live under {prefix}/v1', async () => {
    const h = await startWithSimulators([{ vms: 2, seed: 171, apiPrefix: '/devops' }], {
      auth: 'password',
      configure: false,
    });
    const { core } = h;
    const sim = h.sims[0]!;
    const host = passwordHost(sim, { id: 'h1', name: 'Farm h1', url: `${sim.url}/devops` });
    core.configure({ ...DEFAULT_SETTINGS, hosts: [host] });
    await waitFor(core, () => isLive(core, 'h1'), 'live under the prefix');
    const result = await core.testConnection({ ...host, secret: sim.credentials.password }, null);
    expect(result.kind).toBe('ok');
  });

  it('a 404 from /auth/token that is not "Invalid user or Password" says the URL is not a DevOps API', async () => {
    const h = await startWithSimulators([{ vms: 2, seed: 172, apiPrefix: '/devops' }], { auth: 'password' });
    const { core } = h;
    await waitFor(
      core,
      () => statusOf(core, 'h1') === 'auth-failed' || statusOf(core, 'h1') === 'reconnecting',
      'failed',
    );
    const s = core.snapshot().hosts[0]!.status;
    const message = s.tag === 'auth-failed' ? s.message : s.tag === 'reconnecting' ? s.lastError : '';
    expect(message).toMatch(/does not look like a DevOps Service API/);
    expect(message).not.toMatch(/credentials rejected/i);
  });
});
