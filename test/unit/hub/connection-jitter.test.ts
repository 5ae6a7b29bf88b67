// Reconnect jitter, measured where it matters: the delays a real HubConnection arms after real refused upgrades,
// at one fixed attempt number (so every sample shares one ceiling) over many connections. Plain doubling, or a
// random source replaced by a constant, gives one value per attempt number and fails the spread checks below; a
// source that is not the injected one fails the reproducibility check.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubConnection, type ConnectionEvent } from '../../../src/main/hub/connection';
import { silentLogger } from '../../support/silent-logger';
import { createRng } from '../../sim/rng';
import { FakeTime } from '../../support/fake-time';
import { startLocalServer, type LocalServer } from './local-server';

const BACKOFF = { initialMs: 1_000, maxMs: 60_000, stableAfterMs: 30_000 };
/** The third consecutive failure: ceiling 1 s * 2^2 = 4 s, well under the cap. */
const FAILURE = 3;
const CEILING = 4_000;
const SAMPLES = 60;

let server: LocalServer;

beforeEach(async () => {
  server = await startLocalServer();
  server.onUpgrade = () => ({ status: 503, body: '{}' });
});
afterEach(async () => {
  await server.close();
});

/** The delay one fresh connection arms after its `FAILURE`-th refused upgrade. */
async function delayAtFixedFailure(random: (() => number) | undefined): Promise<number> {
  const time = new FakeTime();
  const events: ConnectionEvent[] = [];
  const conn = new HubConnection({
    baseUrl: server.url,
    eventTypes: ['pdfm'],
    rest: {
      authHeaders: async () => ({ Authorization: 'Bearer tok-1' }),
      refreshCredentials: async () => false,
    },
    trust: { pinnedFingerprint: null },
    clock: time,
    timers: time,
    logger: silentLogger,
    backoff: BACKOFF,
    ...(random === undefined ? {} : { random }),
  });
  conn.onEvent((e) => events.push(e));
  conn.start();
  try {
    let delay = -1;
    for (let failure = 1; failure <= FAILURE; failure++) {
      const scheduled = await vi.waitFor(
        () => {
          const found = events.find((e) => e.type === 'retry-scheduled');
          if (!found || found.type !== 'retry-scheduled') throw new Error('no retry-scheduled yet');
          return found;
        },
        { timeout: 4_000, interval: 2 },
      );
      delay = scheduled.nextAt - time.now();
      events.length = 0;
      if (failure < FAILURE) time.fireNext();
    }
    return delay;
  } finally {
    await conn.stop();
  }
}

async function sample(random: (() => number) | undefined): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < SAMPLES; i++) delays.push(await delayAtFixedFailure(random));
  return delays;
}

/** How many samples fall in each quarter of [0, CEILING]. */
const quarters = (delays: number[]): number[] =>
  [0, 1, 2, 3].map((q) => delays.filter((d) => Math.min(3, Math.floor((d / CEILING) * 4)) === q).length);

describe('reconnect jitter at a fixed attempt number', () => {
  it('an injected seeded source reaches the backoff: reproducible delays spread over [0, ceiling]', async () => {
    const first = await sample(createRng(16).next);
    const again = await sample(createRng(16).next);
    // The seed reaches the backoff: the same seed gives the same delays, and the first one is exactly the
    // ceiling times the third draw of that seed (one draw per failure).
    expect(again).toEqual(first);
    const rng = createRng(16);
    rng.next();
    rng.next();
    expect(first[0]).toBe(Math.round(rng.next() * CEILING));
    for (const d of first) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(CEILING);
    }
    // Full jitter is uniform on [0, ceiling]: mean near half of it, and every quarter visited. A constant source
    // (no jitter) puts every sample in one quarter.
    const mean = first.reduce((a, b) => a + b, 0) / first.length;
    expect(mean).toBeGreaterThan(CEILING * 0.35);
    expect(mean).toBeLessThan(CEILING * 0.65);
    for (const count of quarters(first)) expect(count).toBeGreaterThanOrEqual(SAMPLES / 8);
    expect(new Set(first).size).toBeGreaterThan(SAMPLES * 0.9);
  });

  it('by default (Math.random) the delays at one attempt number are spread too', async () => {
    const delays = await sample(undefined);
    for (const d of delays) expect(d).toBeLessThanOrEqual(CEILING);
    // Each quarter expects 15 of 60; fewer than 3 is a ~1e-5 event for a uniform source, certain for a constant.
    for (const count of quarters(delays)) expect(count).toBeGreaterThanOrEqual(3);
  });
});
