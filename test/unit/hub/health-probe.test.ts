// Item 6 (second half): a cheap health probe between full attempts brings a host back within seconds, bounded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubConnection, type ConnectionEvent } from '../../../src/main/hub/connection';
import { HealthProbe } from '../../../src/main/hub/health-probe';
import { silentLogger } from '../../support/silent-logger';
import { FakeTime } from '../../support/fake-time';
import { startLocalServer, type LocalServer } from './local-server';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('HealthProbe', () => {
  it('probes every 3 s, at most one in flight, and stops after stop()', async () => {
    const time = new FakeTime();
    let release: (ok: boolean) => void = () => undefined;
    const check = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const probe = new HealthProbe(time, check);
    const onBack = vi.fn();
    probe.start(onBack);
    time.advance(2_999);
    expect(check).toHaveBeenCalledTimes(0);
    time.advance(1);
    expect(check).toHaveBeenCalledTimes(1);
    time.advance(30_000); // the probe hangs: no second one piles up
    expect(check).toHaveBeenCalledTimes(1);
    release(false);
    await flush();
    time.advance(3_000);
    expect(check).toHaveBeenCalledTimes(2);
    probe.stop();
    release(true);
    await flush();
    time.advance(30_000);
    expect(check).toHaveBeenCalledTimes(2);
    expect(onBack).not.toHaveBeenCalled();
  });

  it('OK after a failure calls onBack once; OK after OK (a 503ing hub behind a live HTTP server) does not', async () => {
    const time = new FakeTime();
    let ok = false;
    const probe = new HealthProbe(time, () => Promise.resolve(ok));
    const onBack = vi.fn();
    probe.start(onBack);
    time.advance(3_000);
    await flush();
    ok = true;
    time.advance(3_000);
    await flush();
    expect(onBack).toHaveBeenCalledTimes(1);
    probe.start(onBack); // the retried attempt failed again while the probe kept answering OK
    for (let i = 0; i < 5; i++) {
      time.advance(3_000);
      await flush();
    }
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});

describe('HubConnection with the health probe', () => {
  let server: LocalServer;
  let conn: HubConnection | null = null;
  beforeEach(async () => {
    server = await startLocalServer();
  });
  afterEach(async () => {
    await conn?.stop();
    await server.close();
  });

  function connect(time: FakeTime, healthCheck: () => Promise<boolean>, events: ConnectionEvent[]): void {
    conn = new HubConnection({
      baseUrl: server.url,
      eventTypes: ['pdfm'],
      rest: {
        authHeaders: async () => ({ Authorization: 'Bearer t' }),
        refreshCredentials: async () => false,
      },
      trust: { pinnedFingerprint: null },
      clock: time,
      timers: time,
      logger: silentLogger,
      random: () => 1,
      backoff: { initialMs: 30_000, maxMs: 60_000, stableAfterMs: 30_000 },
      healthCheck,
    });
    conn.onEvent((e) => events.push(e));
    conn.start();
  }

  it('a host back 6 s into a 30 s backoff is live after the next probe, not after 30 s', async () => {
    const time = new FakeTime();
    const events: ConnectionEvent[] = [];
    let up = false;
    server.onUpgrade = () => (up ? null : { status: 503, body: '{}' });
    connect(time, () => Promise.resolve(up), events);
    await vi.waitFor(() => expect(events.some((e) => e.type === 'retry-scheduled')).toBe(true));
    const scheduled = events.find((e) => e.type === 'retry-scheduled');
    expect(scheduled && scheduled.nextAt - time.now()).toBe(30_000);
    time.advance(3_000); // probe: still down
    await flush();
    up = true;
    time.advance(3_000); // probe: OK -> reconnect now
    await vi.waitFor(() => expect(events.some((e) => e.type === 'open')).toBe(true));
    expect(server.upgrades).toHaveLength(2);
  });

  it('no probe while the server demands a minimum wait (409)', async () => {
    const time = new FakeTime();
    const events: ConnectionEvent[] = [];
    const check = vi.fn(() => Promise.resolve(true));
    server.onUpgrade = () => ({
      status: 409,
      body: '{"message":"already has an active WebSocket connection"}',
    });
    connect(time, check, events);
    await vi.waitFor(() => expect(events.some((e) => e.type === 'retry-scheduled')).toBe(true));
    time.advance(20_000);
    await flush();
    expect(check).not.toHaveBeenCalled();
    expect(server.upgrades).toHaveLength(1);
  });
});
