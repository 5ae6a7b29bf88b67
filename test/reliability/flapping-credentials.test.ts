// Flapping network (backoff with jitter under the cap, bounded attempts, no timer leak) and credential faults
// (revoked, expiring, wrong): one refresh at most, a clear auth-failed state, never a retry loop.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../sim';
import { createRng } from '../sim/rng';
import { startHarness } from './support/harness';
import { rigClosedAfterEach, sleep } from './support/lifecycle';

const rig = rigClosedAfterEach();
const handles = (): number =>
  process
    .getActiveResourcesInfo()
    .filter((r) => r === 'Timeout' || r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;

describe('flapping network', () => {
  it('backs off with jitter under the cap, bounds attempts and leaks no timers or sockets', async () => {
    const BACKOFF = { initialMs: 100, maxMs: 800, stableAfterMs: 5_000 };
    const rng = createRng(99);
    await sleep(50);
    const handlesBefore = handles();
    rig.sim = await startSimulator({
      vms: 6,
      seed: 99,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, { secret: s.issueToken(), core: { backoff: BACKOFF } });
    const harness = rig.h;
    await harness.waitFor('live', () => harness.status().tag === 'live', 10_000);
    const attemptsBefore = harness.core.hostDiagnostics('farm-1')?.counters?.attempts ?? 0;
    const started = Date.now();
    // Seeded flaps: refused for 0.3-2.5 s, up for 0-0.4 s (often too short to even finish a sync).
    while (Date.now() - started < 8_000) {
      s.refuseTcp(true);
      s.dropAllSockets();
      await sleep(300 + rng.int(2_200));
      s.refuseTcp(false);
      await sleep(rng.int(400));
    }
    const elapsed = Date.now() - started;
    const attempts = (harness.core.hostDiagnostics('farm-1')?.counters?.attempts ?? 0) - attemptsBefore;
    const retries = harness.statuses.filter((e) => e.at >= started && e.status.tag === 'reconnecting');
    const delays: { attempt: number; delay: number }[] = [];
    for (const e of retries)
      if (e.status.tag === 'reconnecting')
        delays.push({ attempt: e.status.attempt, delay: e.status.nextAt - e.at });
    for (const d of delays) expect(d.delay, `attempt ${d.attempt}`).toBeLessThanOrEqual(BACKOFF.maxMs + 50);
    // Jitter: the waits are not all the same.
    expect(new Set(delays.map((d) => Math.round(d.delay / 10))).size).toBeGreaterThan(3);
    // Growth: later consecutive failures wait longer on average than the first ones.
    const early = delays.filter((d) => d.attempt <= 1).map((d) => d.delay);
    const late = delays.filter((d) => d.attempt >= 4).map((d) => d.delay);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    if (late.length > 2 && early.length > 2) expect(mean(late)).toBeGreaterThan(mean(early));
    const perMinute = (attempts / elapsed) * 60_000;
    // With full jitter capped at 800 ms the mean wait is >= 400 ms once capped: ~150/min; a tight loop would be thousands.
    expect(perMinute).toBeLessThan(400);
    s.refuseTcp(false);
    await harness.waitFor(
      'recovered',
      () => harness.status().tag === 'live' && harness.diffFromTruth(s).length === 0,
      10_000,
    );
    await harness.stop();
    await s.close();
    rig.h = null;
    rig.sim = null;
    await sleep(100);
    const handlesAfter = handles();
    expect(handlesAfter).toBeLessThanOrEqual(handlesBefore);
    console.log(
      `[flapping] seed=99 flapWindowMs=${elapsed} attempts=${attempts} (${perMinute.toFixed(0)}/min) retriesObserved=${delays.length} maxDelayMs=${Math.max(...delays.map((d) => d.delay))} cap=${BACKOFF.maxMs} meanEarly=${mean(early).toFixed(0)} meanLate=${mean(late).toFixed(0)} handles before/after=${handlesBefore}/${handlesAfter}`,
    );
  });
});

describe('credentials', () => {
  it('static token revoked mid-stream: auth-failed, no retry loop', async () => {
    rig.sim = await startSimulator({
      vms: 4,
      seed: 1,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, { auth: 'token', secret: s.issueToken() });
    const harness = rig.h;
    await harness.waitFor('live', () => harness.status().tag === 'live', 10_000);
    s.revokeAllTokens();
    s.dropAllSockets();
    await harness.waitFor('auth-failed', () => harness.status().tag === 'auth-failed', 5_000);
    const upgrades = s.stats.wsUpgradeAttempts;
    const rest = s.stats.restRequests;
    await sleep(2_000);
    expect(harness.status().tag).toBe('auth-failed');
    expect(s.stats.wsUpgradeAttempts - upgrades).toBe(0);
    expect(s.stats.restRequests - rest).toBe(0);
    const st = harness.status();
    expect(st.tag === 'auth-failed' && st.message.length > 0).toBe(true);
    console.log(
      `[credentials] revoked static token -> auth-failed "${st.tag === 'auth-failed' ? st.message : ''}"; extra attempts in 2 s: 0`,
    );
  });

  it('password sign-in, token revoked mid-stream: one silent refresh; password changed too: one refresh, then auth-failed', async () => {
    rig.sim = await startSimulator({
      vms: 4,
      seed: 2,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, {
      auth: 'password',
      username: s.credentials.username,
      secret: s.credentials.password,
    });
    const harness = rig.h;
    await harness.waitFor('live', () => harness.status().tag === 'live', 10_000);
    const tokensBefore = s.stats.tokenRequests;
    s.revokeAllTokens();
    s.dropAllSockets();
    await sleep(100);
    await harness.waitFor('live again', () => harness.status().tag === 'live' && s.stats.wsOpen === 1, 5_000);
    const silentRefreshes = s.stats.tokenRequests - tokensBefore;
    expect(silentRefreshes).toBe(1);
    expect(harness.statuses.some((e) => e.status.tag === 'auth-failed')).toBe(false);
    s.setPassword(s.credentials.username, 'rotated-by-admin');
    s.revokeAllTokens();
    s.dropAllSockets();
    await harness.waitFor('auth-failed', () => harness.status().tag === 'auth-failed', 5_000);
    const tokens = s.stats.tokenRequests;
    const upgrades = s.stats.wsUpgradeAttempts;
    await sleep(2_000);
    expect(s.stats.tokenRequests - tokens).toBe(0);
    expect(s.stats.wsUpgradeAttempts - upgrades).toBe(0);
    console.log(
      `[credentials] revoked (password auth): silent refreshes=${silentRefreshes}; password rotated: auth-failed, tokenRequests in the failure=${tokens - tokensBefore - silentRefreshes}, then 0 in 2 s`,
    );
  });

  it('expiring token during a long run: refreshed silently, never auth-failed', async () => {
    rig.sim = await startSimulator({
      vms: 4,
      seed: 3,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
      tokenLifetimeSec: 2,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, {
      auth: 'password',
      username: s.credentials.username,
      secret: s.credentials.password,
    });
    const harness = rig.h;
    await harness.waitFor('live', () => harness.status().tag === 'live', 10_000);
    for (let i = 0; i < 3; i++) {
      await sleep(2_200); // the token in hand has expired
      s.dropAllSockets();
      await sleep(50);
      await harness.waitFor(
        `live after expiry ${i}`,
        () => harness.status().tag === 'live' && s.stats.wsOpen === 1,
        5_000,
      );
    }
    expect(harness.statuses.some((e) => e.status.tag === 'auth-failed')).toBe(false);
    console.log(
      `[credentials] token lifetime 2 s, 3 reconnects after expiry: tokenRequests=${s.stats.tokenRequests}, never auth-failed`,
    );
  });

  it('wrong password: clear error, no lockout loop', async () => {
    rig.sim = await startSimulator({
      vms: 4,
      seed: 4,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, {
      auth: 'password',
      username: s.credentials.username,
      secret: 'not-the-password',
    });
    const harness = rig.h;
    await harness.waitFor('auth-failed', () => harness.status().tag === 'auth-failed', 5_000);
    const tokens = s.stats.tokenRequests;
    await sleep(2_000);
    const st = harness.status();
    expect(st.tag).toBe('auth-failed');
    expect(s.stats.tokenRequests - tokens).toBe(0);
    expect(tokens).toBeLessThanOrEqual(2);
    expect(s.stats.wsUpgradeAttempts).toBe(0);
    const message = st.tag === 'auth-failed' ? st.message : '';
    expect(message).toMatch(/credential|password|rejected|sign/i);
    expect(message).not.toContain('not-the-password');
    console.log(
      `[credentials] wrong password -> "${message}"; tokenRequests=${tokens}, ws upgrades=0, none in the next 2 s`,
    );
  });
});
