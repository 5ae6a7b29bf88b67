// Measurement 5 (idle): connected to a hub that sends nothing but its protocol ping every 30 s, for `durationMs`.
// CPU = this process's process.cpuUsage() over the window (everything: core, ws, GC, Node itself — an upper bound
// for "core CPU"). Timer callbacks are counted twice over:
//  - the Timers injected into the core (every timer the core, the connection and the push coalescer use);
//  - the global setTimeout/setInterval, patched here, for anything a library schedules outside the injected ones.
// Each callback is attributed to the call site that scheduled it; "fires more often than every 5 s" means two
// firings of the same site less than 5 s apart inside the window.
import type { TimerHandle, Timers } from '../../../src/main/kernel/clock';
import { startHubProcess } from '../hub/hub-client';
import { nowMs } from '../lib/clock';
import { liveWith, startPipeline } from '../lib/pipeline';

export interface IdleResult {
  windowMs: number;
  settleMs: number;
  /** CPU from "live" to the start of the window: the sync's aftermath, incl. V8's one-off memory-reducer GCs. */
  settleCpuMs: number;
  cpuMs: number;
  /** CPU per 10 s slice of the window: shows whether the cost is steady (work) or front-loaded (V8 settling). */
  cpuMsPerSlice: number[];
  timerCallbacks: number;
  minSameSiteGapMs: number | null;
  sites: { site: string; kind: 'injected' | 'global'; delayMs: number; fired: number }[];
  pongs: number;
}

interface Fired {
  at: number;
  site: string;
  kind: 'injected' | 'global';
  delayMs: number;
}

const SLICE_MS = 10_000;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetInterval = globalThis.setInterval;

function callSite(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(3, 6);
  return lines
    .map((l) =>
      l
        .trim()
        .replace(/^at /, '')
        .replace(/\(?file:\/\/\/work\/main\//, '')
        .replace(/\)$/, ''),
    )
    .join(' < ');
}

function instrument(fired: Fired[]): Timers {
  const g = globalThis as unknown as Record<string, unknown>;
  g.setTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const site = callSite();
    return realSetTimeout(() => {
      fired.push({ at: nowMs(), site, kind: 'global', delayMs: ms ?? 0 });
      callback(...args);
    }, ms);
  };
  g.setInterval = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const site = callSite();
    return realSetInterval(() => {
      fired.push({ at: nowMs(), site, kind: 'global', delayMs: ms ?? 0 });
      callback(...args);
    }, ms);
  };
  // The injected Timers, built on the real functions so they are not counted twice; unref'd like systemTimers.
  return {
    setTimeout(callback, ms): TimerHandle {
      const site = callSite();
      const handle = realSetTimeout(() => {
        fired.push({ at: nowMs(), site, kind: 'injected', delayMs: ms });
        callback();
      }, ms);
      handle.unref();
      return handle;
    },
    clearTimeout: (handle) => realClearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

function wait(ms: number): Promise<void> {
  return new Promise((done) => realSetTimeout(done, ms));
}

export async function runIdle(
  durationMs: number,
  vms: number,
  pingIntervalMs: number,
  settleMs: number,
): Promise<IdleResult> {
  const fired: Fired[] = [];
  const timers = instrument(fired);
  const hub = await startHubProcess({ vms, sentinel: false, initialState: 'running', pingIntervalMs });
  const pipeline = await startPipeline({ hubUrl: hub.url, timers });
  try {
    await pipeline.waitForState(liveWith(vms), 30_000, 'the core to be live');
    // Connecting is not idling: the sync's debounced log write, status pushes and — ~20-25 s after the sync's
    // allocation burst — V8's memory reducer (a few "Mark-Compact (reduce)" GCs, ~50 ms of CPU once; see
    // `node --trace-gc`) happen here. Their cost is reported as settleCpuMs, not hidden.
    const settle0 = process.cpuUsage();
    await wait(settleMs);
    const settled = process.cpuUsage(settle0);
    fired.length = 0;
    const cpu0 = process.cpuUsage();
    const t0 = nowMs();
    const slices: number[] = [];
    for (let left = durationMs; left > 0; left -= SLICE_MS) {
      const before = process.cpuUsage();
      await wait(Math.min(SLICE_MS, left));
      const d = process.cpuUsage(before);
      slices.push(Math.round((d.user + d.system) / 100) / 10);
    }
    const cpu = process.cpuUsage(cpu0);
    const windowMs = nowMs() - t0;
    const inWindow = fired.filter((f) => f.at >= t0);
    const bySite = new Map<string, Fired[]>();
    for (const f of inWindow) bySite.set(f.site, [...(bySite.get(f.site) ?? []), f]);
    let minGap: number | null = null;
    for (const list of bySite.values()) {
      for (let i = 1; i < list.length; i++) {
        const gap = list[i]!.at - list[i - 1]!.at;
        minGap = minGap === null ? gap : Math.min(minGap, gap);
      }
    }
    const { pongs } = await hub.call('stats', {});
    return {
      windowMs,
      settleMs,
      settleCpuMs: (settled.user + settled.system) / 1000,
      cpuMs: (cpu.user + cpu.system) / 1000,
      cpuMsPerSlice: slices,
      timerCallbacks: inWindow.length,
      minSameSiteGapMs: minGap,
      sites: [...bySite.entries()].map(([site, list]) => ({
        site,
        kind: list[0]!.kind,
        delayMs: list[0]!.delayMs,
        fired: list.length,
      })),
      pongs,
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
