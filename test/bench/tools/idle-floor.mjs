// The floor under measurement 8's idle figure: what 100 bare `ws` clients cost in this Node process while their
// servers (in a child process, so their CPU is not billed here) only ping every `--ping-ms`, with none of
// Hubwatch's code, measured like the bench (after --settle-ms, over --idle-ms). Hubwatch's idle CPU at 100 hosts can
// only be read against this: the transport alone costs it. Plain JavaScript run by plain node, because a loader
// (tsx) would add its own CPU to the figure.
//   node test/bench/tools/idle-floor.mjs [--hosts=100] [--ping-ms=30000] [--settle-ms=40000] [--idle-ms=120000]
//     [--noise-per-s=0] [--noise-bytes=350]
// --noise-per-s: each server also sends that many small text frames per second, queued and written every 100 ms
// like the orchestrator simulator's flush (test/sim/hub.ts), and the client drops them unread. It reads high for
// the orchestrator variant because its client is cold (V8 runs ws's receive path unoptimised); the faithful floor of
// that variant is measure/idle-floor.ts (the bench's own simulator, after the same event phase).
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
};
const hosts = arg('hosts', 100);
const pingMs = arg('ping-ms', 30_000);
const idleMs = arg('idle-ms', 120_000);
const settleMs = arg('settle-ms', 40_000);
const noisePerS = arg('noise-per-s', 0);
const noiseBytes = arg('noise-bytes', 350);
const FLUSH_MS = 100;

async function serve() {
  const ports = [];
  for (let i = 0; i < hosts; i++) {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((ready) => wss.once('listening', ready));
    ports.push(wss.address().port);
    wss.on('connection', (ws) => {
      ws.send('{"hello":1}');
      const pinger = setInterval(() => ws.ping(), pingMs);
      // Whole frames per flush on average: a fractional rate is carried over to the next flush.
      let owed = 0;
      const noise = `{"event_type":"orchestrator","message":"HOST_STATS_UPDATE","body":"${'x'.repeat(Math.max(0, noiseBytes - 70))}"}`;
      const flusher =
        noisePerS > 0
          ? setInterval(() => {
              owed += (noisePerS * FLUSH_MS) / 1000;
              for (; owed >= 1; owed -= 1) ws.send(noise);
            }, FLUSH_MS)
          : null;
      ws.on('close', () => {
        clearInterval(pinger);
        if (flusher) clearInterval(flusher);
      });
    });
  }
  process.send?.(ports);
}

async function measure() {
  const server = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--serve'], {
    execArgv: process.execArgv,
  });
  const ports = await new Promise((got) => server.once('message', got));
  const sockets = ports.map((port) => new WebSocket(`ws://127.0.0.1:${port}/`));
  await Promise.all(sockets.map((s) => new Promise((hello) => s.once('message', hello))));
  // Noise is dropped unread, as Hubwatch drops the channel's stats and log lines (a listener must exist to drain).
  for (const s of sockets) s.on('message', () => undefined);
  await new Promise((settle) => setTimeout(settle, settleMs));
  const cpu0 = process.cpuUsage();
  const loop0 = performance.eventLoopUtilization();
  await new Promise((idle) => setTimeout(idle, idleMs));
  const cpu = process.cpuUsage(cpu0);
  const loop = performance.eventLoopUtilization(loop0);
  const ms = (us) => Math.round(us / 100) / 10;
  console.log(
    `${hosts} bare ws clients, pinged every ${pingMs} ms${noisePerS > 0 ? `, ${noisePerS} frames/s of ${noiseBytes} B each dropped` : ''}, idle ${idleMs / 1000} s: ` +
      `process CPU ${ms(cpu.user + cpu.system)} ms (user ${ms(cpu.user)}, system ${ms(cpu.system)}), ` +
      `main thread busy ${Math.round(loop.active)} ms`,
  );
  for (const s of sockets) s.terminate();
  server.kill();
}

await (process.argv.includes('--serve') ? serve() : measure());
