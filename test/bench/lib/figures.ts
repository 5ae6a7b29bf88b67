// Turns the raw results of every run into the figures of issue 6, each with its target and verdict.
import type { BurstResult } from '../measure/burst';
import type { IdleResult } from '../measure/idle';
import type { IngestResult } from '../measure/ingest';
import type { LatencyResult } from '../measure/latency';
import type { MemoryResult } from '../measure/memory';
import type { IdleFloorResult } from '../measure/idle-floor';
import type { PinnedResult } from '../measure/pinned';
import type { RenderResult } from '../measure/render';
import type { ResyncResult } from '../measure/resync';
import type { BenchConfig } from './config';
import type { FarmResult } from '../measure/farm';
import { farmFigures } from './farm-figures';
import type { Figure } from './report';
import { median } from './stats';

type Failed = { error: string };
type Outcome<T> = T | Failed;

export interface Results {
  ingest?: { baseline: Outcome<IngestResult>; hubwatch: Outcome<IngestResult> }[];
  latency?: Outcome<LatencyResult>[];
  burst?: Outcome<BurstResult>[];
  memory?: Outcome<MemoryResult>;
  idle?: Outcome<IdleResult>;
  resync?: Outcome<ResyncResult>;
  render?: Outcome<RenderResult>;
  pinned?: Outcome<PinnedResult>;
  farm?: Outcome<FarmResult>;
  farmOneHost?: Outcome<FarmResult>;
  /** The same farm through one orchestrator entry (`--only=farm-orchestrator`). */
  farmOrchestrator?: Outcome<FarmResult>;
  /** The idle figures' floors: bare ws clients on the same hosts / channel (measure/idle-floor.ts). */
  farmFloor?: Outcome<IdleFloorResult>;
  orchestratorFloor?: Outcome<IdleFloorResult>;
  renderFarm?: Outcome<RenderResult>;
}

function ok<T extends object>(o: Outcome<T> | undefined): o is T {
  return o !== undefined && !('error' in o);
}

function errorOf(list: readonly (Outcome<object> | undefined)[]): string | undefined {
  const failed = list.find((o): o is Failed => o !== undefined && 'error' in o);
  return failed ? `error: ${failed.error.split('\n')[0]}` : undefined;
}

/** A figure from a value that may be missing (measurement failed): then FAIL with the error as note. */
function fig(f: Omit<Figure, 'pass'> & { pass: (v: number) => boolean | null }, error?: string): Figure {
  const { pass, ...rest } = f;
  if (f.value === null || Number.isNaN(f.value))
    return { ...rest, value: null, pass: f.target ? false : null, note: error ?? 'no data' };
  return { ...rest, pass: pass(f.value), ...(error ? { note: error } : {}) };
}

function medianOf<T>(list: readonly Outcome<T>[] | undefined, pick: (r: T) => number): number | null {
  const values = (list ?? []).filter((o): o is T => ok(o as Outcome<object>)).map(pick);
  return values.length ? median(values) : null;
}

