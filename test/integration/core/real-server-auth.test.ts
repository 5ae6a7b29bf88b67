// Situation 1 of issue 11 against the strict simulator: JWTs that expire (15 min on a real server; a 2 s lifetime
// here so the test stays fast) and an HMAC secret redrawn at every server restart (no JWT_HMACS_SECRET).
import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../support/fake-time';
import { isLive, same, statusOf, storeView, truth, waitFor } from '../../support/core-harness';
import { harnessPerTest, liveWithWarning, statusIn, trackStatuses } from '../../support/per-test-harness';

const startWithSimulators = harnessPerTest();

describe('real-server token lifetime and restarts (issue 11, situation 1)', () => {
  it('Test connection with a pasted server token says it lasts about 15 minutes and suggests an API key', async () => {
    const h = await startWithSimulators([{ vms: 2, seed: 110 }], { auth: 'token', configure: false });
    const sim = h.sims[0]!;
    const result = await h.core.testConnection({ ...h.settings().hosts[0]!, secret: sim.issueToken() }, null);
    if (result.kind !== 'ok') throw new Error(`unexpected ${result.kind}`);
    expect(result.tokenLifetime).toMatch(/about 1[45] min more/);
    expect(result.tokenLifetime).toMatch(/API key/);
  });

  it('user + password with short tokens (2 s here, 60 s in the issue) stays live through 5 restarts with new secrets and converges', async () => {
    const h = await startWithSimulators([{ vms: 4, seed: 111, tokenLifetimeSec: 2 }], { auth: 'password' });
    const { core } = h;
    const sim = h.sims[0]!;
    const statuses = trackStatuses(h, 'h1');
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    for (let round = 0; round < 5; round++) {
      const vm = sim.vms()[round % 4]!;
      const connected = sim.stats.wsConnected;
      await sim.restart(); // new HMAC secret: every token issued so far is now "invalid token"
      sim.setState(vm.id, vm.state === 'running' ? 'stopped' : 'running', { silent: true });
      await waitFor(
        core,
        () =>
          sim.stats.wsConnected > connected && isLive(core, 'h1') && same(storeView(core, 'h1'), truth(sim)),
        `live and converged after restart ${round + 1}`,
      );
    }
    expect(statuses).not.toContain('auth-failed');
    expect(h.notifications.filter((n) => /stopped watching/i.test(n.body))).toHaveLength(0);
  });

  it('a pasted token at the first restart: "token invalidated" status, exactly one notification, no retry loop (fake clock)', async () => {
    const time = new FakeTime(Date.now());
    const h = await startWithSimulators([{ vms: 3, seed: 112 }], {
      auth: 'token',
      clock: time,
      timers: time,
      core: { backoff: { initialMs: 1_000, maxMs: 60_000, stableAfterMs: 30_000 } },
    });
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    await sim.restart();
    // The dropped socket schedules a reconnect on the fake clock: let that one attempt happen.
    await waitFor(core, () => statusOf(core, 'h1') !== 'live', 'socket ended');
    const pending = statusIn(h, 'h1');
    if (pending?.tag === 'reconnecting') time.advance(Math.max(0, pending.nextAt - time.now()));
    await waitFor(core, () => statusOf(core, 'h1') === 'auth-failed', 'auth-failed after the restart');
    const status = statusIn(h, 'h1');
    if (status?.tag !== 'auth-failed') throw new Error('unexpected status');
    expect(status.reason).toBe('token-invalidated');
    expect(status.message).toMatch(/token/i);
    const attempts = sim.stats.wsUpgradeAttempts;
    const requests = sim.stats.restRequests;
    // An hour of fake time: every back-off, liveness and reconcile timer that exists gets to fire.
    for (let i = 0; i < 60; i++) time.advance(60_000);
    core.reconcileAll('wake');
    expect(sim.stats.wsUpgradeAttempts).toBe(attempts);
    expect(sim.stats.restRequests).toBe(requests);
    expect(statusOf(core, 'h1')).toBe('auth-failed');
    const stopped = h.notifications.filter((n) => n.hostId === 'h1' && /stopped watching/i.test(n.body));
    expect(stopped).toHaveLength(1);
    // …and nothing else about the host: no "lost connection" on top after an hour away.
    expect(h.notifications.filter((n) => n.hostId === 'h1')).toHaveLength(1);
  });

  it('an expired pasted token: a REST 401 keeps the working socket live with a credentials warning; its end says "token expired" with the time', async () => {
    let offset = 0;
    const simClock = { now: () => Date.now() + offset };
    const h = await startWithSimulators([{ vms: 3, seed: 113, clock: simClock }], { auth: 'token' });
    const { core } = h;
    const sim = h.sims[0]!;
    await waitFor(core, () => isLive(core, 'h1'), 'live');
    offset += 16 * 60_000; // 16 minutes later on the server: the 15-minute JWT is expired
    core.reconcileAll('periodic');
    await liveWithWarning(h, 'credentials', 'live with a credentials warning');
    expect(sim.stats.wsOpen).toBe(1); // the server checks auth only at upgrade: the socket keeps working
    const vm = sim.vms().find((v) => v.state === 'running') ?? sim.vms()[0]!;
    if (vm.state !== 'running') sim.setState(vm.id, 'running');
    sim.setState(vm.id, 'stopped');
    await waitFor(
      core,
      () => core.snapshot().vms.find((v) => v.id === vm.id)?.state === 'stopped',
      'live event still applied',
    );
    sim.dropAllSockets();
    await waitFor(core, () => statusOf(core, 'h1') === 'auth-failed', 'auth-failed once the socket ends');
    const status = statusIn(h, 'h1');
    if (status?.tag !== 'auth-failed') throw new Error('unexpected status');
    expect(status.reason).toBe('token-expired');
    expect(typeof status.expiredAt).toBe('number');
    expect(h.notifications.filter((n) => /stopped watching/i.test(n.body))).toHaveLength(1);
  });
});
