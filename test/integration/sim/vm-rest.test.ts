import { describe, expect, it } from 'vitest';
import { startSimulator, type SimOptions, type Simulator } from '../../sim';
import { connectWs, type WsTestClient } from '../../sim/test-client';
import { closeAfterEach } from '../../support/close-after-each';

const track = closeAfterEach();

async function setup(
  o: SimOptions = {},
): Promise<{ s: Simulator; c: WsTestClient; auth: Record<string, string> }> {
  const s = track(await startSimulator({ vms: 4, seed: 2, flushIntervalMs: 5, actionDelayMs: 20, ...o }));
  const c = track(await connectWs(s));
  await c.next(); // welcome
  return { s, c, auth: { Authorization: `Bearer ${s.issueToken()}` } };
}
const call = (
  s: Simulator,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<Response> => fetch(`${s.url}${path}`, { method, headers });

describe('VM events and REST truth', () => {
  it('a stop action emits stopping then stopped with the real body, and REST reflects it', async () => {
    const { s, c, auth } = await setup();
    const vm = s.vms().find((v) => v.state === 'running');
    if (!vm) throw new Error('no running vm');
    const res = await call(s, 'PUT', `/api/v1/machines/${vm.id}/stop`, auth);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: vm.id, operation: 'Stop', status: 'Success' });
    const first = await c.next((f) => f.message === 'VM_STATE_CHANGED');
    const second = await c.next((f) => f.message === 'VM_STATE_CHANGED');
    expect(first.body).toEqual({ previous_state: 'running', current_state: 'stopping', vm_id: vm.id });
    expect(second.body).toEqual({ previous_state: 'stopping', current_state: 'stopped', vm_id: vm.id });
    expect(Object.keys(first.body as object)).toEqual(['previous_state', 'current_state', 'vm_id']);
    expect(first.id).toMatch(/^[0-9a-f]{64}$/);
    expect(first.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const one = await call(s, 'GET', `/api/v1/machines/${vm.name.toUpperCase()}`, auth);
    expect(await one.json()).toMatchObject({ ID: vm.id, State: 'stopped', Name: vm.name });
    const list = (await (await call(s, 'GET', '/api/machines', auth)).json()) as {
      ID: string;
      State: string;
    }[];
    expect(list.find((v) => v.ID === vm.id)?.State).toBe('stopped');
    expect(s.getVm(vm.id)?.state).toBe('stopped');
  });

  it('no event when the state does not change; silent changes reach REST only', async () => {
    const { s, c, auth } = await setup();
    const [a, b] = s.vms();
    if (!a || !b) throw new Error('vms');
    s.setState(a.id, a.state);
    s.setState(b.id, 'paused', { silent: true });
    s.broadcast({ event_type: 'pdfm', message: 'marker' });
    await c.next((f) => f.message === 'marker');
    expect(c.frames.filter((f) => f.message === 'VM_STATE_CHANGED')).toHaveLength(0);
    expect(await (await call(s, 'GET', `/api/v1/machines/${b.id}`, auth)).json()).toMatchObject({
      State: 'paused',
    });
  });

  it('add, rename, uptime and remove use the real shapes; [] when empty; 404 body', async () => {
    const { s, c, auth } = await setup({ vms: [] });
    expect(await (await call(s, 'GET', '/api/v1/machines', auth)).json()).toEqual([]);
    const vm = s.addVm({ name: 'build-01', os: 'macosx' });
    const added = await c.next((f) => f.message === 'VM_ADDED');
    expect(added.body).toMatchObject({
      vm_id: vm.id,
      new_vm: { ID: vm.id, Name: 'build-01', State: 'stopped', OS: 'macosx' },
    });
    expect(added.body).toHaveProperty(['new_vm', 'Hardware', 'cpu']);
    expect(added.body).toHaveProperty(['new_vm', 'Home path']);
    s.renameVm(vm.id, 'build-01-renamed');
    expect((await c.next((f) => f.message === 'VM_UPDATED')).body).toMatchObject({
      vm_id: vm.id,
      new_vm: { Name: 'build-01-renamed' },
    });
    s.setUptime(vm.id, '120');
    expect((await c.next((f) => f.message === 'VM_UPTIME_CHANGED')).body).toEqual({
      vm_id: vm.id,
      uptime: '120',
    });
    s.removeVm(vm.id);
    expect((await c.next((f) => f.message === 'VM_REMOVED')).body).toEqual({ vm_id: vm.id });
    const missing = await call(s, 'GET', `/api/v1/machines/${vm.id}`, auth);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'error 404: Virtual machine not found', code: 404 });
    expect(() => s.setState(vm.id, 'running')).toThrow(/no VM/);
  });

  it('docsShape sends the public-docs new_vm', async () => {
    const { s, c } = await setup({ docsShape: true });
    const vm = s.addVm({ name: 'docs-vm', os: 'ubuntu' });
    expect((await c.next((f) => f.message === 'VM_ADDED')).body).toEqual({
      vm_id: vm.id,
      new_vm: { name: 'docs-vm', os_type: 'ubuntu', state: 'stopped' },
    });
  });

  it('config/hardware reports the devops version', async () => {
    const { s, auth } = await setup({ devopsVersion: '1.0.4' });
    expect(await (await call(s, 'GET', '/api/v1/config/hardware', auth)).json()).toMatchObject({
      devops_version: '1.0.4',
    });
  });
});