export function buildFigures(r: Results, c: BenchConfig): Figure[] {
  const figures: Figure[] = [];
  if (r.pinned) {
    const p = ok(r.pinned) ? r.pinned : null;
    const err = ok(r.pinned) ? undefined : errorOf([r.pinned]);
    const ratio = p ? p.pinned.cpuMicrosPerCall / p.system.cpuMicrosPerCall : null;
    figures.push(
      fig(
        {
          id: 'pinned-cost',
          figure: 'Pinned host cost vs system-trusted (CPU per REST call)',
          value: p ? p.pinned.cpuMicrosPerCall : null,
          unit: 'µs',
          target: '≤ 1.5× system-trusted',
          baseline: p ? p.system.cpuMicrosPerCall : null,
          ratio,
          note: p
            ? `wall ${p.pinned.wallMsPerCall.toFixed(2)} ms vs ${p.system.wallMsPerCall.toFixed(2)} ms per call`
            : undefined,
          pass: () => (ratio === null ? null : ratio <= 1.5),
        },
        err,
      ),
    );
  }
  if (r.ingest) {
    const pairs = r.ingest.filter((p) => ok(p.baseline) && ok(p.hubwatch)) as {
      baseline: IngestResult;
      hubwatch: IngestResult;
    }[];
    const err = errorOf(r.ingest.flatMap((p) => [p.baseline, p.hubwatch]));
    const m = (pick: (x: IngestResult) => number, side: 'baseline' | 'hubwatch'): number | null =>
      pairs.length ? median(pairs.map((p) => pick(p[side]))) : null;
    const ratio = (pick: (x: IngestResult) => number): number | null =>
      pairs.length ? median(pairs.map((p) => pick(p.hubwatch) / pick(p.baseline))) : null;
    const cpuRatio = ratio((x) => x.cpuMicrosPerEvent);
    figures.push(
      fig(
        {
          id: 'ingest.eventsPerSecond',
          figure: `1 Ingest ${c.ingest.frames.toLocaleString('en-US')} events, end to end`,
          value: m((x) => x.eventsPerSecond, 'hubwatch'),
          unit: 'ev/s',
          target: '≥ 50,000',
          pass: (v) => v >= 50_000,
          baseline: m((x) => x.eventsPerSecond, 'baseline'),
          ratio: ratio((x) => x.eventsPerSecond),
        },
        err,
      ),
      fig(
        {
          id: 'ingest.cpuMicrosPerEvent',
          figure: '1 Ingest client CPU per event',
          value: m((x) => x.cpuMicrosPerEvent, 'hubwatch'),
          unit: 'µs',
          target: '≤ 2× baseline',
          pass: () => cpuRatio !== null && cpuRatio <= 2,
          baseline: m((x) => x.cpuMicrosPerEvent, 'baseline'),
          ratio: cpuRatio,
        },
        err,
      ),
    );
  }
  const pushRates = [
    ...(r.latency ?? []).filter((o): o is LatencyResult => ok(o)).map((x) => x.maxPushesPerSecond),
    ...(r.ingest ?? [])
      .map((p) => p.hubwatch)
      .filter((o): o is IngestResult => ok(o))
      .map((x) => x.maxPushesPerSecond ?? 0),
  ];
  if (r.latency) {
    const err = errorOf(r.latency);
    figures.push(
      fig(
        {
          id: 'latency.p99Ms',
          figure: `2 Push latency p99 at ${c.latency.rate.toLocaleString('en-US')} ev/s`,
          value: medianOf(r.latency, (x) => x.p99Ms),
          unit: 'ms',
          target: '≤ 20',
          pass: (v) => v <= 20,
        },
        err,
      ),
      fig(
        {
          id: 'latency.p50Ms',
          figure: '2 Push latency p50',
          value: medianOf(r.latency, (x) => x.p50Ms),
          unit: 'ms',
          target: '',
          pass: () => null,
        },
        err,
      ),
    );
  }
  if (r.latency || r.ingest) {
    figures.push(
      fig({
        id: 'pushes.maxPerSecond',
        figure: '2 Pushes per second, max (any 1 s window, any rate)',
        value: pushRates.length ? Math.max(...pushRates) : null,
        unit: '/s',
        target: '≤ 60',
        pass: (v) => v <= 60,
      }),
    );
  }
  if (r.burst) {
    const done = r.burst.filter((o): o is BurstResult => ok(o));
    const err = errorOf(r.burst);
    figures.push(
      fig(
        {
          id: 'burst.finalPushMs',
          figure: `3 Burst: ${c.burst.count} stops, final state pushed after last frame`,
          value: medianOf(r.burst, (x) => x.finalPushMs),
          unit: 'ms',
          target: '≤ 100',
          pass: (v) => v <= 100,
        },
        err,
      ),
      fig(
        {
          id: 'burst.notifications',
          figure: '3 Burst: notifications (max over runs)',
          value: done.length ? Math.max(...done.map((x) => x.notifications)) : null,
          unit: '',
          target: '≤ 3',
          pass: (v) => v <= 3,
        },
        err,
      ),
    );
  }
  if (r.memory) {
    const m = ok(r.memory) ? r.memory : null;
    const partial =
      m && m.eventsDone < m.events
        ? `only ${m.eventsDone.toLocaleString('en-US')} of ${m.events.toLocaleString('en-US')} events within the time budget`
        : undefined;
    const err = errorOf([r.memory]) ?? partial;
    const complete = m !== null && m.eventsDone === m.events;
    figures.push(
      fig(
        {
          id: 'memory.heapGrowthMb',
          figure: `4 Memory: heap growth after ${c.memory.events.toLocaleString('en-US')} events (after GC)`,
          value: m ? m.heapGrowthMb : null,
          unit: 'MB',
          target: '< 20',
          pass: (v) => complete && v < 20,
        },
        err,
      ),
      fig(
        {
          id: 'memory.eventLogLength',
          figure: '4 Memory: event log length (in memory = on disk)',
          value: m ? m.eventLogLength : null,
          unit: '',
          target: `= ${m?.eventLogCap ?? 500}`,
          pass: (v) => m !== null && v === m.eventLogCap && m.eventLogSaved === m.eventLogCap,
        },
        err,
      ),
    );
  }
  if (r.idle) {
    const m = ok(r.idle) ? r.idle : null;
    const err = errorOf([r.idle]);
    figures.push(
      fig(
        {
          id: 'idle.cpuMs',
          figure: `5 Idle ${Math.round(c.idle.durationMs / 1000)} s (after settling): process CPU`,
          value: m ? m.cpuMs : null,
          unit: 'ms',
          target: '< 50',
          pass: (v) => v < 50,
        },
        err,
      ),
      fig(
        {
          id: 'idle.settleCpuMs',
          figure: `5 Idle: CPU while settling (first ${Math.round(c.idle.settleMs / 1000)} s after live)`,
          value: m ? m.settleCpuMs : null,
          unit: 'ms',
          target: '',
          pass: () => null,
        },
        err,
      ),
      fig(
        {
          id: 'idle.timerCallbacks',
          figure: '5 Idle: timer callbacks in the window',
          value: m ? m.timerCallbacks : null,
          unit: '',
          target: '',
          pass: () => null,
        },
        err,
      ),
      fig(
        {
          id: 'idle.minTimerGapMs',
          figure: '5 Idle: shortest gap between firings of one timer',
          value: m ? (m.minSameSiteGapMs ?? c.idle.durationMs) : null,
          unit: 'ms',
          target: '≥ 5,000',
          pass: (v) => v >= 5_000,
          ...(m && m.minSameSiteGapMs === null ? { note: 'no timer fired twice' } : {}),
        },
        err,
      ),
    );
  }
  if (r.resync) {
    const m = ok(r.resync) ? r.resync : null;
    const err = errorOf([r.resync]);
    figures.push(
      fig(
        {
          id: 'resync.storeMs',
          figure: `6 Resync ${c.resync.vms.toLocaleString('en-US')} VMs: welcome → store = truth (median)`,
          value: m ? median(m.rounds.map((x) => x.storeMs)) : null,
          unit: 'ms',
          target: '≤ 200',
          pass: (v) => v <= 200,
        },
        err,
      ),
      fig(
        {
          id: 'resync.storeMaxMs',
          figure: '6 Resync: worst round',
          value: m ? Math.max(...m.rounds.map((x) => x.storeMs)) : null,
          unit: 'ms',
          target: '',
          pass: () => null,
        },
        err,
      ),
    );
  }
  if (r.render) {
    const m = ok(r.render) ? r.render : null;
    const err = errorOf([r.render]);
    figures.push(
      fig(
        {
          id: 'render.firstRenderMs',
          figure: `7 Render: first render, ${c.render.vms} VMs + ${c.render.events} events`,
          value: m ? m.firstRenderMs : null,
          unit: 'ms',
          target: '≤ 100',
          pass: (v) => v <= 100,
        },
        err,
      ),
      fig(
        {
          id: 'render.firstRenderSmallMs',
          figure: `7 Render: same measure, ${m?.smallVms ?? 10} VMs + ${m?.smallEvents ?? 10} events (fixed cost)`,
          value: m ? m.firstRenderSmallMs : null,
          unit: 'ms',
          target: '',
          pass: () => null,
        },
        err,
      ),
      fig(
        {
          id: 'render.firstRenderColdMs',
          figure: '7 Render: first render, first load of a fresh browser',
          value: m ? m.firstRenderColdMs : null,
          unit: 'ms',
          target: '',
          pass: () => null,
        },
        err,
      ),
      fig(
        {
          id: 'render.maxLongTaskMs',
          figure: `7 Render: longest task at ${c.render.rate} updates/s`,
          value: m ? m.maxLongTaskMs : null,
          unit: 'ms',
          target: '≤ 50',
          pass: (v) => v <= 50,
        },
        err,
      ),
      fig(
        {
          id: 'render.settleMaxLongTaskMs',
          figure: '7 Render: longest task as the whole list lands after the first screen',
          value: m ? m.settleMaxLongTaskMs : null,
          unit: 'ms',
          target: '≤ 50',
          pass: (v) => v <= 50,
        },
        err,
      ),
      fig(
        {
          id: 'render.domNodes',
          figure: `7 Render: DOM nodes with ${c.render.vms} VMs`,
          value: m ? m.domNodes : null,
          unit: '',
          target: '',
          pass: () => null,
        },
        err,
      ),
    );
  }
  figures.push(...farmFigures(r, c));
  return figures;
}
