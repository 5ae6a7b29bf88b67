// The orchestrator simulator's link and health engine under fake time with the server's *default* delays, checked
// against orchestrator-protocol.md §4.7 (timers) and §4.8 (detection latency), §3.5 (lost events, silent refresh).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../sim/hub';
import { createRng } from '../../sim/rng';
import { OrchestratorChannel } from '../../sim/orchestrator/channel';
import { Farm } from '../../sim/orchestrator/farm';
import type { FarmHost } from '../../sim/orchestrator/farm-host';
import { LinkEngine, type LinkTimings } from '../../sim/orchestrator/links';
import type { OrchestratorSimStats } from '../../sim/orchestrator/types';

/** ORCH §4.7 with P = 30 s. */
const DEFAULTS: LinkTimings = {
  pullFrequencyMs: 30_000,
  readDeadlineMs: 90_000,
  fullRefreshMs: 300_000,
  fullRefreshDurationMs: 0,
  healthCheckTimeoutMs: 3000,
  connectionMonitorMs: 30_000,
  reconnectBackoffMs: [5000, 10_000, 20_000, 40_000, 80_000],
  dialTimeoutMs: 45_000,
  statsIntervalMs: 5000,
  logIntervalMs: 0,
};

interface Sent {
  at: number;
  message: string;
  body: { host_id?: string; state?: string };
}

let frames: Sent[];
let farm: Farm;
let engine: LinkEngine;
let stats: OrchestratorSimStats;
let t0: number;

function setup(timings: Partial<LinkTimings> = {}, hosts: { linkable?: boolean }[] = [{}, {}]): FarmHost[] {
  frames = [];
  const hub = {
    publish: (f: { message: string; body: Sent['body'] }) =>
      frames.push({ at: Date.now() - t0, message: f.message, body: f.body }),
  } as unknown as Hub;
  stats = {
    restRequests: 0,
    published: {},
    lostEvents: 0,
    fullRefreshes: 0,
    statusReads: 0,
    hostTableReads: 0,
    machineLists: {},
    wsOpen: 0,
    framesSent: 0,
    framesDropped: 0,
  };
  const rng = createRng(3);
  const channel = new OrchestratorChannel(hub, stats, rng, false);
  farm = new Farm(rng, channel, stats, { vmsPerHost: 3, devopsVersion: '1.0.5' });
  engine = new LinkEngine({ ...DEFAULTS, ...timings }, channel, () => farm.list());
  farm.engine = engine;
  const list = hosts.map((spec) => farm.register(spec, false));
  t0 = Date.now();
  engine.start();
  return list;
}

const named = (message: string, hostId?: string): Sent[] =>
  frames.filter((f) => f.message === message && (hostId === undefined || f.body.host_id === hostId));

/** Advances fake time in 1 s steps until a frame appears; fails after `limitMs`. Returns its time (ms since t0). */
async function until(message: string, hostId: string, state: string | undefined, limitMs: number) {
  const match = (): Sent | undefined =>
    frames.find(
      (f) =>
        f.message === message && f.body.host_id === hostId && (state === undefined || f.body.state === state),
    );
  for (let waited = 0; waited <= limitMs && !match(); waited += 1000) await vi.advanceTimersByTimeAsync(1000);
  const found = match();
  if (!found) throw new Error(`no ${message} ${state ?? ''} for ${hostId} within ${limitMs} ms`);
  return found.at;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  engine.close();
  vi.useRealTimers();
});

