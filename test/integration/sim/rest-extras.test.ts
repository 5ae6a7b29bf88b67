import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { connectWs, type WsTestClient } from '../../sim/test-client';

let sim: Simulator;
let auth: Record<string, string>;
const clients: WsTestClient[] = [];
beforeEach(async () => {
  sim = await startSimulator({ vms: 6, seed: 9, flushIntervalMs: 5 });
  auth = { Authorization: `Bearer ${sim.issueToken()}`, 'Content-Type': 'application/json' };
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});
const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`${sim.url}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });

describe('REST extras', () => {
  it('X-Filter narrows the machine list by field regex', async () => {
    const r = await fetch(`${sim.url}/api/v1/machines`, {
      headers: { ...auth, 'X-Filter': 'state=RUNNING,i' },
    });
    const list = (await r.json()) as { State: string }[];
    const expected = sim.vms().filter((v) => v.state === 'running').length;
    expect(list).toHaveLength(expected);
    expect(list.every((v) => v.State === 'running')).toBe(true);
  });

  it('a plain GET on the WS route is 400 text followed by the diagnostics JSON', async () => {
    const r = await fetch(`${sim.url}/api/v1/ws/subscribe`, { headers: auth });
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text.startsWith('Bad Request\n{')).toBe(true);
    expect(JSON.parse(text.slice('Bad Request\n'.length))).toMatchObject({ code: 400 });
  });

  it('unsubscribe: 200 empty on success, partial message with global, 400 for unknown clients', async () => {
    const c = await connectWs(sim, { eventTypes: 'pdfm' });
    clients.push(c);
    const clientId = ((await c.next()).body as { client_id: string }).client_id;

    const partial = await post('/api/v1/ws/unsubscribe', {
      client_id: clientId,
      event_types: ['pdfm', 'global'],
    });
    expect(partial.status).toBe(200);
    expect(await partial.json()).toEqual({
      message: 'cannot unsubscribe from global event type unsubscribed from: pdfm',
      code: 200,
    });
    const vm = sim.vms()[0];
    if (!vm) throw new Error('no vm');
    sim.setState(vm.id, 'stopping');
    sim.broadcast({ event_type: 'global', message: 'marker' });
    await c.next((f) => f.message === 'marker');
    expect(c.frames.some((f) => f.message === 'VM_STATE_CHANGED')).toBe(false);

    const unknown = await post('/api/ws/unsubscribe', { client_id: 'nope', event_types: ['pdfm'] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      diagnostics: { errors: [{ message: 'client nope does not exist' }] },
    });
    expect((await post('/api/v1/ws/unsubscribe', { client_id: clientId, event_types: [] })).status).toBe(400);
  });

  it('unknown routes are 404 and wrong methods 405', async () => {
    expect((await fetch(`${sim.url}/api/v1/nothing`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${sim.url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${sim.url}/api/v1/machines`, { method: 'POST', headers: auth })).status).toBe(405);
  });
});
