// Half-open connection, slow and lossy server, oversized frame: the client notices, recovers and gets the truth back.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../sim';
import { createRng } from '../sim/rng';
import { startHarness } from './support/harness';
import { rigClosedAfterEach, sleep } from './support/lifecycle';

const rig = rigClosedAfterEach();

describe('connection faults', () => {
  it('half-open: a frozen server is noticed within the liveness window and never shown as live while frozen', async () => {
    const LIVENESS = 1_500;
    rig.sim = await startSimulator({
      vms: 10,
      seed: 7,
      pingIntervalMs: 300,
      pongWaitMs: 3_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, { secret: s.issueToken(), core: { livenessTimeoutMs: LIVENESS } });
    const harness = rig.h;
    await harness.waitFor(
      'live',
      () => harness.status().tag === 'live' && harness.diffFromTruth(s).length === 0,
      10_000,
    );
    const frozenAt = Date.now();
    s.freeze(true);
    const victim = s.vms()[0]!.id;
    s.setState(victim, s.getVm(victim)!.state === 'stopped' ? 'running' : 'stopped', { silent: true });
    const noticedAfter = await harness.waitFor(
      'leave live',
      () => harness.status().tag !== 'live',
      LIVENESS + 1_500,
    );
    // Stay frozen well past the window: the status must never come back to live while the server says nothing.
    await sleep(2_500);
    const liveWhileFrozen = harness.statuses.filter(
      (e) => e.at > frozenAt + LIVENESS + 200 && e.status.tag === 'live',
    );
    expect(liveWhileFrozen).toEqual([]);
    s.freeze(false);
    s.dropAllSockets(); // a frozen gorilla server would have dropped them itself by now (pongWait)
    const recovered = await harness.waitFor(
      'recovery',
      () => harness.status().tag === 'live' && harness.diffFromTruth(s).length === 0,
      10_000,
    );
    expect(noticedAfter).toBeLessThanOrEqual(LIVENESS + 1_500); // the window plus scheduling slack on a busy CI box
    console.log(
      `[half-open] liveness=${LIVENESS}ms noticedAfterMs=${noticedAfter} liveWhileFrozen=0 recoveredAfterUnfreezeMs=${recovered}`,
    );
  });

  it('slow and lossy: queue overflow (2048, oldest dropped) is repaired by the periodic reconcile', async () => {
    const RECONCILE = 3_000; // far enough after the sync that the lossy flush (<= 700 ms) always lands first
    // A slow flush lets the per-client queue fill during the burst, like a slow consumer on the real server.
    rig.sim = await startSimulator({
      vms: 40,
      seed: 11,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 700,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, {
      secret: s.issueToken(),
      core: { reconcileIntervalMs: RECONCILE, livenessTimeoutMs: 5_000 },
    });
    const harness = rig.h;
    await harness.waitFor(
      'live',
      () => harness.status().tag === 'live' && harness.diffFromTruth(s).length === 0,
      10_000,
    );
    const rng = createRng(11);
    const vms = s.vms();
    const early = vms.slice(0, 20);
    const noisy = vms.slice(20);
    await sleep(50);
    // The last word on the first 20 VMs comes first in the queue; 4,000 later events push it out.
    for (const vm of early) s.setState(vm.id, vm.state === 'stopped' ? 'running' : 'stopped');
    for (let i = 0; i < 4_000; i++) s.setUptime(rng.pick(noisy).id, String(1_000 + i));
    const burstAt = Date.now();
    await harness.waitFor('overflow', () => s.stats.framesDropped > 0, 5_000);
    // Sample the store against the truth until the reconcile heals it: how wrong, and for how long.
    let wrongAfterFlush = 0;
    let lastWrongAt = burstAt;
    const sampler = setInterval(() => {
      const wrong = harness.diffFromTruth(s).length;
      wrongAfterFlush = Math.max(wrongAfterFlush, wrong);
      if (wrong > 0) lastWrongAt = Date.now();
    }, 10);
    let healed: number;
    try {
      await sleep(1_000); // past the slow flush: the surviving frames are applied, the dropped ones are not
      healed = await harness.waitFor(
        'reconcile heals',
        () => harness.diffFromTruth(s).length === 0,
        RECONCILE * 2 + 3_000,
      );
    } finally {
      clearInterval(sampler);
    }
    const wrongForMs = lastWrongAt - burstAt;
    expect(wrongAfterFlush).toBeGreaterThan(0); // the scenario really lost events
    expect(wrongForMs).toBeLessThanOrEqual(RECONCILE * 2 + 2_000);
    console.log(
      `[slow-lossy] burst=4020 framesDropped=${s.stats.framesDropped} wrongVmsAfterFlush=${wrongAfterFlush} storeWrongForMs=${wrongForMs} (reconcile every ${RECONCILE} ms; healed ${healed} ms after check)`,
    );
  });

  it('oversized frame beyond maxPayload closes the socket and the client recovers', async () => {
    rig.sim = await startSimulator({
      vms: 8,
      seed: 3,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    rig.h = await startHarness(s, { secret: s.issueToken() });
    const harness = rig.h;
    await harness.waitFor('live', () => harness.status().tag === 'live', 10_000);
    const connectedBefore = s.stats.wsConnected;
    const heapBefore = process.memoryUsage().heapUsed;
    s.sendRaw(
      JSON.stringify({
        event_type: 'pdfm',
        message: 'VM_UPDATED',
        body: { vm_id: 'x', pad: 'A'.repeat(5 * 1024 * 1024) },
      }),
    );
    const victim = s.vms()[0]!.id;
    s.setState(victim, s.getVm(victim)!.state === 'stopped' ? 'running' : 'stopped', { silent: true });
    await harness.waitFor('reconnected', () => s.stats.wsConnected > connectedBefore, 10_000);
    const t = await harness.waitFor(
      'truth',
      () => harness.status().tag === 'live' && harness.diffFromTruth(s).length === 0,
      10_000,
    );
    expect(harness.statuses.some((e) => e.status.tag !== 'live')).toBe(true);
    console.log(
      `[oversized] frame=5MiB > maxPayload 4MiB: socket closed, reconnected (connections ${connectedBefore} -> ${s.stats.wsConnected}), truth restored in ${t} ms, heap delta ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(1)} MB`,
    );
  });
});
