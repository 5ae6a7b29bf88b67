// Measurement 8, through an orchestrator (issue 15 "Scale"): the same figures as measure/farm.ts, but the real core
// has ONE orchestrator entry in front of `hosts` hosts × `vmsPerHost` VMs (the orchestrator simulator in the hub
// process, at the server's own rates: stats every 5 s and a log line every 2 s per host, 30 s pings), the popover
// "open" (every push built and serialised like Electron IPC). Figures:
//  - time to live: core configured -> the entry live with every host's VMs in the store (host table + one
//    202 list per host, orchestrator-protocol.md §6.2);
//  - heap after live (after GC);
//  - bytes of the push that carries one VM's change;
//  - CPU per event at `rate` events/s over every host, relayed as HOST_VM_STATE_CHANGED on the one channel (the
//    runner compares it with the 1-host direct figure);
//  - idle CPU over `idleMs` after settling: the channel's stats/log noise at real rates, pings, the farm's 60 s
//    host-table poll — what an idle farm really costs;
//  - a reconnect storm of the orchestrator link (our WS and REST sockets drop at once): time until live again with
//    every VM, host lists per host (target one each), CPU.
import { startHubProcess } from '../hub/hub-client';
import { startPipeline } from '../lib/pipeline';
import { nowMs } from '../lib/clock';
import type { CoreView } from '../../../src/main/core/ports';
import type { FarmResult } from './farm-result';
import { phaseProfiler } from '../lib/node-profiler';
import { settleHeap } from '../lib/heap-settle';

const ENTRY_ID = 'bench-orchestrator';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export async function runFarmViaOrchestrator(
  hosts: number,
  vmsPerHost: number,
  rate: number,
  eventMs: number,
  idleMs: number,
  settleMs: number,
  heapSettleMaxMs: number,
): Promise<FarmResult> {
  // The hub process's own single hub is not used here: one VM, never connected to.
  const hub = await startHubProcess({
    vms: 1,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const orch = await hub.call('orchInit', { hosts, vmsPerHost });
  const total = hosts * vmsPerHost;
  const vmCount = (view: CoreView): number => {
    let n = 0;
    view.forEachVm(() => n++);
    return n;
  };
  const allLive = (view: CoreView): boolean =>
    view.hosts()[0]?.status.tag === 'live' && vmCount(view) === total;
  const t0 = nowMs();
  const pipeline = await startPipeline({
    hubUrl: orch.url,
    hosts: [
      {
        id: ENTRY_ID,
        name: 'Bench farm',
        url: orch.url,
        auth: 'api-key',
        username: orch.keyId,
        pinnedFingerprint: null,
        enabled: true,
        kind: 'orchestrator',
      },
    ],
    secret: orch.secret,
    keepSnapshots: true,
  });
  try {
    const liveAt = await pipeline.waitForView(allLive, 60_000, 'the farm live');
    const timeToLiveMs = liveAt - t0;
    await sleep(1_000); // the first sync's follow-up (log write, pushes)
    global.gc?.();
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

    // One VM's change: the push that carries it.
    const pushesBefore = pipeline.pushes.length;
    const one = await hub.call('orchOne', { host: Math.floor(hosts / 2), index: 3 });
    const isIt = (v: { hostId: string; farmHostId?: string; id: string; state: string }): boolean =>
      v.hostId === ENTRY_ID && v.farmHostId === one.hostId && v.id === one.vmId && v.state === one.state;
    await pipeline.waitForState((s) => s.vms.some(isIt), 10_000, 'the one change');
    await sleep(100);
    const carrying = pipeline.pushes.slice(pushesBefore).find((p) => p.vms?.some(isIt));
    const bytesOneChange = carrying?.bytes ?? Number.NaN;
    pipeline.pushes.length = 0; // the steady phase must not keep every push

    // CPU per event at `rate` ev/s over every host.
    const cpu0 = cpuMs();
    const { frames } = await hub.call('orchSteady', { rate, durationMs: eventMs });
    await sleep(400); // the orchestrator flushes every 100 ms: the last frames are still on their way
    const cpuPerEventUs = ((cpuMs() - cpu0) * 1000) / frames;

    // Idle, after settling (transitional states verified, log written, the heap the events grew given back:
    // lib/heap-settle.ts): the channel's noise keeps flowing.
    pipeline.pushes.length = 0; // the steady phase's push records are the harness's, not the app's
    const heapSettle = await settleHeap(settleMs, heapSettleMaxMs);
    const beforeIdle = await hub.call('orchStats', {});
    const profiler = phaseProfiler();
    await profiler.start();
    const idle0 = cpuMs();
    await sleep(idleMs);
    const idleCpuMs = cpuMs() - idle0;
    await profiler.stop('farm-orchestrator-idle');

    // Reconnect storm of the orchestrator link.
    const before = await hub.call('orchStats', {});
    const idleListReads = sum(before.lists) - sum(beforeIdle.lists);
    const idleFramesSent = before.framesSent - beforeIdle.framesSent;
    const storm0 = cpuMs();
    const down = pipeline.waitForView(
      (view) => view.hosts()[0]?.status.tag !== 'live',
      60_000,
      'the drop to be seen',
    );
    const { droppedAt } = await hub.call('orchDrop', {});
    await down;
    const backAt = await pipeline.waitForView(allLive, 60_000, 'the farm live again');
    await sleep(500);
    const stormCpuMs = cpuMs() - storm0;
    const after = await hub.call('orchStats', {});
    return {
      hosts,
      vmsPerHost,
      timeToLiveMs,
      heapMb,
      bytesOneChange,
      rate,
      events: frames,
      cpuPerEventUs,
      idleMs,
      idleCpuMs,
      heapSettle,
      idleListReads,
      idleFramesSent,
      stormSettleMs: backAt - hub.toLocal(droppedAt),
      stormListsPerHost: after.lists.map((n, i) => n - (before.lists[i] ?? 0)),
      stormCpuMs,
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
