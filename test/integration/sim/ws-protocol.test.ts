import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, WELCOME_TEXT, type Simulator } from '../../sim';
import { connectWs, type WsTestClient } from '../../sim/test-client';

let sim: Simulator;
const clients: WsTestClient[] = [];
const open = async (o: Parameters<typeof connectWs>[1] = {}): Promise<WsTestClient> => {
  const c = await connectWs(sim, o);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  sim = await startSimulator({ vms: 3, seed: 5, flushIntervalMs: 5 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

describe('WS welcome and subscriptions', () => {
  it('sends the welcome first with a uuid client_id and the parsed subscriptions', async () => {
    const c = await open({ eventTypes: ' PDFM, Health,bogus' });
    sim.setState(sim.vms()[0]?.id ?? '', 'stopping'); // an event racing the welcome must still come after it
    const first = await c.next();
    expect(first).toMatchObject({
      event_type: 'global',
      message: WELCOME_TEXT,
      body: { subscriptions: ['pdfm', 'health', 'global'] },
    });
    expect(first).not.toHaveProperty('client_id');
    expect(first).not.toHaveProperty('ref_id');
    const body = first.body as { client_id: string };
    expect(body.client_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sim.clientIds()).toEqual([body.client_id]);
    expect(await c.next()).toMatchObject({ event_type: 'pdfm', message: 'VM_STATE_CHANGED' });
  });

  it('subscribes to global only when event_types is missing, and gives every connection a new client_id', async () => {
    const a = await open({ eventTypes: null });
    const b = await open({ eventTypes: null });
    const wa = await a.next();
    const wb = await b.next();
    expect(wa.body).toMatchObject({ subscriptions: ['global'] });
    expect((wa.body as { client_id: string }).client_id).not.toBe(
      (wb.body as { client_id: string }).client_id,
    );
  });

  it('delivers untargeted frames only to subscribers of their event_type', async () => {
    const pdfm = await open({ eventTypes: 'pdfm' });
    const globalOnly = await open({ eventTypes: null });
    await pdfm.next();
    await globalOnly.next();
    const vm = sim.vms()[0];
    if (!vm) throw new Error('no vm');
    sim.setState(vm.id, vm.state === 'running' ? 'stopped' : 'running');
    sim.broadcast({ event_type: 'global', message: 'marker' });
    await pdfm.next((f) => f.message === 'VM_STATE_CHANGED');
    await globalOnly.next((f) => f.message === 'marker');
    expect(globalOnly.frames.map((f) => f.message)).toEqual([WELCOME_TEXT, 'marker']);
  });
});

describe('client messages', () => {
  it('answers a JSON ping with a pong carrying ref_id, even without a health subscription', async () => {
    const c = await open({ eventTypes: 'pdfm' });
    const welcome = await c.next();
    c.ws.send(JSON.stringify({ event_type: 'health', message: 'ping', id: 'hb-42' }));
    const pong = await c.next((f) => f.message === 'pong');
    expect(pong).toMatchObject({
      ref_id: 'hb-42',
      event_type: 'health',
      client_id: (welcome.body as { client_id: string }).client_id,
    });
  });

  it('answers malformed and unknown frames with error frames and keeps the socket open', async () => {
    const c = await open();
    await c.next();
    c.ws.send('xyz');
    expect(await c.next()).toMatchObject({
      event_type: 'global',
      message: 'error',
      body: { error: "invalid character 'x' looking for beginning of value" },
    });
    c.ws.send(Buffer.from('{"event_type":"foo"}'), { binary: true }); // binary frames are read the same way
    expect((await c.next()).body).toEqual({ error: 'invalid message type foo' });
    c.ws.send('{"event_type":"stats","id":"x1"}');
    expect(await c.next()).toMatchObject({
      ref_id: 'x1',
      body: { error: 'no handlers registered for type stats' },
    });
    c.ws.send('{"event_type":"system","message":"client-id","id":"q1"}');
    expect(await c.next()).toMatchObject({ ref_id: 'q1', message: 'client-id' });
    // still alive and answering
    c.ws.send('{"event_type":"health","message":"ping","id":"after"}');
    expect(await c.next()).toMatchObject({ message: 'pong', ref_id: 'after' });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });
});

describe('MAC_VMS_RUNNING_NOW (parallelsdesktop/main.go syncMacVmRunningStatus)', () => {
  it('follows a state change only when the set of running Macs changed, with the whole set', async () => {
    const s = await startSimulator({
      flushIntervalMs: 5,
      vms: [
        { id: 'm1', name: 'ci-mac-01', state: 'running', os: 'macosx', uptime: '60', user: 'ci' },
        { id: 'u1', name: 'ci-ubuntu-01', state: 'running', os: 'ubuntu', uptime: '60', user: 'ci' },
        { id: 'w1', name: 'build-machine', state: 'stopped', os: 'win-11', uptime: '0', user: 'ci' },
      ],
    });
    try {
      const c = await connectWs(s, { eventTypes: 'pdfm' });
      await c.next(); // welcome
      s.setState('u1', 'stopped'); // not a Mac: the set is unchanged, no MAC_VMS_RUNNING_NOW
      s.setState('w1', 'running'); // "mac" in the name counts as a Mac (build-MAChine)
      s.setState('m1', 'stopped');
      const messages: string[] = [];
      const sets: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        const f = await c.next();
        messages.push(String(f.message));
        if (f.message === 'MAC_VMS_RUNNING_NOW')
          sets.push((f.body as Record<string, unknown>).mac_vms_running);
      }
      expect(messages).toEqual([
        'VM_STATE_CHANGED',
        'VM_STATE_CHANGED',
        'MAC_VMS_RUNNING_NOW',
        'VM_STATE_CHANGED',
        'MAC_VMS_RUNNING_NOW',
      ]);
      expect(sets).toEqual([['m1', 'w1'], ['w1']]);
      c.close();
    } finally {
      await s.close();
    }
  });
});

describe('wire format (client_handler.go flushQueue → gorilla Conn.WriteJSON → json.Encoder.Encode)', () => {
  it("ends every frame with Encode's newline and escapes <, > and & as \\u003c, \\u003e, \\u0026", async () => {
    const c = await open({ eventTypes: 'pdfm' });
    await c.next(); // welcome
    const vm = sim.vms()[0]!;
    sim.renameVm(vm.id, 'Dev & <Test>');
    const updated = await c.next((f) => f.message === 'VM_UPDATED');
    expect((updated.body as { new_vm: { Name: string } }).new_vm.Name).toBe('Dev & <Test>');
    const texts = c.raw.map((r) => r.data.toString('utf8'));
    expect(texts.every((t) => t.endsWith('}\n'))).toBe(true);
    const renamed = texts.find((t) => t.includes('VM_UPDATED')) ?? '';
    expect(renamed).toContain('Dev \\u0026 \\u003cTest\\u003e');
  });
});
