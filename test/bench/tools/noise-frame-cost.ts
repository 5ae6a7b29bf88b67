// Cost of one orchestrator noise frame (HOST_STATS_UPDATE / HOST_LOGS_UPDATE, orchestrator-protocol.md §3.7) in the
// main process, stage by stage, as ws hands it over (a Buffer): utf8 decode, the text fast paths, the whole
// parseFrame, and the connection's per-read delivery (ReadBatch -> 'messages' -> the core's batch). Issue 15's idle
// budget is ~6 µs per noise frame, everything included. CPU time (process.cpuUsage), so it holds on a loaded machine
// better than wall time, but still: compare runs back to back. Usage: npx tsx test/bench/tools/noise-frame-cost.ts
import { parseFrame } from '../../../src/main/hub/envelope';
import { toText } from '../../../src/main/hub/channels/fields';
import { CHANNELS } from '../../../src/main/hub/channels';
import { noiseOnWire } from '../../../src/main/hub/channels/orchestrator-noise';
import type { Hub } from '../../sim/hub';
import { createRng } from '../../sim/rng';
import { OrchestratorChannel } from '../../sim/orchestrator/channel';
import type { OrchestratorSimStats } from '../../sim/orchestrator/types';

const HOST = 'a16c7dfc2e8e79b927f0d8e786c7ac5fce172d800be06c15cb789eabae1550de';

/** The simulator's own noise frames, as wire bytes (compact JSON + newline, the server's WriteJSON). */
function noiseFrames(count: number): Buffer[] {
  const out: Buffer[] = [];
  const hub = { publish: (f: unknown) => out.push(Buffer.from(`${JSON.stringify(f)}\n`)) } as unknown as Hub;
  const ch = new OrchestratorChannel(hub, { published: {} } as OrchestratorSimStats, createRng(7), false);
  // The bench's mix: a stats frame every 5 s and a log line every 2 s per host -> 2 stats : 5 logs.
  while (out.length < count) {
    for (let i = 0; i < 2; i++) ch.hostStats(HOST);
    for (let i = 0; i < 5; i++) ch.hostLog(HOST);
  }
  return out;
}

function cpuMicros(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

const FRAMES = noiseFrames(700);
const ROUNDS = Number(process.env.NOISE_ROUNDS ?? 300);
let sink = 0;

const stages: [string, (frame: Buffer) => void][] = [
  ['wire check on the bytes (noiseOnWire)', (f) => (sink += noiseOnWire(f) === null ? 0 : 1)],
  ['utf8 decode (toText)', (f) => (sink += toText(f).length)],
  [
    'decode + channel text fast paths (the path before the wire check)',
    (f) => {
      const text = toText(f);
      for (const c of CHANNELS) if (c.fastPath?.(text)) sink++;
    },
  ],
  ['parseFrame (what the connection calls)', (f) => (sink += parseFrame(f, false).ok ? 1 : 0)],
  [
    'JSON.parse of the frame (no fast path)',
    (f) => (sink += Object.keys(JSON.parse(toText(f)) as object).length),
  ],
];

function measure(run: (frame: Buffer) => void): number {
  const micros = cpuMicros(() => {
    for (let r = 0; r < ROUNDS; r++) for (const f of FRAMES) run(f);
  });
  return micros / (ROUNDS * FRAMES.length);
}

for (const [, run] of stages) measure(run); // warm-up: the JIT, as in a long-running app
const bytes = FRAMES.reduce((n, f) => n + f.length, 0) / FRAMES.length;
console.log(
  `noise frames: ${FRAMES.length} (2 stats : 5 logs), mean ${bytes.toFixed(0)} bytes, ${ROUNDS} rounds`,
);
for (const [name, run] of stages) console.log(`${measure(run).toFixed(3).padStart(8)} µs/frame  ${name}`);
if (sink === -1) console.log('');
