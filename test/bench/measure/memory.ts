// Measurement 4 (memory): `events` VM_STATE_CHANGED frames through the real pipeline over a real socket, in chunks
// (each ends with a sentinel frame; the next chunk starts once a push shows it, so nothing is left in flight).
// Heap = process.memoryUsage().heapUsed after forced full GCs (this process runs with --expose-gc), measured once the
// core is live and synced (start) and once every event was handled and the debounced log write has run (end).
// Stops early (at a chunk boundary) when `budgetMs` runs out, and reports how many events it got through.
// The pipeline keeps no per-push records here, so the bench itself holds nothing that grows with the event count.
import { startHubProcess } from '../hub/hub-client';
import { vmId } from '../hub/frames';
import { delay, nowMs } from '../lib/clock';
import { liveWith, startPipeline } from '../lib/pipeline';

const SENTINEL = vmId(0xffffff);
const EVENT_LOG_CAP = 500;

export interface MemoryResult {
  events: number;
  /** Fewer than `events` when the time budget ran out (the figure then fails: the target is for all of them). */
  eventsDone: number;
  durationMs: number;
  heapStartMb: number;
  heapEndMb: number;
  heapGrowthMb: number;
  rssGrowthMb: number;
  eventLogLength: number;
  eventLogSaved: number;
  eventLogCap: number;
  notifications: number;
}

async function settledHeap(): Promise<number> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await delay(50);
  }
  return process.memoryUsage().heapUsed;
}

export async function runMemory(
  events: number,
  vms: number,
  chunk: number,
  budgetMs: number,
): Promise<MemoryResult> {
  const hub = await startHubProcess({ vms, sentinel: true, initialState: 'running', pingIntervalMs: 30_000 });
  const pipeline = await startPipeline({ hubUrl: hub.url, recordPushes: false });
  try {
    await pipeline.waitForState(liveWith(vms + 1), 30_000, 'the core to be live');
    await delay(1500); // the first sync's debounced log write
    const heap0 = await settledHeap();
    const rss0 = process.memoryUsage().rss;
    const t0 = nowMs();
    let done = 0;
    // A slow pipeline must not blow the whole bench's 10-minute budget: stop at a chunk boundary and say so.
    for (let k = 0; done < events && nowMs() - t0 < budgetMs; k++) {
      const frames = Math.min(chunk, events - done);
      await hub.call('prepareBlast', { frames });
      const state = `chunk-${k}`;
      const seen = pipeline.waitForPushedVm(SENTINEL, state, 600_000, `chunk ${k}`);
      await hub.call('goBlast', { sentinelState: state });
      await seen;
      done += frames;
    }
    const durationMs = nowMs() - t0;
    await delay(1500); // let the debounced event-log write (1 s) run
    const heap1 = await settledHeap();
    const snapshot = pipeline.core.snapshot();
    return {
      events,
      eventsDone: done,
      durationMs,
      heapStartMb: heap0 / 2 ** 20,
      heapEndMb: heap1 / 2 ** 20,
      heapGrowthMb: (heap1 - heap0) / 2 ** 20,
      rssGrowthMb: (process.memoryUsage().rss - rss0) / 2 ** 20,
      eventLogLength: snapshot.events.length,
      eventLogSaved: pipeline.savedLogLength(),
      eventLogCap: EVENT_LOG_CAP,
      notifications: pipeline.notifications.length,
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
