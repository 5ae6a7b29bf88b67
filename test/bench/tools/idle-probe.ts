// What runs in the farm's idle window (issue 15: "idle CPU over 120 s"), one question per flag. The same farm as
// measurement 8 (100 fast hubs × 40 VMs in a hub process, the real pipeline with the popover "open"), then:
// optional events, a settle, an optional wait for V8 to give back the heap (lib/heap-settle.ts), the window.
// It prints process CPU (user/system), main-thread busy time, the collections in the window (kind: 1 minor,
// 2 major, 4 incremental, 8 weak callbacks), the VM lists the hubs served (a reconcile), the pushes, and with
// --hooks the async resources created in the window by type (--stacks: by where they were created).
// --heap-sample writes a sampling heap profile of the event phase that keeps what full collections freed (the
// garbage that reached the old generation) to test-results/idle-probe-heap.heapprofile (open in DevTools).
// Run bundled, under plain node (a loader would bill its own CPU):
//   npx esbuild test/bench/tools/idle-probe.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=test-results/.tmp/bench/idle-probe.mjs   (next to hub-process.mjs from `npm run bench`'s bundle)
//   node --expose-gc [--trace-gc] test-results/.tmp/bench/idle-probe.mjs [--hosts=100] [--event-ms=0]
//     [--settle-ms=40000] [--heap-settle-ms=0] [--idle-ms=120000] [--reconcile-ms=300000] [--hooks] [--stacks]
//     [--heap-sample] [--profile]
// --profile: a CPU profile of the window, test-results/bench-idle-probe.cpuprofile (tools/cpuprofile-top.ts).
import { createHook } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { startHubProcess } from '../hub/hub-client';
import { settleHeap } from '../lib/heap-settle';
import { phaseProfiler } from '../lib/node-profiler';
import { startPipeline } from '../lib/pipeline';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
};
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const hosts = arg('hosts', 100);
const eventMs = arg('event-ms', 0);
const settleMs = arg('settle-ms', 40_000);
const heapSettleMs = arg('heap-settle-ms', 0);
const idleMs = arg('idle-ms', 120_000);
const reconcileMs = arg('reconcile-ms', 0);

let counting = false;
const created = new Map<string, number>();
if (flag('hooks')) {
  createHook({
    init(_id, type) {
      if (!counting) return;
      let key = type;
      if (flag('stacks')) {
        const where: { stack?: string } = {};
        Error.captureStackTrace(where);
        const frames = (where.stack ?? '').split('\n').slice(2, 8);
        key = `${type} <- ${frames.map((l) => l.trim()).join(' | ')}`;
      }
      created.set(key, (created.get(key) ?? 0) + 1);
    },
  }).enable();
}
const gcs: { kind: unknown; ms: number }[] = [];
const gcKind = (e: PerformanceEntry): unknown => {
  const detail: unknown = 'detail' in e ? e.detail : undefined;
  return typeof detail === 'object' && detail !== null && 'kind' in detail ? detail.kind : undefined;
};
new PerformanceObserver((list) => {
  if (counting) for (const e of list.getEntries()) gcs.push({ kind: gcKind(e), ms: e.duration });
}).observe({ entryTypes: ['gc'] });

const hub = await startHubProcess({
  vms: 1,
  sentinel: false,
  initialState: 'running',
  pingIntervalMs: 30_000,
});
const { ports } = await hub.call('farmInit', { hosts, vmsPerHost: 40, pingIntervalMs: 30_000 });
const urls = ports.map((p) => `http://127.0.0.1:${p}`);
const pipeline = await startPipeline({
  hubUrl: urls[0]!,
  hubUrls: urls,
  keepSnapshots: false,
  // A shorter reconcile interval brings the 5-minute re-list into a short window (its cost per round).
  ...(reconcileMs > 0 ? { coreOptions: { reconcileIntervalMs: reconcileMs } } : {}),
});
await pipeline.waitForView(
  (v) => v.hosts().length === hosts && v.hosts().every((h) => h.status.tag === 'live'),
  60_000,
  'every host live',
);
const session = new Session();
if (flag('heap-sample')) {
  session.connect();
  await session.post('HeapProfiler.enable');
  // Node 20's inspector types lack the two include* options V8 accepts.
  const params = { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true };
  await session.post('HeapProfiler.startSampling', params as { samplingInterval: number });
}
if (eventMs > 0) await hub.call('farmSteady', { rate: 2_000, durationMs: eventMs });
if (flag('heap-sample')) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  writeFileSync(
    new URL('../../../test-results/idle-probe-heap.heapprofile', import.meta.url),
    JSON.stringify(profile),
  );
  session.disconnect();
}
if (heapSettleMs > 0) console.log('heap settle', JSON.stringify(await settleHeap(settleMs, heapSettleMs)));
else await new Promise((done) => setTimeout(done, settleMs));

const lists = async (): Promise<number> => (await hub.call('farmStats', {})).lists.reduce((a, n) => a + n, 0);
const lists0 = await lists();
const pushes0 = pipeline.pushCount();
const profiler = phaseProfiler(flag('profile'));
await profiler.start();
counting = true;
const cpu0 = process.cpuUsage();
const loop0 = performance.eventLoopUtilization();
await new Promise((done) => setTimeout(done, idleMs));
const cpu = process.cpuUsage(cpu0);
const loop = performance.eventLoopUtilization(loop0);
counting = false;
const profile = await profiler.stop('idle-probe');
if (profile) console.log(`CPU profile of the window: ${profile}`);
const ms = (us: number): number => Math.round(us / 100) / 10;
console.log(
  `${hosts} hosts, events ${eventMs / 1000} s, idle ${idleMs / 1000} s: process CPU ${ms(cpu.user + cpu.system)} ms ` +
    `(user ${ms(cpu.user)}, system ${ms(cpu.system)}), main thread busy ${Math.round(loop.active)} ms`,
);
console.log(
  `collections ${gcs.length} (${gcs.reduce((a, g) => a + g.ms, 0).toFixed(1)} ms; kinds ${gcs.map((g) => String(g.kind)).join(',')}), ` +
    `VM lists ${(await lists()) - lists0}, pushes ${pipeline.pushCount() - pushes0}`,
);
for (const [what, n] of [...created].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${n}\t${what}`);
await pipeline.stop();
await hub.close();
process.exit(0);