describe('orchestrator simulator: links and health with the default delays (ORCH §4.7, §4.8)', () => {
  it('links every host at start, emitting HOST_WEBSOCKET_CONNECTED once per host', () => {
    const [a, b] = setup();
    expect(named('HOST_WEBSOCKET_CONNECTED').map((f) => f.body.host_id)).toEqual([a?.id, b?.id]);
    expect(farm.list().every((h) => h.client === 'connected' && h.hasWebsocketEvents)).toBe(true);
  });

  it('killed host service: DISCONNECTED at once, HEALTH_UPDATE unhealthy at the next tick (≤ ~33 s)', async () => {
    const [a] = setup() as [FarmHost];
    await vi.advanceTimersByTimeAsync(17_000);
    farm.killService(a);
    const disconnectedAt = named('HOST_WEBSOCKET_DISCONNECTED', a.id)[0]?.at;
    expect(disconnectedAt).toBe(17_000);
    const unhealthyAt = await until('HOST_HEALTH_UPDATE', a.id, 'unhealthy', 40_000);
    expect(unhealthyAt - 17_000).toBeGreaterThan(0);
    expect(unhealthyAt - 17_000).toBeLessThanOrEqual(33_000);
    // A level: repeated on every tick while the host stays down.
    await vi.advanceTimersByTimeAsync(65_000);
    expect(
      named('HOST_HEALTH_UPDATE', a.id).filter((f) => f.body.state === 'unhealthy').length,
    ).toBeGreaterThan(2);
  });

  it('powered-off host: DISCONNECTED after 60–90 s (3P read deadline), unhealthy after 60–125 s', async () => {
    const [a] = setup() as [FarmHost];
    await vi.advanceTimersByTimeAsync(45_000);
    farm.powerOff(a);
    const disconnectedAt = await until('HOST_WEBSOCKET_DISCONNECTED', a.id, undefined, 100_000);
    expect(disconnectedAt - 45_000).toBeGreaterThanOrEqual(60_000);
    expect(disconnectedAt - 45_000).toBeLessThanOrEqual(90_000);
    const unhealthyAt = await until('HOST_HEALTH_UPDATE', a.id, 'unhealthy', 130_000);
    expect(unhealthyAt - 45_000).toBeGreaterThanOrEqual(60_000);
    expect(unhealthyAt - 45_000).toBeLessThanOrEqual(125_000);
    // Its VMs stopped in truth; the cache still says what it said before.
    expect(a.truth.all().every((v) => v.state === 'stopped')).toBe(true);
    expect(a.cache.some((v) => v.state === 'running')).toBe(true);
  });

  it('a dark Mac that reboots before the read deadline: its RST drops the link, the redial is immediate, stops unseen', async () => {
    const [a] = setup() as [FarmHost];
    await vi.advanceTimersByTimeAsync(45_000);
    farm.powerOff(a);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(named('HOST_WEBSOCKET_DISCONNECTED', a.id)).toEqual([]); // the 3P deadline has not passed yet
    frames.length = 0;
    farm.startService(a);
    expect(named('HOST_WEBSOCKET_DISCONNECTED', a.id).map((f) => f.at)).toEqual([65_000]);
    // `Connect()` re-dials at once after a lost connection; it sleeps only after a failed dial.
    expect(await until('HOST_WEBSOCKET_CONNECTED', a.id, undefined, 10_000)).toBe(65_000);
    expect(frames.filter((f) => f.message.startsWith('HOST_VM_'))).toEqual([]);
    expect(a.cache.some((v) => v.state === 'running')).toBe(true);
  });

  it('reconnect: an immediate redial, then sleeps of 5, 10, 20, 40, 80, 80 s after failed dials: back after 100 s → relinked at 155 s', async () => {
    const [a] = setup() as [FarmHost];
    farm.killService(a);
    await vi.advanceTimersByTimeAsync(100_000);
    a.service = 'up';
    frames.length = 0;
    const connectedAt = await until('HOST_WEBSOCKET_CONNECTED', a.id, undefined, 80_000);
    expect(connectedAt).toBe(155_000);
    // The first pong after the relink turns the stored state healthy with an event (handlePong, ORCH §3.5).
    expect(named('HOST_HEALTH_UPDATE', a.id).some((f) => f.body.state === 'healthy')).toBe(true);
  });

  it('link outage: events inside it are lost, the relink emits only CONNECTED, the cache stays stale until the 300 s refresh', async () => {
    const [a] = setup() as [FarmHost];
    const running = a.truth.all().filter((v) => v.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    farm.cutLink(a);
    for (const vm of running) farm.setState(a, vm.id, 'stopped', false);
    expect(stats.lostEvents).toBe(running.length);
    a.linkBlocked = false;
    await until('HOST_WEBSOCKET_CONNECTED', a.id, undefined, 10_000);
    expect(frames.filter((f) => f.message.startsWith('HOST_VM_'))).toEqual([]);
    expect(a.cache.filter((v) => v.state === 'running').map((v) => v.id)).toEqual(running.map((v) => v.id));

    await vi.advanceTimersByTimeAsync(300_000 - Date.now() + t0 - 1000);
    expect(a.cache.some((v) => v.state === 'running')).toBe(true);
    await vi.advanceTimersByTimeAsync(1010); // the refresh's goroutine runs a tick after the ticker fires
    expect(
      a.cache.filter((v) => running.some((r) => r.id === v.id)).every((v) => v.state === 'stopped'),
    ).toBe(true);
    expect(frames.filter((f) => f.message.startsWith('HOST_VM_'))).toEqual([]);
  });

  it('a half-open link (no pongs, HTTP fine, deadline not yet passed): HTTP check and DEGRADED on every tick', async () => {
    // The read deadline is stretched so the tick, not the deadline, sees the late pongs (the race of ORCH §3.3).
    const [a] = setup({ readDeadlineMs: 600_000 }) as [FarmHost];
    a.linkBlocked = true; // pongs stop; the host's API still answers
    await vi.advanceTimersByTimeAsync(240_000);
    const degradedAt = named('HOST_WEBSOCKET_DEGRADED', a.id).map((f) => f.at);
    // Stale from 90 s on; ticks every 30 s. Only pongs move UpdatedAt, so every later tick checks again.
    expect(degradedAt).toEqual([90_000, 120_000, 150_000, 180_000, 210_000, 240_000]);
    expect(named('HOST_WEBSOCKET_DISCONNECTED', a.id)).toEqual([]);
  });

  it('a host that can never be linked is healthy by HTTP: HEALTH_UPDATE healthy on every tick, never CONNECTED', async () => {
    const [, b] = setup({}, [{}, { linkable: false }]) as [FarmHost, FarmHost];
    await vi.advanceTimersByTimeAsync(95_000);
    expect(named('HOST_WEBSOCKET_CONNECTED', b.id)).toEqual([]);
    expect(named('HOST_HEALTH_UPDATE', b.id).map((f) => f.body.state)).toEqual([
      'healthy',
      'healthy',
      'healthy',
    ]);
  });

  it('stats noise: one HOST_STATS_UPDATE per linked host every 5 s, none for an unlinked one', async () => {
    const [a, b] = setup() as [FarmHost, FarmHost];
    farm.cutLink(b);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(named('HOST_STATS_UPDATE', a.id)).toHaveLength(12);
    // b's link stays cut, so its stats never reach the orchestrator.
    expect(named('HOST_STATS_UPDATE', b.id)).toHaveLength(0);
  });

  it('a removed host keeps relaying noise until the next 30 s monitor tick, with no VM events', async () => {
    const [a] = setup() as [FarmHost];
    await vi.advanceTimersByTimeAsync(1000);
    farm.remove(a.id.toUpperCase());
    expect(named('HOST_REMOVED')[0]?.body.host_id).toBe(a.id.toUpperCase());
    const vm = a.truth.all()[0];
    if (vm) farm.setState(a, vm.id, vm.state === 'running' ? 'stopped' : 'running', false);
    expect(frames.filter((f) => f.message.startsWith('HOST_VM_'))).toEqual([]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(named('HOST_STATS_UPDATE', a.id).length).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(10_000);
    const before = named('HOST_STATS_UPDATE', a.id).length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(named('HOST_STATS_UPDATE', a.id).length).toBe(before);
    expect(named('HOST_WEBSOCKET_DISCONNECTED', a.id)).toEqual([]);
  });
});
