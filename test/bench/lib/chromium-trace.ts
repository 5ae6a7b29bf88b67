import type { Browser, Page } from '@playwright/test';
import { firstRenderSignal } from './stub-page';
// One event of a Chromium trace (Tracing.start / Tracing.dataCollected, JSON format), as the render tools read it.
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  args?: { data?: { documentLoaderURL?: string } };
}

/** What the bench stub records of a first render (performance.now() ms of the page). */
export interface FirstRenderWindow {
  readonly getSnapshotAt: number;
  readonly renderedAt: number;
}

/**
 * Loads the popover in `page` while Chromium traces `categories`, waits for the stub to record the first render,
 * and returns the trace with that window (the render tools' shared step; the page stays open).
 */
export async function tracedFirstRender(
  browser: Browser,
  page: Page,
  url: string,
  categories: readonly string[],
): Promise<{ events: TraceEvent[]; window: FirstRenderWindow }> {
  await browser.startTracing(page, { categories: [...categories] });
  const rendered = firstRenderSignal(page);
  await page.goto(url);
  await rendered;
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const window = await page.evaluate(() => (globalThis as unknown as { __bench: FirstRenderWindow }).__bench);
  return { events: trace.traceEvents, window };
}

/** The popover's navigationStart: page times (performance.now() ms) count from its `ts` (µs). */
export function navigationStart(events: readonly TraceEvent[]): TraceEvent {
  const nav = events.find(
    (e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('popover.html'),
  );
  if (nav === undefined) throw new Error('no navigationStart for popover.html in the trace');
  return nav;
}

/** The page main thread's complete events that overlap page times [fromMs, toMs). */
export function mainThreadSpans(events: readonly TraceEvent[], fromMs: number, toMs: number): TraceEvent[] {
  const nav = navigationStart(events);
  const t0 = nav.ts + fromMs * 1000;
  const t1 = nav.ts + toMs * 1000;
  return events.filter(
    (e) =>
      e.pid === nav.pid &&
      e.tid === nav.tid &&
      e.ph === 'X' &&
      e.dur !== undefined &&
      e.ts + e.dur > t0 &&
      e.ts < t1,
  );
}

/** A V8 CPU profile (`Profiler.stop`, the `.cpuprofile` format). */
export interface CpuProfile {
  nodes: unknown[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The profile's samples between two trace timestamps (the profiler and the trace share one clock), µs. */
export function cutProfile(profile: CpuProfile, from: number, to: number): CpuProfile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= from && t <= to) {
      samples.push(id);
      timeDeltas.push(profile.timeDeltas[i] ?? 0);
    }
  });
  return { ...profile, startTime: from, endTime: to, samples, timeDeltas };
}
