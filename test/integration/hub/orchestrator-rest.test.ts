// OrchestratorRestClient against the orchestrator simulator over real sockets (orchestrator-protocol.md §1.3, §2).
import { afterEach, describe, expect, it } from 'vitest';
import { OrchestratorRestClient } from '../../../src/main/hub/orchestrator-rest';
import { HubRestClient, type HubAuth } from '../../../src/main/hub/rest';
import { silentLogger } from '../../support/silent-logger';
import { systemClock } from '../../../src/main/kernel/clock';
import { startSimulator, type OrchestratorSimulator, type Simulator } from '../../sim';
import { startFarm } from '../sim/orchestrator-helpers';

let sim: OrchestratorSimulator | null = null;
let single: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  await single?.close();
  sim = null;
  single = null;
});

function clientFor(url: string, auth: HubAuth): OrchestratorRestClient {
  const rest = new HubRestClient({
    baseUrl: url,
    auth,
    trust: { pinnedFingerprint: null },
    clock: systemClock,
    logger: silentLogger,
  });
  return new OrchestratorRestClient(rest);
}

const passwordOf = (s: { credentials: { username: string; password: string } }): HubAuth => ({
  method: 'password',
  username: s.credentials.username,
  password: s.credentials.password,
});

describe('OrchestratorRestClient against the simulator', () => {
  it('detects an orchestrator, and a single host as not one', async () => {
    sim = await startFarm();
    single = await startSimulator({ vms: 1 });
    expect(await clientFor(sim.url, passwordOf(sim)).detect()).toBe(true);
    expect(await clientFor(single.url, passwordOf(single)).detect()).toBe(false);
  });

  it('initial list = truth for 40 hosts: hosts sorted by name, every host’s VMs from the 202 answers', async () => {
    sim = await startFarm({ hosts: 40, vmsPerHost: 3 });
    const client = clientFor(sim.url, { method: 'token', token: sim.issueToken() });
    const hosts = await client.listHosts();
    expect(hosts.map((h) => h.name)).toEqual(
      sim
        .hosts()
        .map((h) => h.description)
        .sort((a, b) => a.localeCompare(b)),
    );
    expect(
      hosts.every((h) => h.enabled && h.linked && h.probe === 'healthy' && /^[0-9a-f]{64}$/.test(h.id)),
    ).toBe(true);
    for (const host of hosts) {
      const vms = await client.listHostMachines(host.id);
      expect(vms.map((v) => [v.hostId, v.id, v.state])).toEqual(
        sim.vms(host.id).map((v) => [host.id, v.id, v.state]),
      );
      expect(vms.every((v) => v.hostState === 'healthy')).toBe(true);
    }
  });

  it('an unhealthy host keeps its last-known VMs, marked by hostState', async () => {
    sim = await startFarm();
    const [host] = sim.hosts();
    if (!host) throw new Error('no host');
    sim.killHostService(host.id);
    const client = clientFor(sim.url, passwordOf(sim));
    await expect.poll(async () => (await client.listHostMachines(host.id))[0]?.hostState).toBe('unhealthy');
    expect(await client.listHostMachines(host.id)).toHaveLength(sim.vms(host.id).length);
    expect((await client.listHosts()).find((h) => h.id === host.id)?.probe).toBe('unhealthy');
  });

  it('vmStatus is live while the cache is stale; a VM unknown to the cache and a down host are told apart', async () => {
    sim = await startFarm();
    const [host] = sim.hosts();
    const vm = host ? sim.vms(host.id).find((v) => v.state === 'running') : undefined;
    if (!host || !vm) throw new Error('no running VM');
    const client = clientFor(sim.url, {
      method: 'api-key',
      keyId: 'hubwatch-demo-key',
      secret: 'hubwatch-demo-secret',
    });
    sim.cutLink(host.id);
    sim.setState(host.id, vm.id, 'stopped');
    const hidden = sim.addVm(host.id); // added during the outage: the cache never heard of it
    expect((await client.listHostMachines(host.id)).find((v) => v.id === vm.id)?.state).toBe('running');
    expect(await client.vmStatus(host.id, vm.id)).toEqual({ ok: true, vmId: vm.id, state: 'stopped' });
    expect(await client.vmStatus(host.id, hidden.id)).toMatchObject({ ok: false, reason: 'not-in-cache' });
    sim.killHostService(host.id);
    const down = await client.vmStatus(host.id, vm.id);
    expect(down).toMatchObject({ ok: false, reason: 'host-unavailable' });
    expect(down.ok ? '' : down.message).toContain('not healthy');
  });

  it('startTime is /ws/stats start_time: the same while the orchestrator runs, new after it restarted', async () => {
    sim = await startFarm();
    const client = clientFor(sim.url, passwordOf(sim));
    const first = await client.startTime();
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await client.startTime()).toBe(first);
    await sim.restart();
    const second = await client.startTime();
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    await expect(
      clientFor(sim.url, { method: 'token', token: 'not-a-token' }).startTime(),
    ).rejects.toMatchObject({
      kind: 'unauthorized',
    });
  });

  it('wrong credentials are one clear error, not a detection verdict', async () => {
    sim = await startFarm();
    const client = clientFor(sim.url, { method: 'token', token: 'not-a-token' });
    await expect(client.detect()).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});
