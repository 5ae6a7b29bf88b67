// Waits, bounded, until V8 has given back the heap a burst grew, so an idle window measures idling and not the
// deferred clean-up of the phase before it. Why (issue 15, farm idle CPU): after the farm's event phase (32,000
// events in 16 s) the heap stays committed at ~70 MB for ~13 MB live, and V8's memory reducer shrinks it later
// with up to three "Mark-Compact (reduce)" collections ~8 s apart (`node --trace-gc`), at a moment V8 chooses:
// about 100 s after the last full collection (its watchdog), which fell inside the 120 s idle window. Those
// collections cost ~100-200 ms of process CPU (marking, compaction, page release: much of it system time), and
// that is what the idle figure measured (271 ms in a probe run; 65 ms with `--no-memory-reducer`, same run
// otherwise). A forced gc() alone does not do it: it frees the garbage but leaves part of the pages committed,
// and it restarts the watchdog. So: collect (then "in use" is what is live), wait until the committed heap is back
// near it and no full collection has run for a while, and report what the wait cost: that cost is the events'
// and is shown as its own figure, neither hidden nor billed to idling.
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

export interface HeapSettle {
  /** The committed heap came back near the live heap within the bound. */
  settled: boolean;
  waitedMs: number;
  /** Process CPU (all threads) spent while waiting: the forced collection, the reducer's, and the pings. */
  cpuMs: number;
  /** Full (mark-compact) collections seen while waiting, the forced one excluded. */
  majorGcs: number;
  /**
   * False when the heap had to be given back and V8's reducer ran fewer than the two collections of its cycle
   * while waiting: the rest of the cycle may fall inside the window that follows.
   */
  reducerCycleDone: boolean;
  committedBeforeMb: number;
  committedAfterMb: number;
}

const MB = 2 ** 20;
/** Committed heap this close to the live heap counts as given back (V8 keeps some slack even when settled). */
const SLACK_BYTES = 4 * MB;
const SLACK_RATIO = 0.25;
/** The reducer's next collection, when it wants one, comes ~8 s after its previous one. */
const QUIET_MS = 12_000;
/**
 * A memory-reducer cycle runs at least two full collections: after the first, V8 always schedules another
 * (memory-reducer.cc `Step`, kRun: `started_gcs == 1` → kWait). The second may come as late as V8's 100 s watchdog
 * (kWatchdogDelayMs): while its allocation-rate estimate still holds the event phase's scavenges, each 8 s check
 * says "high alloc" (`node --trace-gc --trace-gc-verbose`: "Memory reducer: high alloc, foreground" every 8 s for
 * 80 s after the events). Waiting for it would push the window into the farm's 5-minute reconcile, so the wait
 * does not; it says so instead: one run's window held "Mark-Compact (reduce) 13.4 (14.7) -> 12.5 (14.2) MB" 106 s
 * after the first (46.6 ms of collections).
 */
const CYCLE_COLLECTIONS = 2;

/** The committed heap is back near the used one (right after a full collection, "used" is what is live). */
export function heapGivenBack(committedBytes: number, usedBytes: number): boolean {
  return committedBytes - usedBytes <= Math.max(SLACK_BYTES, SLACK_RATIO * usedBytes);
}

/**
 * The wait may end: the caller's own settle is over, the heap is given back, and no full collection ran for
 * QUIET_MS (the reducer may still have one to go). `msSinceLastMajor` is null when none ran during the wait.
 */
export function heapSettled(o: {
  waitedMs: number;
  minWaitMs: number;
  givenBack: boolean;
  msSinceLastMajor: number | null;
}): boolean {
  return (
    o.waitedMs >= o.minWaitMs &&
    o.givenBack &&
    (o.msSinceLastMajor === null || o.msSinceLastMajor >= QUIET_MS)
  );
}

/** Whether V8's reducer has run out its cycle: no heap to give back at the start, or two collections seen. */
export function reducerCycleDone(givenBackAtStart: boolean, markCompacts: number): boolean {
  return givenBackAtStart || markCompacts >= CYCLE_COLLECTIONS;
}

function heapNow(): { givenBack: boolean; committed: number } {
  const h = getHeapStatistics();
  return { givenBack: heapGivenBack(h.total_heap_size, h.used_heap_size), committed: h.total_heap_size };
}

function gcKind(entry: PerformanceEntry): unknown {
  const detail: unknown = 'detail' in entry ? entry.detail : undefined;
  return typeof detail === 'object' && detail !== null && 'kind' in detail ? detail.kind : undefined;
}

/**
 * Call it as soon as the burst is over: the forced collection restarts the reducer's watchdog, so the wait ends
 * ~100 s after it at most. Waits at least minWaitMs (the caller's own settle) and at most maxWaitMs.
 */
export async function settleHeap(minWaitMs: number, maxWaitMs: number, pollMs = 1_000): Promise<HeapSettle> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  global.gc?.();
  const before = heapNow();
  let majorGcs = 0;
  let markCompacts = 0;
  let lastMajorAt = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKind(entry);
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR && kind !== constants.NODE_PERFORMANCE_GC_INCREMENTAL)
        continue;
      majorGcs += 1;
      // One incremental mark-compact reports an INCREMENTAL entry (its marking) and a MAJOR one (its finish).
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) markCompacts += 1;
      lastMajorAt = performance.now();
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  let now = before;
  // Bounded: at most maxWaitMs / pollMs polls.
  for (let waited = 0; waited < maxWaitMs; waited += pollMs) {
    const msSinceLastMajor = majorGcs === 0 ? null : performance.now() - lastMajorAt;
    if (heapSettled({ waitedMs: waited, minWaitMs, givenBack: now.givenBack, msSinceLastMajor })) break;
    await new Promise((wake) => setTimeout(wake, pollMs));
    now = heapNow();
  }
  observer.disconnect();
  const cpu = process.cpuUsage(cpu0);
  return {
    settled: now.givenBack,
    waitedMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    majorGcs: markCompacts,
    reducerCycleDone: reducerCycleDone(before.givenBack, markCompacts),
    committedBeforeMb: before.committed / MB,
    committedAfterMb: now.committed / MB,
  };
}
