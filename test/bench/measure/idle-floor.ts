// The floor under measurement 8's idle figures (issue 15: "idle CPU over 120 s"): what bare `ws` clients cost while
// they receive exactly what Hubwatch receives — the same hub process, the same hosts (direct: one fast hub per host,
// 30 s pings; orchestrator: the bench's simulator at the server's rates, every host's stats every 5 s and a log line
// every 2 s, flushed every 100 ms) — and drop every frame unread. No Hubwatch code runs here. Each idle figure
// shows it as its baseline, so the table says what receiving the hosts costs at all.
// Measured like farm.ts / farm-orchestrator.ts: the same event phase first (without it V8 runs ws's receive path
// unoptimised: through the orchestrator 85 ms per 20 s cold against 30 ms warm, one run each), the same settle
// (lib/heap-settle.ts), the same window.
// By hand: `node --expose-gc test-results/.tmp/bench/child.mjs idle-floor '{"via":"orchestrator","hosts":100,…}'`.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startHubProcess, type HubHandle } from '../hub/hub-client';
import { delay } from '../lib/clock';
import { settleHeap } from '../lib/heap-settle';

export interface IdleFloorResult {
  via: 'direct' | 'orchestrator';
  hosts: number;
  idleMs: number;
  /** Process CPU (all threads) over the window. */
  idleCpuMs: number;
  /** The main thread's busy time over the window (event-loop utilisation). */
  mainThreadBusyMs: number;
  framesReceived: number;
}

interface Floor {
  sockets: { url: URL; headers: Record<string, string> }[];
  events(rate: number, durationMs: number): Promise<unknown>;
}

async function direct(hub: HubHandle, hosts: number, vmsPerHost: number): Promise<Floor> {
  const { ports } = await hub.call('farmInit', { hosts, vmsPerHost, pingIntervalMs: 30_000 });
  return {
    sockets: ports.map((port) => ({
      url: new URL(`ws://127.0.0.1:${port}/api/v1/ws/subscribe?event_types=pdfm`),
      headers: { 'X-Api-Key': 'bench' },
    })),
    events: (rate, durationMs) => hub.call('farmSteady', { rate, durationMs }),
  };
}

async function viaOrchestrator(hub: HubHandle, hosts: number, vmsPerHost: number): Promise<Floor> {
  const orch = await hub.call('orchInit', { hosts, vmsPerHost });
  return {
    sockets: [
      {
        url: new URL('/api/v1/ws/subscribe?event_types=orchestrator', orch.url.replace(/^http/, 'ws')),
        headers: { 'X-Api-Key': Buffer.from(`${orch.keyId}:${orch.secret}`, 'utf8').toString('base64') },
      },
    ],
    events: (rate, durationMs) => hub.call('orchSteady', { rate, durationMs }),
  };
}

export async function runIdleFloor(
  via: 'direct' | 'orchestrator',
  hosts: number,
  vmsPerHost: number,
  rate: number,
  eventMs: number,
  settleMs: number,
  heapSettleMaxMs: number,
  idleMs: number,
): Promise<IdleFloorResult> {
  const hub = await startHubProcess({
    vms: 1,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const open: WebSocket[] = [];
  try {
    const floor = await (via === 'direct' ? direct : viaOrchestrator)(hub, hosts, vmsPerHost);
    let frames = 0;
    for (const { url, headers } of floor.sockets) {
      const socket = new WebSocket(url, { headers, perMessageDeflate: false });
      open.push(socket);
      socket.on('message', () => {
        frames += 1;
      });
    }
    await Promise.all(
      open.map(
        (socket) =>
          new Promise((ready, fail) => {
            socket.once('open', ready);
            socket.once('error', fail);
          }),
      ),
    );
    await floor.events(rate, eventMs);
    await settleHeap(settleMs, heapSettleMaxMs);
    const frames0 = frames;
    const cpu0 = process.cpuUsage();
    const loop0 = performance.eventLoopUtilization();
    await delay(idleMs);
    const cpu = process.cpuUsage(cpu0);
    const loop = performance.eventLoopUtilization(loop0);
    return {
      via,
      hosts,
      idleMs,
      idleCpuMs: (cpu.user + cpu.system) / 1000,
      mainThreadBusyMs: loop.active,
      framesReceived: frames - frames0,
    };
  } finally {
    for (const socket of open) socket.terminate();
    await hub.close();
  }
}
