// Item 6: a host back after an outage is live within seconds even when the backoff has grown to ~30 s, because
// the cheap unauthenticated health probe runs between full attempts (src/main/hub/health-probe.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { isLive, startWithSimulators, statusOf, waitFor, type Harness } from '../../support/core-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

// Every wait is ~30 s (jitter pinned near its ceiling): without the probe nothing could be live within 8 s.
const SLOW_BACKOFF = {
  backoff: { initialMs: 30_000, maxMs: 30_000, stableAfterMs: 60_000 },
  random: () => 0.999,
};

describe('health probe between reconnect attempts', () => {
  it('an unreachable host that comes back is live within a few seconds, not after the 30 s backoff', async () => {
    h = await startWithSimulators([{ vms: 4, seed: 5 }], { core: SLOW_BACKOFF });
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    sim.refuseTcp(true);
    sim.dropAllSockets();
    await waitFor(core, () => statusOf(core, 'h1') === 'reconnecting', 'reconnecting');
    sim.refuseTcp(false);
    await sim.whenListening();
    const back = Date.now();
    await waitFor(core, () => isLive(core, 'h1'), 'live again', 8_000);
    expect(Date.now() - back).toBeLessThan(8_000);
  });
});
