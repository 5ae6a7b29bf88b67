// The orchestrator simulator's REST over real sockets, against orchestrator-protocol.md §1.2–§2.6.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type OrchestratorSimulator, type Simulator } from '../../sim';
import { call, rows, startFarm, subscribe } from './orchestrator-helpers';
import type { WsTestClient } from '../../sim/test-client';

let sim: OrchestratorSimulator | null = null;
let single: Simulator | null = null;
const clients: WsTestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim?.close();
  await single?.close();
  sim = null;
  single = null;
});

describe('orchestrator simulator REST: reads (ORCH §2.2–§2.5)', () => {
  it('lists 40 hosts (200, 64-hex ids, live state, link flag) and their VMs (202) equal to the truth', async () => {
    sim = await startFarm({ hosts: 40, vmsPerHost: 3 });
    const hosts = await call(sim, '/orchestrator/hosts');
    expect(hosts.status).toBe(200);
    expect(rows(hosts)).toHaveLength(40);
    for (const h of rows(hosts)) {
      expect(h.id).toMatch(/^[0-9a-f]{64}$/);
      expect(h).toMatchObject({ enabled: true, state: 'healthy', has_websocket_events: true });
      expect(h.host).toMatch(/^http:\/\/10\.20\.\d+\.\d+:3080\/api$/);
    }
    for (const view of sim.hosts()) {
      const list = await call(sim, `/orchestrator/hosts/${view.id}/machines`);
      expect(list.status).toBe(202);
      const got = rows(list).map((v) => `${String(v.host_id)}/${String(v.ID)}:${String(v.State)}`);
      expect(got).toEqual(sim.vms(view.id).map((v) => `${view.id}/${v.id}:${v.state}`));
    }
    const flat = await call(sim, '/orchestrator/machines');
    expect(flat.status).toBe(202);
    expect(rows(flat)).toHaveLength(120);
  });

  it('VM rows are ParallelsVM plus host_id, host_name, host_state, host and host_url (bare name)', async () => {
    sim = await startFarm({ hosts: 1 });
    const [host] = sim.hosts();
    if (!host) throw new Error('no host');
    const [vm] = rows(await call(sim, `/orchestrator/hosts/${host.id}/machines`));
    expect(Object.keys(vm ?? {}).slice(0, 6)).toEqual([
      'ID',
      'host',
      'host_url',
      'host_id',
      'host_name',
      'host_state',
    ]);
    expect(vm).toMatchObject({
      host: host.host,
      host_url: host.hostName,
      host_id: host.id,
      host_name: host.description,
      host_state: 'healthy',
      'USB and Bluetooth': {},
    });
    expect(vm).toHaveProperty('Name');
    expect(vm).toHaveProperty('State');
  });

  it('one host by id or by full URL (case-insensitive); an unknown id is 404 "host not found"', async () => {
    sim = await startFarm();
    const [host] = sim.hosts();
    if (!host) throw new Error('no host');
    expect((await call(sim, `/orchestrator/hosts/${host.id}`)).body).toMatchObject({ id: host.id });
    const byUrl = await call(sim, `/orchestrator/hosts/${encodeURIComponent(host.host.toUpperCase())}`);
    expect(byUrl.body).toMatchObject({ id: host.id });
    const missing = await call(sim, `/orchestrator/hosts/${'0'.repeat(64)}`);
    expect(missing).toEqual({ status: 404, body: { message: 'error 404: host not found', code: 404 } });
  });

  it('auth as on a host; no /machines on a (Linux) orchestrator; hardware names the orchestrator module', async () => {
    sim = await startFarm();
    expect((await call(sim, '/orchestrator/hosts', { auth: false })).status).toBe(401);
    const key = await call(sim, '/orchestrator/hosts', {
      auth: false,
      headers: { 'X-Api-Key': sim.credentials.apiKey },
    });
    expect(key.status).toBe(200);
    expect((await call(sim, '/machines')).status).toBe(404);
    const hw = await call(sim, '/config/hardware');
    expect((hw.body as { enabled_modules: string[] }).enabled_modules).toContain('orchestrator');
    expect((await fetch(`${sim.url}/api/health/probe`)).status).toBe(200);
    // Detection without a claim (ORCH §1.3): a single host has no such route.
    single = await startSimulator({ vms: 1 });
    const res = await fetch(`${single.url}/api/v1/orchestrator/hosts`, {
      headers: { Authorization: `Bearer ${single.issueToken()}` },
    });
    expect(res.status).toBe(404);
  });

  it('/status is live (the host truth) while the cached list is stale; a dark host gives 400 "not healthy"', async () => {
    sim = await startFarm();
    const [host] = sim.hosts();
    if (!host) throw new Error('no host');
    const vm = sim.vms(host.id).find((v) => v.state === 'running');
    if (!vm) throw new Error('no running VM');
    sim.setState(host.id, vm.id, 'stopped', { silent: true });
    const cached = rows(await call(sim, `/orchestrator/hosts/${host.id}/machines/${vm.id}`)) as unknown;
    expect((cached as { State: string }).State).toBe('running');
    const status = await call(sim, `/orchestrator/hosts/${host.id}/machines/${vm.id}/status`);
    expect(status).toMatchObject({ status: 202, body: { id: vm.id, status: 'stopped' } });
    const viaVm = await call(sim, `/orchestrator/machines/${vm.id}/status`);
    expect(viaVm).toMatchObject({ status: 202, body: { id: vm.id, status: 'stopped' } });
    expect(sim.stats.statusReads).toBe(2);
    sim.powerOffHost(host.id);
    const dark = await call(sim, `/orchestrator/hosts/${host.id}/machines/${vm.id}/status`);
    expect(dark).toEqual({
      status: 400,
      body: { message: `error 400: Host ${host.id} is not healthy`, code: 400 },
    });
  });

  it('/orchestrator/machines/{id}: ID or name; a miss is retried 10 times, then 404', async () => {
    sim = await startFarm({ lookupRetryMs: 10 });
    const [host] = sim.hosts();
    const vm = host ? sim.vms(host.id)[0] : undefined;
    if (!host || !vm) throw new Error('no VM');
    expect((await call(sim, `/orchestrator/machines/${vm.id.toUpperCase()}`)).status).toBe(202);
    const started = Date.now();
    const miss = await call(sim, '/orchestrator/machines/no-such-vm');
    expect(Date.now() - started).toBeGreaterThanOrEqual(9 * 10);
    expect(miss).toEqual({
      status: 404,
      body: { message: 'error 404: Virtual machine no-such-vm not found', code: 404 },
    });
  });

  it('X-No-Cache answers from the stale cache at once and refreshes every host in the background, silently', async () => {
    sim = await startFarm();
    const c = await subscribe(sim);
    clients.push(c);
    const [host] = sim.hosts();
    const vm = host ? sim.vms(host.id).find((v) => v.state === 'running') : undefined;
    if (!host || !vm) throw new Error('no running VM');
    sim.setState(host.id, vm.id, 'stopped', { silent: true });
    await call(sim, '/orchestrator/hosts', { headers: { 'X-No-Cache': 'true' } }); // not a VM read: no refresh
    const stale = await call(sim, `/orchestrator/hosts/${host.id}/machines`, {
      headers: { 'X-No-Cache': 'true' },
    });
    expect(rows(stale).find((v) => v.ID === vm.id)?.State).toBe('running');
    await expect.poll(() => sim?.cachedVms(host.id).find((v) => v.id === vm.id)?.state).toBe('stopped');
    await expect.poll(() => sim?.stats.fullRefreshes).toBe(1);
    expect(c.frames.filter((f) => String(f.message).startsWith('HOST_VM_'))).toEqual([]);
  });
});

