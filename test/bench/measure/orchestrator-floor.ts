// The floor under the orchestrator variant's idle figure (issue 15: "idle CPU over 120 s, channel noise included"):
// what ONE bare `ws` client costs while it receives the same orchestrator channel as Hubwatch — the bench's own
// simulator (test/sim/orchestrator in the hub process, real rates: every host's stats every 5 s and a log line every
// 2 s, flushed every 100 ms, 30 s pings) — and drops every frame unread. No Hubwatch code runs here. Shown beside the
// product's figure so it can be read against what receiving the channel costs at all.
// Measured like farm-orchestrator.ts: the same event phase first (without it V8 would run ws's receive path
// unoptimised: 85 ms per 20 s cold against 30 ms warm, one run each), the same settle (lib/heap-settle.ts), the same window.
// By hand: `node --expose-gc test-results/.tmp/bench/child.mjs orchestrator-floor '{"hosts":100,…}'`.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startHubProcess } from '../hub/hub-client';
import { delay } from '../lib/clock';
import { settleHeap } from '../lib/heap-settle';

export interface OrchestratorFloorResult {
  hosts: number;
  idleMs: number;
  /** Process CPU (all threads) over the window. */
  idleCpuMs: number;
  /** The main thread's busy time over the window (event-loop utilisation). */
  mainThreadBusyMs: number;
  framesReceived: number;
}

export async function runOrchestratorFloor(
  hosts: number,
  vmsPerHost: number,
  rate: number,
  eventMs: number,
  settleMs: number,
  heapSettleMaxMs: number,
  idleMs: number,
): Promise<OrchestratorFloorResult> {
  const hub = await startHubProcess({
    vms: 1,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const ws: { socket: WebSocket | null } = { socket: null };
  try {
    const orch = await hub.call('orchInit', { hosts, vmsPerHost });
    const url = new URL('/api/v1/ws/subscribe?event_types=orchestrator', orch.url.replace(/^http/, 'ws'));
    const socket = new WebSocket(url, {
      headers: { 'X-Api-Key': Buffer.from(`${orch.keyId}:${orch.secret}`, 'utf8').toString('base64') },
      perMessageDeflate: false,
    });
    ws.socket = socket;
    let frames = 0;
    socket.on('message', () => {
      frames += 1;
    });
    await new Promise((open, fail) => {
      socket.once('open', open);
      socket.once('error', fail);
    });
    await hub.call('orchSteady', { rate, durationMs: eventMs });
    await settleHeap(settleMs, heapSettleMaxMs);
    const frames0 = frames;
    const cpu0 = process.cpuUsage();
    const loop0 = performance.eventLoopUtilization();
    await delay(idleMs);
    const cpu = process.cpuUsage(cpu0);
    const loop = performance.eventLoopUtilization(loop0);
    return {
      hosts,
      idleMs,
      idleCpuMs: (cpu.user + cpu.system) / 1000,
      mainThreadBusyMs: loop.active,
      framesReceived: frames - frames0,
    };
  } finally {
    ws.socket?.terminate();
    await hub.close();
  }
}
