import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HubConnection,
  type ConnectionEvent,
  type HubConnectionOptions,
} from '../../../src/main/hub/connection';
import { HubRequestError } from '../../../src/main/hub/errors';
import { silentLogger } from '../../support/silent-logger';
import { FakeTime } from '../../support/fake-time';
import { startLocalServer, welcomeFrame, type LocalServer } from './local-server';

const fixture = (dir: string, name: string): string =>
  readFileSync(join(__dirname, '../../fixtures/events-hub', dir, name), 'utf8');

let server: LocalServer;
let time: FakeTime;
let conn: HubConnection | null;
let events: ConnectionEvent[];

/** Resolves with the first event (already seen or future) matching `type`, after index `from`. */
function waitForEvent<T extends ConnectionEvent['type']>(
  type: T,
  from = 0,
): Promise<Extract<ConnectionEvent, { type: T }>> {
  return vi.waitFor(
    () => {
      const found = events.slice(from).find((e) => e.type === type);
      if (!found) throw new Error(`no ${type} event yet; saw ${events.map((e) => e.type).join(',')}`);
      return found as Extract<ConnectionEvent, { type: T }>;
    },
    { timeout: 4_000, interval: 5 },
  );
}

function rest(overrides: Partial<HubConnectionOptions['rest']> = {}): HubConnectionOptions['rest'] {
  return {
    authHeaders: async () => ({ Authorization: 'Bearer tok-1' }),
    refreshCredentials: async () => false,
    ...overrides,
  };
}

function connect(options: Partial<HubConnectionOptions> = {}): HubConnection {
  conn = new HubConnection({
    baseUrl: server.url,
    eventTypes: ['pdfm'],
    rest: rest(),
    trust: { pinnedFingerprint: null },
    clock: time,
    timers: time,
    logger: silentLogger,
    random: () => 1,
    ...options,
  });
  conn.onEvent((e) => events.push(e));
  conn.start();
  return conn;
}

beforeEach(async () => {
  server = await startLocalServer();
  time = new FakeTime();
  events = [];
  conn = null;
});
afterEach(async () => {
  await conn?.stop();
  await server.close();
});

describe('open and frames', () => {
  it('welcome -> open; credentials only in headers; the URL holds only event_types', async () => {
    connect({ eventTypes: ['pdfm', 'health'] });
    const open = await waitForEvent('open');
    expect(open).toEqual({ type: 'open', clientId: 'client-1', subscriptions: ['pdfm', 'global'] });
    expect(events[0]).toEqual({ type: 'connecting', attempt: 1 });
    const up = server.upgrades[0]!;
    expect(up.url).toBe('/api/v1/ws/subscribe?event_types=pdfm,health');
    expect(up.headers.authorization).toBe('Bearer tok-1');
    expect(up.headers['x-api-key']).toBeUndefined();
    expect(up.url).not.toMatch(/token|authorization|tok-1/i);
  });

  it('an API key travels as X-Api-Key only', async () => {
    connect({ rest: rest({ authHeaders: async () => ({ 'X-Api-Key': 'a2V5OnNlY3JldA==' }) }) });
    await waitForEvent('open');
    expect(server.upgrades[0]!.headers['x-api-key']).toBe('a2V5OnNlY3JldA==');
    expect(server.upgrades[0]!.headers.authorization).toBeUndefined();
  });

  it('emits parsed messages, counts invalid and ignored frames, never throws', async () => {
    server.onConnection = (ws) => {
      ws.send(welcomeFrame());
      ws.send(fixture('ws', 'vm-state-changed.json'));
      ws.send('{not json');
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      ws.send(fixture('ws', 'stats.json'));
      ws.send(welcomeFrame()); // a second welcome is not a new connection
      ws.send(fixture('ws', 'vm-removed-docs.json'));
    };
    const c = connect();
    await vi.waitFor(() => expect(c.counters.framesReceived).toBe(7), { timeout: 4_000 });
    expect(events.filter((e) => e.type === 'open')).toHaveLength(1);
    const messages = events.flatMap((e) => (e.type === 'messages' ? e.messages.map((m) => m.type) : []));
    expect(messages).toEqual(['vm-state-changed', 'ignored', 'vm-removed']);
    expect(events.filter((e) => e.type === 'invalid-frame')).toHaveLength(2);
    expect(c.counters).toMatchObject({ attempts: 1, framesReceived: 7, framesInvalid: 2, framesIgnored: 2 });
  });

  it('a throwing listener does not break the connection or other listeners', async () => {
    const c = connect();
    c.onEvent(() => {
      throw new Error('listener bug');
    });
    await waitForEvent('open');
    expect(events.map((e) => e.type)).toEqual(['connecting', 'open']);
  });
});