describe('orchestrator simulator REST: actions (ORCH §2.6)', () => {
  it('a v1.0.5 host refuses the GET-forwarded action: 404 "error on GET data from …"', async () => {
    sim = await startFarm();
    const [host] = sim.hosts();
    const vm = host ? sim.vms(host.id).find((v) => v.state === 'running') : undefined;
    if (!host || !vm) throw new Error('no running VM');
    const res = await call(sim, `/orchestrator/machines/${vm.id}/stop`, { method: 'PUT' });
    const url = `${host.host}/machines/${vm.id}/stop`;
    expect(res).toEqual({
      status: 404,
      body: {
        message: `error on GET data from ${url}, err: 404 message: resource /api/machines/${vm.id}/stop not found`,
        code: 404,
      },
    });
    expect(sim.vms(host.id).find((v) => v.id === vm.id)?.state).toBe('running');
  });

  it('a v1.0.4 host runs it: 200, and the transitions arrive as HOST_VM_STATE_CHANGED', async () => {
    sim = await startFarm({ hostDevopsVersion: '1.0.4' });
    const c = await subscribe(sim);
    clients.push(c);
    const [host] = sim.hosts();
    const vm = host ? sim.vms(host.id).find((v) => v.state === 'running') : undefined;
    if (!host || !vm) throw new Error('no running VM');
    const res = await call(sim, `/orchestrator/machines/${vm.id}/stop`, { method: 'PUT' });
    expect(res).toEqual({ status: 200, body: { id: vm.id, operation: 'Stop', status: 'Success' } });
    const states: unknown[] = [];
    for (const want of ['stopping', 'stopped']) {
      const f = await c.next((x) => x.message === 'HOST_VM_STATE_CHANGED');
      states.push((f.body as { event: { current_state: string } }).event.current_state);
      expect(want).toBe(states[states.length - 1]);
    }
    // Host precondition errors are wrapped into 404 as well.
    const again = await call(sim, `/orchestrator/hosts/${host.id}/machines/${vm.id}/pause`, {
      method: 'PUT',
    });
    expect(again.status).toBe(404);
    expect((again.body as { message: string }).message).toContain(
      'err: 400 message: error: VM is not running',
    );
  });

  it('by name → 404 at the ID-only lookup; a GET on an action route → 404; host-scoped on a down host → 400', async () => {
    sim = await startFarm({ hostDevopsVersion: '1.0.4' });
    const [host] = sim.hosts();
    const vm = host ? sim.vms(host.id)[0] : undefined;
    if (!host || !vm) throw new Error('no VM');
    const byName = await call(sim, `/orchestrator/machines/${encodeURIComponent(vm.name)}/start`, {
      method: 'PUT',
    });
    expect(byName.status).toBe(404);
    expect((byName.body as { message: string }).message).toContain('not found on host');
    expect((await call(sim, `/orchestrator/machines/${vm.id}/start`)).status).toBe(404);
    sim.killHostService(host.id);
    await expect.poll(() => sim?.host(host.id)?.storedState).toBe('unhealthy');
    const down = await call(sim, `/orchestrator/hosts/${host.id}/machines/${vm.id}/start`, { method: 'PUT' });
    expect(down).toEqual({
      status: 400,
      body: { message: `error 400: Host ${host.id} is not healthy`, code: 400 },
    });
  });
});
