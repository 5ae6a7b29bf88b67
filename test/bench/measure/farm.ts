// Measurement 8 (issue 15 "Scale"): the real core against `hosts` direct hosts × `vmsPerHost` VMs over real
// sockets (plain HTTP, one fast hub per host, all in the hub process), the popover "open" (every push built and
// serialised like Electron IPC). Figures:
//  - time to live: core created and configured -> every host live with every VM in the store;
//  - heap after live (after GC);
//  - bytes of the push that carries one VM's change;
//  - CPU per event at `rate` events/s spread over every host (the runner also runs 1 host with the same VM count:
//    the ratio isolates what the number of hosts costs);
//  - idle CPU over `idleMs` after settling (hub pings included) — settling includes V8's deferred shrink of the heap
//    the event phase grew (lib/heap-settle.ts), reported as its own figure;
//  - a reconnect storm: every host drops at once -> every host live again: time, lists per host, CPU.
// The orchestrator variant (the same figures through one orchestrator entry): runFarm(..., 'orchestrator'), in
// measure/farm-orchestrator.ts.
import { startHubProcess } from '../hub/hub-client';
import { runFarmViaOrchestrator } from './farm-orchestrator';
import { startPipeline } from '../lib/pipeline';
import { nowMs } from '../lib/clock';
import { phaseProfiler } from '../lib/node-profiler';
import { settleHeap } from '../lib/heap-settle';
import type { CoreView } from '../../../src/main/core/ports';
import type { FarmResult } from './farm-result';

export type { FarmResult } from './farm-result';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function runFarm(
  hosts: number,
  vmsPerHost: number,
  rate: number,
  eventMs: number,
  idleMs: number,
  settleMs: number,
  heapSettleMaxMs: number,
  via: 'direct' | 'orchestrator' = 'direct',
): Promise<FarmResult> {
  if (via === 'orchestrator')
    return runFarmViaOrchestrator(hosts, vmsPerHost, rate, eventMs, idleMs, settleMs, heapSettleMaxMs);
  const hub = await startHubProcess({
    vms: 1,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const { ports } = await hub.call('farmInit', { hosts, vmsPerHost, pingIntervalMs: 30_000 });
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const total = hosts * vmsPerHost;
  const vmCount = (view: CoreView): number => {
    let n = 0;
    view.forEachVm(() => n++);
    return n;
  };
  const allLive = (view: CoreView): boolean => {
    const list = view.hosts();
    return list.length === hosts && list.every((h) => h.status.tag === 'live') && vmCount(view) === total;
  };
  const t0 = nowMs();
  const pipeline = await startPipeline({ hubUrl: urls[0]!, hubUrls: urls, keepSnapshots: true });
  try {
    const liveAt = await pipeline.waitForView(allLive, 60_000, 'every host live');
    const timeToLiveMs = liveAt - t0;
    await new Promise((done) => setTimeout(done, 1_000)); // the first sync's follow-up (log write, pushes)
    global.gc?.();
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

    // One VM's change: the push that carries it.
    const pushesBefore = pipeline.pushes.length;
    const one = await hub.call('farmOne', { host: Math.floor(hosts / 2), index: 3 });
    const hostId = Math.floor(hosts / 2) === 0 ? 'bench' : `bench-${Math.floor(hosts / 2)}`;
    await pipeline.waitForState(
      (s) => s.vms.some((v) => v.hostId === hostId && v.id === one.vmId && v.state === one.state),
      10_000,
      'the one change',
    );
    await new Promise((done) => setTimeout(done, 100));
    const carrying = pipeline.pushes
      .slice(pushesBefore)
      .find((p) => p.vms?.some((v) => v.hostId === hostId && v.id === one.vmId && v.state === one.state));
    const bytesOneChange = carrying?.bytes ?? Number.NaN;
    pipeline.pushes.length = 0; // the steady phase must not keep every push

    // CPU per event at `rate` ev/s over every host. (BENCH_PROFILE=1: a profile of this phase and of the idle one.)
    const profiler = phaseProfiler();
    await profiler.start();
    const cpu0 = cpuMs();
    const { frames } = await hub.call('farmSteady', { rate, durationMs: eventMs });
    await new Promise((done) => setTimeout(done, 200));
    const cpuPerEventUs = ((cpuMs() - cpu0) * 1000) / frames;
    await profiler.stop(`farm-${hosts}x${vmsPerHost}-events`);

    // Idle, after settling: transitional states verified, log written, and the heap the events grew given back.
    // The records of the steady phase's pushes (with their VMs) are the harness's, not the app's: not kept.
    pipeline.pushes.length = 0;
    const heapSettle = await settleHeap(settleMs, heapSettleMaxMs);
    const listsBeforeIdle = (await hub.call('farmStats', {})).lists;
    await profiler.start();
    const idle0 = cpuMs();
    await new Promise((done) => setTimeout(done, idleMs));
    const idleCpuMs = cpuMs() - idle0;
    await profiler.stop(`farm-${hosts}x${vmsPerHost}-idle`);

    // Reconnect storm.
    const listsBefore = (await hub.call('farmStats', {})).lists;
    const idleListReads = sum(listsBefore) - sum(listsBeforeIdle);
    const storm0 = cpuMs();
    const down = pipeline.waitForView(
      (view) => view.hosts().some((h) => h.status.tag !== 'live'),
      60_000,
      'the drop to be seen',
    );
    const { droppedAt } = await hub.call('farmDrop', {});
    await down;
    const backAt = await pipeline.waitForView(allLive, 60_000, 'every host live again');
    await new Promise((done) => setTimeout(done, 500));
    const stormCpuMs = cpuMs() - storm0;
    const listsAfter = (await hub.call('farmStats', {})).lists;
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
      stormSettleMs: backAt - hub.toLocal(droppedAt),
      stormListsPerHost: listsAfter.map((n, i) => n - (listsBefore[i] ?? 0)),
      stormCpuMs,
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