describe('batched delivery', () => {
  it('frames arriving together become one messages event each read, in order; other events never overtake them', async () => {
    const state = (i: number): string =>
      JSON.stringify({
        id: `e${i}`,
        event_type: 'pdfm',
        message: 'VM_STATE_CHANGED',
        body: { vm_id: `vm-${i}`, previous_state: 'running', current_state: 'stopped' },
      });
    server.onConnection = (ws) => {
      ws.send(welcomeFrame());
      for (let i = 0; i < 50; i++) ws.send(state(i));
      ws.send('{not json');
      for (let i = 50; i < 100; i++) ws.send(state(i));
      ws.close(1001, 'going away');
    };
    connect();
    await waitForEvent('closed');
    const delivered = events.flatMap((e) =>
      e.type === 'messages' ? e.messages.map((m) => (m.type === 'vm-state-changed' ? m.vmId : m.type)) : [],
    );
    expect(delivered).toEqual(Array.from({ length: 100 }, (_, i) => `vm-${i}`));
    const batches = events.filter((e) => e.type === 'messages');
    // Many frames per event (one per socket read), never an empty batch.
    expect(batches.length).toBeLessThan(100);
    expect(batches.every((e) => e.type === 'messages' && e.messages.length > 0)).toBe(true);
    // Order across event kinds: the first 50 before the invalid frame, the rest before 'closed'.
    const types = events.map((e) => e.type);
    const invalidAt = types.indexOf('invalid-frame');
    const before = events
      .slice(0, invalidAt)
      .flatMap((e) => (e.type === 'messages' ? e.messages : [])).length;
    expect(before).toBe(50);
    expect(types.lastIndexOf('messages')).toBeLessThan(types.indexOf('closed'));
  });

  it('nothing is delivered after stop(), even frames already parsed in the same read', async () => {
    server.onConnection = (ws) => {
      ws.send(welcomeFrame());
      ws.send(fixture('ws', 'vm-state-changed.json'));
    };
    const c = connect();
    c.onEvent((e) => {
      // Stop from inside the open handler: the frame behind the welcome must not be delivered.
      if (e.type === 'open') void c.stop();
    });
    await waitForEvent('open');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.filter((e) => e.type === 'messages')).toEqual([]);
  });
});

describe('liveness', () => {
  it('no frame or ping for livenessTimeoutMs -> terminate, closed, retry, reconnect', async () => {
    connect({ livenessTimeoutMs: 45_000 });
    await waitForEvent('open');
    const serverSide = [...server.clients][0]!;
    const serverClosed = new Promise<void>((resolve) => serverSide.on('close', () => resolve()));
    time.advance(44_999);
    expect(events.some((e) => e.type === 'closed')).toBe(false);
    time.advance(1);
    expect(events.slice(-2)).toEqual([
      { type: 'closed', reason: 'no data or ping for 45 s', willRetry: true },
      {
        type: 'retry-scheduled',
        attempt: 2,
        nextAt: time.now() + 1_000,
        lastError: 'no data or ping for 45 s',
      },
    ]);
    await serverClosed;
    time.advance(1_000);
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'open')).toHaveLength(2), {
      timeout: 4_000,
    });
    expect(server.upgrades).toHaveLength(2);
  });

  it('a server ping moves the deadline: the link is dead 45 s after the ping, not before', async () => {
    connect({ livenessTimeoutMs: 45_000 });
    await waitForEvent('open');
    const t0 = time.now();
    time.setNow(t0 + 40_000); // 40 s of silence, the deadline not yet due
    const serverSide = [...server.clients][0]!;
    // ws answers a ping with a pong right before it emits 'ping' to us: the pong's arrival proves it was handled.
    const ponged = new Promise<void>((resolve) => serverSide.once('pong', () => resolve()));
    serverSide.ping();
    await ponged;
    time.advance(44_999); // t0+84.999 s: past the original deadline, 1 ms before the new one
    expect(events.some((e) => e.type === 'closed')).toBe(false);
    time.advance(1);
    expect(events.find((e) => e.type === 'closed')).toEqual({
      type: 'closed',
      reason: 'no data or ping for 45 s',
      willRetry: true,
    });
  });
});

