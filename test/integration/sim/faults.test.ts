import { describe, expect, it, vi } from 'vitest';
import { MAX_CLIENT_QUEUE, startSimulator, type SimOptions, type Simulator } from '../../sim';
import { connectWs, upgradeRefusal, type WsTestClient } from '../../sim/test-client';
import { closeAfterEach } from '../../support/close-after-each';

const track = closeAfterEach();
async function start(o: SimOptions = {}): Promise<Simulator> {
  return track(await startSimulator({ vms: 3, flushIntervalMs: 5, ...o }));
}
async function open(s: Simulator, o: Parameters<typeof connectWs>[1] = {}): Promise<WsTestClient> {
  const c = track(await connectWs(s, o));
  await c.next(); // welcome
  return c;
}

describe('backpressure', () => {
  it('caps a client queue at 2048 frames, dropping the oldest', async () => {
    const s = await start();
    const c = await open(s);
    const total = MAX_CLIENT_QUEUE + 52;
    // All enqueued within one tick, so no flush can run in between.
    for (let n = 0; n < total; n++) s.broadcast({ event_type: 'pdfm', message: 'seq', body: { n } });
    await c.next((f) => (f.body as { n?: number } | undefined)?.n === total - 1);
    const seqs = c.frames.filter((f) => f.message === 'seq').map((f) => (f.body as { n: number }).n);
    expect(seqs).toHaveLength(MAX_CLIENT_QUEUE);
    expect(seqs[0]).toBe(52);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(s.stats.framesDropped).toBe(52);
  });
});

describe('keepalive', () => {
  it('pings regularly; a client answering pings stays, one that does not is terminated without a close frame', async () => {
    const s = await start({ pingIntervalMs: 25, pongWaitMs: 100 });
    const good = await open(s);
    const mute = await open(s, { autoPong: false });
    // JSON pings are answered but do not count as liveness.
    mute.ws.send('{"event_type":"health","message":"ping","id":"j1"}');
    await mute.next((f) => f.message === 'pong');
    expect((await mute.closed).code).toBe(1006);
    let pings = 0;
    await new Promise<void>((resolve) =>
      good.ws.on('ping', () => {
        if (++pings === 6) resolve(); // 6 x 25 ms > pongWaitMs
      }),
    );
    expect(good.ws.readyState).toBe(good.ws.OPEN);
  });

  it('freeze: no pong, no pings, terminate after pongWaitMs; REST waits until thawed', async () => {
    const s = await start({ pingIntervalMs: 20, pongWaitMs: 150 });
    const c = await open(s);
    const token = s.issueToken();
    s.freeze(true);
    let pingsWhileFrozen = 0;
    c.ws.on('ping', () => pingsWhileFrozen++);
    c.ws.send('{"event_type":"health","message":"ping","id":"f1"}');
    const closed = await c.closed;
    expect(closed.code).toBe(1006);
    expect(c.frames.some((f) => f.message === 'pong')).toBe(false);
    expect(pingsWhileFrozen).toBe(0);

    let answered = false;
    const pending = fetch(`${s.url}/api/v1/machines`, { headers: { Authorization: `Bearer ${token}` } }).then(
      (r) => {
        answered = true;
        return r.status;
      },
    );
    await vi.waitFor(() => expect(s.stats.heldWhileFrozen).toBe(1));
    expect(answered).toBe(false);
    expect(s.stats.restRequests).toBe(0);
    s.freeze(false);
    expect(await pending).toBe(200);
  });
});

describe('refusals', () => {
  it('503 while the emitter is refused (after auth), then accepts again', async () => {
    const s = await start();
    s.refuseConnections(503);
    const r = await upgradeRefusal(s);
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({
      code: 503,
      diagnostics: { errors: [{ code: '503', message: 'EventEmitter service is not available' }] },
    });
    expect((await upgradeRefusal(s, { auth: false })).status).toBe(401);
    s.refuseConnections(null);
    await open(s);
    expect(s.stats.wsRejected).toEqual({ 401: 1, 503: 1 });
  });

  it('legacy mode: a second socket from the same IP gets 409 until the first is gone', async () => {
    const s = await start({ legacyOnePerIp: true });
    const first = await open(s);
    const r = await upgradeRefusal(s);
    expect(r.status).toBe(409);
    expect(JSON.parse(r.body)).toMatchObject({
      code: 409,
      diagnostics: {
        errors: [{ message: 'IP address 127.0.0.1 already has an active WebSocket connection' }],
      },
    });
    first.close();
    await vi.waitFor(() => expect(s.stats.wsOpen).toBe(0));
    await open(s);
    s.setLegacyOnePerIp(false);
    await open(s);
  });
});

describe('connection faults', () => {
  it('dropAllSockets: clients see 1006', async () => {
    const s = await start();
    const c = await open(s);
    s.dropAllSockets();
    expect((await c.closed).code).toBe(1006);
  });

  it('restart: same port, same VMs, old sockets dropped', async () => {
    const s = await start();
    const c = await open(s);
    const { port } = s;
    const before = s.vms();
    await s.restart();
    expect((await c.closed).code).toBe(1006);
    expect(s.port).toBe(port);
    expect(s.vms()).toEqual(before);
    const again = await open(s);
    expect(again.frames[0]?.message).toMatch(/^WebSocket connection established/);
  });

  it('refuseTcp: connections refused, open sockets kept, reopened on the same port', async () => {
    const s = await start();
    const c = await open(s);
    s.refuseTcp(true);
    const err = await fetch(`${s.url}/api/health/probe`).catch((e: unknown) => e);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    s.refuseTcp(false);
    await s.whenListening();
    expect((await fetch(`${s.url}/api/health/probe`)).status).toBe(200);
  });

  it('sendRaw delivers garbage text and binary frames verbatim', async () => {
    const s = await start();
    const c = await open(s);
    s.sendRaw('not json {');
    s.sendRaw(Buffer.from([1, 2, 3]), { binary: true });
    await vi.waitFor(() => expect(c.raw).toHaveLength(3));
    expect(c.raw[1]).toMatchObject({ isBinary: false });
    expect(c.raw[1]?.data.toString()).toBe('not json {');
    expect(c.raw[2]?.isBinary).toBe(true);
    expect([...(c.raw[2]?.data ?? [])]).toEqual([1, 2, 3]);
  });
});
