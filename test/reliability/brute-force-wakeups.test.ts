// A password the host rejected must not be tried again by every wake-up, screen unlock or network change. A real
// server counts each wrong password (test/sim/brute-force.ts, security/brute_force_guard/main.go) and from the
// 5th on answers only after (failures - 4) × 5 s: a laptop that wakes a few times a day would, within days, make
// the sign-in outlast the request timeout, turning "credentials rejected" into an endless "did not answer" retry
// loop that keeps feeding the guard. Only the user (Reconnect, Retry now, new settings) may try the password again.
import { EventEmitter } from 'node:events';
import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../sim';
import { watchPowerAndNetwork } from '../../src/main/shell/power';
import type { TimerHandle, Timers } from '../../src/main/kernel/clock';
import { startHarness } from '../support/core-harness';
import { silentLogger } from '../support/silent-logger';
import { markHalt, proveHalted } from './support/halt-proof';
import { rigClosedAfterEach } from './support/lifecycle';
import { createRecordingTimers } from './support/timers';

const rig = rigClosedAfterEach();

/** Where a reconnect ends for this host: rejected again, or waiting to retry after a failure (the bug). */
const SETTLED = new Set(['auth-failed', 'reconnecting']);
const statusText = (st: { tag: string }): string => JSON.stringify(st).slice(0, 200);

/** One answered request to the simulator: a request the core already started arrives first. */
function probe(base: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(`${base}/api/health/probe`, { agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

/** The power watcher's online poll never fires here: the test drives resume / unlock itself. */
const idleTimers: Timers = {
  setTimeout: () => ({}) as TimerHandle,
  clearTimeout: () => undefined,
};

/** A simulator whose guard blocks 150 ms per failure past the 4th instead of the server's 5 s. */
function startGuardedSimulator(vms: number, seed: number): ReturnType<typeof startSimulator> {
  return startSimulator({
    vms,
    seed,
    pingIntervalMs: 300,
    pongWaitMs: 5_000,
    flushIntervalMs: 10,
    bruteForce: { blockDurationMs: 150 },
  });
}

describe('brute-force guard and automatic reconnects', () => {
  it('after a rejected password, 8 wake-ups and unlocks sign in 0 times; a user Reconnect signs in once', async () => {
    // 150 ms instead of the server's 5 s and a 400 ms request timeout: the 7th failure would already time out.
    rig.sim = await startGuardedSimulator(3, 61);
    const s = rig.sim;
    const user = s.credentials.username;
    const timers = createRecordingTimers();
    rig.h = await startHarness(s, {
      auth: 'password',
      username: user,
      secret: s.credentials.password,
      timers,
      core: { restTimeoutMs: 400 },
    });
    const h = rig.h;
    await h.waitFor('live', () => h.status().tag === 'live', 10_000);
    s.setPassword(user, 'rotated-by-admin');
    s.revokeAllTokens();
    s.dropAllSockets();
    await h.waitFor('auth-failed', () => h.status().tag === 'auth-failed', 5_000);
    const failuresAtHalt = s.failedLogins(user);
    expect(failuresAtHalt).toBeGreaterThanOrEqual(1);

    const powerMonitor = new EventEmitter();
    const stopWatching = watchPowerAndNetwork({
      powerMonitor,
      isOnline: () => true,
      core: h.core,
      timers: idleTimers,
      logger: silentLogger,
    });
    const mark = markHalt(h, s, timers);
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      powerMonitor.emit(i % 2 === 0 ? 'resume' : 'unlock-screen');
      // Any sign-in the wake-up started reaches the server before this answer; then let it end one way or another.
      await probe(s.url);
      await h.waitFor('wake-up settled', () => SETTLED.has(h.status().tag), 10_000);
      seen.push(h.status().tag === 'auth-failed' ? 'auth-failed' : statusText(h.status()));
    }
    const proof = await proveHalted(h, s, timers, mark);
    stopWatching();
    expect({ seen, failedLogins: s.failedLogins(user), tokens: proof.tokens }).toEqual({
      seen: Array.from({ length: 8 }, () => 'auth-failed'),
      failedLogins: failuresAtHalt,
      tokens: 0,
    });
    expect(proof).toEqual({ ...proof, upgrades: 0, retryTimersArmed: 0 });
    expect(proof.statusesSince).toEqual(['auth-failed']);

    // The user's Reconnect still tries (they may have fixed the password on the server): one sign-in, rejected.
    h.core.reconnect(null);
    await h.waitFor('signed in once more', () => s.failedLogins(user) === failuresAtHalt + 1, 5_000);
    await h.waitFor('auth-failed again', () => h.status().tag === 'auth-failed', 5_000);
    console.log(
      `[brute-force] rejected password: failed sign-ins at halt=${failuresAtHalt}, after 8 wake-ups=${failuresAtHalt}, after one user Reconnect=${s.failedLogins(user)}`,
    );
  });

  it('a sign-in the guard holds past the request timeout says why, not only "did not answer"', async () => {
    rig.sim = await startGuardedSimulator(1, 62);
    const s = rig.sim;
    const user = s.credentials.username;
    // A script with a stale password already failed 7 times: Hubwatch's wrong sign-in is the 8th, held 4 × 150 ms.
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${s.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user, password: 'stale' }),
      });
      expect(res.status).toBe(404);
      await res.text();
    }
    rig.h = await startHarness(s, {
      auth: 'password',
      username: user,
      secret: 'typed-wrong',
      core: { restTimeoutMs: 400 },
    });
    const h = rig.h;
    await h.waitFor('a sign-in that timed out', () => h.status().tag === 'reconnecting', 10_000);
    const status = JSON.stringify(h.status());
    expect(status).toContain('did not answer within 400 ms');
    expect(status).toContain('slows down sign-ins after repeated wrong passwords');
  });
});