describe('refused upgrades', () => {
  it('401 with a static token -> auth-failed after one attempt, no further attempts', async () => {
    server.onUpgrade = () => ({ status: 401, body: fixture('rest', 'ws-401-expired.json') });
    const refresh = vi.fn(async () => false);
    connect({ rest: rest({ refreshCredentials: refresh }) });
    const failed = await waitForEvent('auth-failed');
    expect(failed.message).toBe('Credentials rejected by the host (Token is expired)');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(events.find((e) => e.type === 'closed')).toMatchObject({ willRetry: false });
    expect(time.pendingCount).toBe(0);
    time.advance(3_600_000);
    expect(server.upgrades).toHaveLength(1);
  });

  it('401 with a password -> one refresh, one retry with the new token, then auth-failed and silence', async () => {
    server.onUpgrade = () => ({ status: 401, body: fixture('rest', 'ws-401-expired.json') });
    let n = 1;
    const refresh = vi.fn(async () => {
      n += 1;
      return true;
    });
    connect({
      rest: rest({
        authHeaders: async () => ({ Authorization: `Bearer tok-${n}` }),
        refreshCredentials: refresh,
      }),
    });
    const failed = await waitForEvent('auth-failed');
    expect(failed.message).toBe('Credentials rejected by the host (Token is expired)');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.upgrades.map((u) => u.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(time.pendingCount).toBe(0);
    time.advance(3_600_000);
    expect(server.upgrades).toHaveLength(2);
  });

  it('reconnectNow re-arms after auth-failed', async () => {
    let refuse = true;
    server.onUpgrade = () => (refuse ? { status: 401, body: 'null' } : null);
    const c = connect();
    await waitForEvent('auth-failed');
    refuse = false;
    c.reconnectNow();
    await waitForEvent('open');
    expect(server.upgrades).toHaveLength(2);
  });

  it('a rejected password while getting headers -> auth-failed without opening a socket', async () => {
    connect({
      rest: rest({
        authHeaders: async () =>
          Promise.reject(
            new HubRequestError(
              'unauthorized',
              'Credentials rejected by the host (Invalid user or Password)',
            ),
          ),
      }),
    });
    const failed = await waitForEvent('auth-failed');
    expect(failed.message).toContain('Invalid user or Password');
    expect(server.upgrades).toHaveLength(0);
    expect(time.pendingCount).toBe(0);
  });

  it('409 (legacy one-per-IP) -> next attempt no sooner than 45 s', async () => {
    let refuse = true;
    server.onUpgrade = () => (refuse ? { status: 409, body: fixture('rest', 'ws-409-legacy.json') } : null);
    connect({ random: () => 0.5 });
    const scheduled = await waitForEvent('retry-scheduled');
    expect(scheduled.nextAt - time.now()).toBeGreaterThanOrEqual(45_000);
    expect(scheduled.lastError).toContain('IP address 127.0.0.1 already has an active WebSocket connection');
    expect(time.pending()).toEqual([{ at: scheduled.nextAt, ms: 45_000 }]);
    refuse = false;
    time.advance(44_999);
    expect(server.upgrades).toHaveLength(1);
    time.advance(1);
    await waitForEvent('open');
    expect(server.upgrades).toHaveLength(2);
  });

  it('503 -> exponential back-off (1 s, 2 s, 4 s ceilings), no refresh', async () => {
    server.onUpgrade = () => ({ status: 503, body: fixture('rest', 'ws-503.json') });
    const refresh = vi.fn(async () => true);
    connect({ rest: rest({ refreshCredentials: refresh }) });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const scheduled = await waitForEvent('retry-scheduled', events.length - 1);
      delays.push(scheduled.nextAt - time.now());
      expect(scheduled.lastError).toContain('EventEmitter service is not available');
      events.length = 0;
      time.fireNext();
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('connection refused -> closed + retry-scheduled with a readable reason', async () => {
    const port = server.port;
    await server.close();
    server = await startLocalServer();
    connect({ baseUrl: `http://127.0.0.1:${port}` });
    const scheduled = await waitForEvent('retry-scheduled');
    expect(scheduled).toMatchObject({ attempt: 2, lastError: 'connection refused' });
    expect(events.find((e) => e.type === 'closed')).toEqual({
      type: 'closed',
      reason: 'connection refused',
      willRetry: true,
    });
  });
});

describe('payload limit and drops', () => {
  it('an oversized frame closes (1009), is counted, and the client reconnects', async () => {
    server.onConnection = (ws) => {
      ws.send(welcomeFrame());
      if (server.upgrades.length === 1)
        ws.send(JSON.stringify({ event_type: 'stats', message: 'x'.repeat(4096) }));
    };
    const c = connect({ maxPayload: 1024 });
    const scheduled = await waitForEvent('retry-scheduled');
    expect(scheduled.lastError).toBe('a frame exceeded the size limit (1009)');
    expect(events.find((e) => e.type === 'invalid-frame')).toEqual({
      type: 'invalid-frame',
      reason: 'frame larger than the size limit',
    });
    expect(c.counters.framesOversized).toBe(1);
    time.fireNext();
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'open')).toHaveLength(2), {
      timeout: 4_000,
    });
  });

  it('a TCP drop (1006) retries; a connection that stayed up 30 s resets the back-off', async () => {
    connect();
    await waitForEvent('open');
    // Fail twice quickly to grow the back-off...
    for (let i = 0; i < 2; i++) {
      const from = events.length;
      for (const ws of server.clients) ws.terminate();
      await waitForEvent('retry-scheduled', from);
      time.fireNext();
      await waitForEvent('open', from);
    }
    const grown = events
      .filter((e) => e.type === 'retry-scheduled')
      .map((e) => (e as { nextAt: number }).nextAt);
    expect(grown).toHaveLength(2);
    // ...then stay up 30 s: the next failure starts at 1 s again.
    time.setNow(time.now() + 30_000);
    const from = events.length;
    for (const ws of server.clients) ws.terminate();
    const scheduled = await waitForEvent('retry-scheduled', from);
    expect(scheduled.nextAt - time.now()).toBe(1_000);
    expect(events.slice(from).find((e) => e.type === 'closed')).toEqual({
      type: 'closed',
      reason: 'connection lost (1006)',
      willRetry: true,
    });
  });
});