describe('VM actions', () => {
  it('enforces preconditions with the ApiErrorResponse body and no event; no-ops answer 200', async () => {
    const { s, c, auth } = await setup();
    const running = s.vms().find((v) => v.state === 'running');
    if (!running) throw new Error('no running vm');
    const bad = await call(s, 'PUT', `/api/v1/machines/${running.id}/resume`, auth);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'error: VM is not paused or suspended', code: 400 });
    const noop = await call(s, 'PUT', `/api/v1/machines/${running.id}/start`, auth);
    expect(await noop.json()).toEqual({ id: running.id, operation: 'Start', status: 'Success' });
    s.setState(running.id, 'suspended', { silent: true });
    const notStopped = await call(s, 'PUT', `/api/machines/${running.id}/start`, auth);
    expect(await notStopped.json()).toEqual({ message: 'error: VM is not stopped', code: 400 });
    const forced = await call(s, 'PUT', `/api/v1/machines/${running.id}/stop?force=true`, auth);
    expect(forced.status).toBe(200);
    expect(s.getVm(running.id)?.state).toBe('stopped');
    const unknown = await call(s, 'PUT', '/api/v1/machines/nope/start', auth);
    expect(unknown.status).toBe(404);
    await c.next((f) => (f.body as { current_state?: string } | undefined)?.current_state === 'stopped');
    expect(c.frames.filter((f) => f.message === 'VM_STATE_CHANGED')).toHaveLength(2);
  });

  it('uses PUT from 1.0.5 and GET up to 1.0.4; the other method gets the not-found 404 (protocol §8.3)', async () => {
    const { s, auth } = await setup();
    const vm = s.vms().find((v) => v.state === 'running');
    if (!vm) throw new Error('no running vm');
    const wrong = await call(s, 'GET', `/api/v1/machines/${vm.id}/suspend`, auth);
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({
      message: `resource /api/v1/machines/${vm.id}/suspend not found`,
      code: 404,
    });
    expect(s.getVm(vm.id)?.state).toBe('running');
    await s.close();

    const old = track(await startSimulator({ vms: [vm], devopsVersion: '1.0.4', actionDelayMs: 0 }));
    // `auth` holds the first simulator's token: the route (method included) is matched before auth runs.
    expect((await call(old, 'PUT', `/api/v1/machines/${vm.id}/suspend`, auth)).status).toBe(404);
    const token = { Authorization: `Bearer ${old.issueToken()}` };
    const ok = await call(old, 'GET', `/api/v1/machines/${vm.id}/suspend`, token);
    expect(ok.status).toBe(200);
    expect(old.getVm(vm.id)?.state).toBe('suspended');
  });
});
