// Measurement 1 (ingest): N VM_STATE_CHANGED frames over 1,000 VMs, written by the hub process as fast as the
// client's socket takes them. One run = one client mode in a fresh process (run.ts alternates the modes).
//  - baseline: a raw `ws` client that JSON.parses each frame and counts it;
//  - hubwatch: the real pipeline (lib/pipeline.ts).
// Both get the same warm-up (so JIT compilation is not measured), the same frames, and one trailing sentinel frame;
// the clock stops when the baseline has parsed the sentinel / when Hubwatch has PUSHED a snapshot showing it, so
// Hubwatch's time includes store, event log, notify policy and the coalesced push. CPU is this process's
// process.cpuUsage() over the same interval (the hub runs in another process).
import WebSocket from 'ws';
import { vmId } from '../hub/frames';
import { startHubProcess, type HubHandle } from '../hub/hub-client';
import { nowMs } from '../lib/clock';
import { liveWith, startPipeline } from '../lib/pipeline';
import { phaseProfiler } from '../lib/node-profiler';
import { cpuMicros, maxInWindow } from '../lib/stats';

const SENTINEL = vmId(0xffffff);

export interface IngestResult {
  mode: 'baseline' | 'hubwatch';
  frames: number;
  durationMs: number;
  eventsPerSecond: number;
  cpuMicrosPerEvent: number;
  maxPushesPerSecond: number | null;
  notifications: number | null;
}

interface Client {
  /** The next blast carries `n` frames (the baseline counts frames; Hubwatch watches for the sentinel). */
  expect(n: number): void;
  /** Resolves with the time at which the client has fully handled the frame carrying `sentinelState`. */
  handled(sentinelState: string): Promise<number>;
  pushTimes(): number[];
  notifications(): number | null;
  stop(): Promise<void>;
}

async function baselineClient(hub: HubHandle): Promise<Client> {
  const url = `${hub.url.replace('http', 'ws')}/api/v1/ws/subscribe?event_types=pdfm`;
  const ws = new WebSocket(url, { headers: { Authorization: 'Bearer bench-token' } });
  let parsed = 0;
  let target = Infinity;
  let reached: ((at: number) => void) | null = null;
  ws.on('message', (data: Buffer) => {
    JSON.parse(data.toString());
    parsed += 1;
    if (parsed >= target && reached) {
      reached(nowMs());
      reached = null;
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  let expected = 1; // the welcome
  return {
    expect(n) {
      expected += n;
    },
    handled() {
      // Frame counting is the baseline's only bookkeeping: the next blast's frames plus its sentinel.
      return new Promise((resolve) => {
        target = expected;
        reached = resolve;
        if (parsed >= target) resolve(nowMs());
      });
    },
    pushTimes: () => [],
    notifications: () => null,
    stop: () =>
      new Promise((done) => {
        ws.once('close', () => done());
        ws.close();
      }),
  };
}

async function hubwatchClient(hub: HubHandle, vms: number): Promise<Client> {
  const pipeline = await startPipeline({ hubUrl: hub.url });
  await pipeline.waitForState(liveWith(vms + 1), 30_000, 'the core to be live');
  return {
    expect: () => undefined,
    handled: (state) => pipeline.waitForPushedVm(SENTINEL, state, 120_000, `the ${state} sentinel`),
    pushTimes: () => pipeline.pushes.map((p) => p.at),
    notifications: () => pipeline.notifications.length,
    stop: () => pipeline.stop(),
  };
}

export async function runIngest(
  mode: 'baseline' | 'hubwatch',
  frames: number,
  vms: number,
  warmup: number,
): Promise<IngestResult> {
  const hub = await startHubProcess({ vms, sentinel: true, initialState: 'running', pingIntervalMs: 30_000 });
  try {
    const client = mode === 'baseline' ? await baselineClient(hub) : await hubwatchClient(hub, vms);

    await hub.call('prepareBlast', { frames: warmup });
    client.expect(warmup + 1);
    const warm = client.handled('warm');
    await hub.call('goBlast', { sentinelState: 'warm' });
    await warm;

    await hub.call('prepareBlast', { frames });
    client.expect(frames + 1);
    globalThis.gc?.();
    const pushesBefore = client.pushTimes().length;
    const notificationsBefore = client.notifications();
    // BENCH_PROFILE=1: a profile of Hubwatch's measured blast (not the warm-up, not the baseline).
    const profiler = phaseProfiler(Boolean(process.env.BENCH_PROFILE) && mode === 'hubwatch');
    await profiler.start();
    const cpu0 = process.cpuUsage();
    const t0 = nowMs();
    const done = client.handled('done');
    await hub.call('goBlast', { sentinelState: 'done' });
    const t1 = await done;
    const cpu = cpuMicros(cpu0);
    await profiler.stop('ingest');
    const pushes = client.pushTimes().slice(pushesBefore);
    const notified = client.notifications();
    await client.stop();
    return {
      mode,
      frames,
      durationMs: t1 - t0,
      eventsPerSecond: frames / ((t1 - t0) / 1000),
      cpuMicrosPerEvent: cpu / frames,
      maxPushesPerSecond: mode === 'hubwatch' ? maxInWindow(pushes, 1000) : null,
      notifications:
        notified === null || notificationsBefore === null ? null : notified - notificationsBefore,
    };
  } finally {
    await hub.close();
  }
}