describe('stop', () => {
  it('closes with 1000, leaves no timers or sockets, and emits nothing more', async () => {
    const c = connect();
    await waitForEvent('open');
    const serverSide = [...server.clients][0]!;
    const closeCode = new Promise<number>((resolve) => serverSide.on('close', (code) => resolve(code)));
    const before = events.length;
    await c.stop();
    expect(await closeCode).toBe(1000);
    expect(time.pendingCount).toBe(0);
    expect(events.length).toBe(before);
    await vi.waitFor(() => expect(server.clients.size).toBe(0));
  });

  it('while waiting for a retry: cancels the timer', async () => {
    server.onUpgrade = () => ({ status: 503, body: '{}' });
    const c = connect();
    await waitForEvent('retry-scheduled');
    await c.stop();
    expect(time.pendingCount).toBe(0);
    time.advance(120_000);
    expect(server.upgrades).toHaveLength(1);
  });

  it('while credentials are being fetched: no socket is opened afterwards', async () => {
    let release: (h: Record<string, string>) => void = () => undefined;
    const c = connect({ rest: rest({ authHeaders: () => new Promise((resolve) => (release = resolve)) }) });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    await c.stop();
    release({ Authorization: 'Bearer late' });
    await new Promise((r) => setImmediate(r));
    expect(server.upgrades).toHaveLength(0);
    expect(time.pendingCount).toBe(0);
  });

  it('start() is idempotent', async () => {
    const c = connect();
    c.start();
    c.start();
    await waitForEvent('open');
    expect(server.upgrades).toHaveLength(1);
  });
});
