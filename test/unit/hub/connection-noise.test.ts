// An orchestrator's noise (stats every 5 s and every log line of every host, orchestrator-protocol.md §3.7) stops in
// the connection: a read of only noise delivers no 'messages' event (so the core opens no batch for it), yet every
// noise frame still counts as a sign of life for the liveness window, and a VM event after noise is delivered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubConnection, type ConnectionEvent } from '../../../src/main/hub/connection';
import { silentLogger } from '../../support/silent-logger';
import { FakeTime } from '../../support/fake-time';
import { startLocalServer, welcomeFrame, type LocalServer } from './local-server';

const HOST = 'a16c7dfc2e8e79b927f0d8e786c7ac5fce172d800be06c15cb789eabae1550de';
const frame = (message: string, body: unknown): string =>
  `${JSON.stringify({ id: 'f'.repeat(64), event_type: 'orchestrator', timestamp: '2026-08-18T10:24:00Z', message, body })}\n`;
const stats = frame('HOST_STATS_UPDATE', { host_id: HOST, stats: { cpu_percent: 1.5 } });
const log = frame('HOST_LOGS_UPDATE', { host_id: HOST, log: { level: 'info', message: 'x', time: 't' } });
const stop = frame('HOST_VM_STATE_CHANGED', {
  host_id: HOST,
  event: { previous_state: 'running', current_state: 'stopped', vm_id: 'vm-1' },
});

let server: LocalServer;
let time: FakeTime;
let conn: HubConnection | null;
let events: ConnectionEvent[];

function connect(): HubConnection {
  conn = new HubConnection({
    baseUrl: server.url,
    eventTypes: ['orchestrator'],
    rest: { authHeaders: async () => ({ Authorization: 'Bearer t' }), refreshCredentials: async () => false },
    trust: { pinnedFingerprint: null },
    clock: time,
    timers: time,
    logger: silentLogger,
    random: () => 1,
    livenessTimeoutMs: 45_000,
  });
  conn.onEvent((e) => events.push(e));
  conn.start();
  return conn;
}

beforeEach(async () => {
  server = await startLocalServer();
  server.onConnection = (ws) => ws.send(welcomeFrame(['orchestrator', 'global']));
  time = new FakeTime();
  events = [];
  conn = null;
});
afterEach(async () => {
  await conn?.stop();
  await server.close();
});

describe('orchestrator noise in the connection', () => {
  it('a read of only noise delivers nothing; a VM event after it is delivered alone', async () => {
    const c = connect();
    await vi.waitFor(() => expect(events.some((e) => e.type === 'open')).toBe(true), { timeout: 4_000 });
    const ws = [...server.clients][0]!;
    for (let i = 0; i < 5; i++) ws.send(i % 2 === 0 ? stats : log);
    await vi.waitFor(() => expect(c.counters.framesReceived).toBe(6), { timeout: 4_000 });
    ws.send(stop);
    await vi.waitFor(() => expect(events.some((e) => e.type === 'messages')).toBe(true), { timeout: 4_000 });
    const delivered = events.flatMap((e) => (e.type === 'messages' ? e.messages : []));
    expect(delivered).toEqual([
      {
        type: 'host-vm-state-changed',
        hostId: HOST,
        vmId: 'vm-1',
        previousState: 'running',
        currentState: 'stopped',
      },
    ]);
    expect(c.counters).toMatchObject({ framesReceived: 7, framesInvalid: 0, framesIgnored: 0 });
  });

  it('noise alone keeps the link alive: it is a sign of life like any frame', async () => {
    const c = connect();
    await vi.waitFor(() => expect(events.some((e) => e.type === 'open')).toBe(true), { timeout: 4_000 });
    const t0 = time.now();
    time.setNow(t0 + 40_000); // 40 s without a frame: not yet dead
    [...server.clients][0]!.send(log);
    await vi.waitFor(() => expect(c.counters.framesReceived).toBe(2), { timeout: 4_000 });
    await Promise.resolve(); // the read's sign of life is noted from a microtask
    time.advance(30_000); // t0 + 70 s: past the window counted from the welcome, inside the one from the log line
    expect(events.some((e) => e.type === 'closed')).toBe(false);
    time.advance(15_001); // t0 + 85 s + 1 ms: a whole window after the log line with nothing more
    expect(events.filter((e) => e.type === 'closed')).toHaveLength(1);
  });
});
