// The floor under the orchestrator variant's idle figure (issue 15: "idle CPU over 120 s, channel noise
// included"): what ONE bare `ws` client costs while it receives the same orchestrator channel as Hubwatch — the
// bench's own simulator (test/sim/orchestrator behind hub-process, real rates: every host's stats every 5 s and a
// log line every 2 s, flushed every 100 ms, 30 s pings) — and drops every frame unread. No Hubwatch code runs here:
// read the product's idle figure against this. `idle-floor.mjs --noise-per-s` wrote its own frames and read above
// the product, so it could not say how much of the product's figure is the transport's; this one shares the
// product's server, frames and timing.
// Run bundled, under plain node (a loader would bill its own CPU), next to hub-process.mjs from `npm run bench`:
//   npx esbuild test/bench/tools/orchestrator-floor.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=test-results/.tmp/bench/orchestrator-floor.mjs
//   node test-results/.tmp/bench/orchestrator-floor.mjs [--hosts=100] [--settle-ms=40000] [--idle-ms=120000]
//     [--read-ms=0] [--warm-ms=16000]
// --read-ms=N: the client reads its socket only every N ms (pause/resume), to see what fewer wake-ups would save.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startHubProcess } from '../hub/hub-client';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
};
const hosts = arg('hosts', 100);
const settleMs = arg('settle-ms', 40_000);
const idleMs = arg('idle-ms', 120_000);
const readMs = arg('read-ms', 0);
const warmMs = arg('warm-ms', 16_000);
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

const hub = await startHubProcess({
  vms: 1,
  sentinel: false,
  initialState: 'running',
  pingIntervalMs: 30_000,
});
const orch = await hub.call('orchInit', { hosts, vmsPerHost: 40 });
const url = new URL('/api/v1/ws/subscribe?event_types=orchestrator', orch.url.replace(/^http/, 'ws'));
const ws = new WebSocket(url, {
  headers: { 'X-Api-Key': Buffer.from(`${orch.keyId}:${orch.secret}`, 'utf8').toString('base64') },
  perMessageDeflate: false,
});
let frames = 0;
ws.on('message', () => {
  frames += 1;
});
await new Promise((open, fail) => {
  ws.once('open', open);
  ws.once('error', fail);
});
let reader: NodeJS.Timeout | null = null;
if (readMs > 0) {
  // ws owns the socket; pausing the WebSocket pauses it (ws >= 8.6) and the kernel keeps the bytes meanwhile.
  ws.pause();
  reader = setInterval(() => {
    ws.resume();
    setImmediate(() => ws.pause());
  }, readMs);
}
// The product's window comes after its event phase (2,000 ev/s for 16 s), so its receive path is optimised by then;
// the same phase here, or the floor would measure V8 running ws's code unoptimised.
if (warmMs > 0) await hub.call('orchSteady', { rate: 2_000, durationMs: warmMs });
await sleep(settleMs);
const before = await hub.call('orchStats', {});
const frames0 = frames;
const cpu0 = process.cpuUsage();
const loop0 = performance.eventLoopUtilization();
await sleep(idleMs);
const cpu = process.cpuUsage(cpu0);
const loop = performance.eventLoopUtilization(loop0);
const after = await hub.call('orchStats', {});
const ms = (us: number): number => Math.round(us / 100) / 10;
console.log(
  `1 bare ws client on the orchestrator simulator (${hosts} hosts)${readMs > 0 ? `, reading every ${readMs} ms` : ''}, ` +
    `idle ${idleMs / 1000} s: process CPU ${ms(cpu.user + cpu.system)} ms (user ${ms(cpu.user)}, system ` +
    `${ms(cpu.system)}), main thread busy ${Math.round(loop.active)} ms, frames received ${frames - frames0}, ` +
    `sent ${after.framesSent - before.framesSent}`,
);
if (reader) clearInterval(reader);
ws.terminate();
await hub.close();
process.exit(0);
