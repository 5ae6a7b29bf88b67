// Where the first-render window's time goes (measurement 7's window: getSnapshot() -> the frame after the rows), by
// component, from Chromium traces of fresh page loads (the bench's own stub and viewport). For each load it splits
// the page main thread's work inside the window into: the JS that runs on the snapshot (stub clone + Svelte),
// Chromium's first style recalc and first layout of the page (forced right after DOMContentLoaded), the rest of
// the DOMContentLoaded/load task, frame 1 (lifecycle: prepaint, paint, layerize; then rAF #1, commit), other
// tasks, frame 2 (rAF #2), and the time the main thread ran nothing. Wall = trace duration; CPU = thread time.
// Tracing itself slows the page (wall inflates more than CPU): read the split, not the totals, as the fact.
// Usage: npx tsx test/bench/tools/render-trace.ts [--vms=10] [--events=500] [--groups=0] [--loads=3] [dir]
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { median } from '../lib/stats';
import { serveRenderer, stubScript } from '../measure/render';
import { mainThreadSpans, navigationStart, tracedFirstRender, type TraceEvent } from '../lib/chromium-trace';
import { CHROMIUM_ARGS } from '../../support/chromium-args';

type Span = TraceEvent & { dur: number };

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline', // RunTask: one span per main-thread task
  'blink.user_timing',
  'toplevel',
  'blink',
  'loading',
  'v8.execute',
  'cc', // ProxyMain::BeginMainFrame: a frame's main-thread part
];

const PARTS = [
  'JS on the snapshot (stub clone + Svelte render)',
  'first style recalc (at DOMContentLoaded)',
  'first layout (forced by Chromium after DOMContentLoaded)',
  'rest of the DOMContentLoaded / load task',
  'frame 1: lifecycle (prepaint, paint, layerize)',
  'frame 1: rest (rAF #1, commit)',
  'other tasks (timers, IPC, page timing)',
  'frame 2 (rAF #2)',
  'main thread idle (frame waits)',
] as const;
type Part = (typeof PARTS)[number];
interface Cost {
  wall: number;
  cpu: number;
}

/** The components of one load's window, ms. */
function split(events: TraceEvent[], fromMs: number, toMs: number): Map<Part, Cost> {
  const nav = navigationStart(events);
  const t0 = nav.ts + fromMs * 1000;
  const t1 = nav.ts + toMs * 1000;
  const spans = mainThreadSpans(events, fromMs, toMs) as Span[];
  // The part of a span inside the window (a task that crosses a bound counts in proportion to its wall time).
  const clip = (e: Span): Cost => {
    const f = e.dur > 0 ? (Math.min(e.ts + e.dur, t1) - Math.max(e.ts, t0)) / e.dur : 1;
    return { wall: (e.dur * f) / 1000, cpu: ((e.tdur ?? e.dur) * f) / 1000 };
  };
  const out = new Map<Part, Cost>(PARTS.map((p) => [p, { wall: 0, cpu: 0 }]));
  const add = (part: Part, c: Cost, sign = 1): void => {
    const sum = out.get(part)!;
    sum.wall += sign * c.wall;
    sum.cpu += sign * c.cpu;
  };
  const inside = (outer: Span, name: string): Span[] =>
    spans.filter((e) => e.name === name && e.ts >= outer.ts && e.ts + e.dur <= outer.ts + outer.dur);
  const total = (xs: Span[]): Cost =>
    xs.map(clip).reduce((a, c) => ({ wall: a.wall + c.wall, cpu: a.cpu + c.cpu }), { wall: 0, cpu: 0 });
  let busy = 0;
  let frames = 0;
  for (const task of spans.filter((e) => e.name === 'RunTask')) {
    const c = clip(task);
    busy += c.wall;
    const parsed = inside(task, 'Document::FinishedParsing')[0];
    if (inside(task, 'HTMLDocumentParser::NotifyScriptLoaded').length > 0 && parsed !== undefined) {
      // The popover's module task: its microtasks hold the snapshot's JS; FinishedParsing holds DOMContentLoaded.
      add(PARTS[0], total(inside(task, 'RunMicrotasks')));
      const style = total(inside(parsed, 'UpdateLayoutTree'));
      const layout = total(inside(parsed, 'Document::UpdateStyleAndLayout'));
      add(PARTS[1], style);
      add(PARTS[2], layout);
      add(PARTS[3], clip(parsed));
      add(PARTS[3], style, -1);
      add(PARTS[3], layout, -1);
    } else if (inside(task, 'ProxyMain::BeginMainFrame').length > 0) {
      frames++;
      if (frames === 1) {
        const lifecycle = total(inside(task, 'WebFrameWidgetImpl::UpdateLifecycle'));
        add(PARTS[4], lifecycle);
        add(PARTS[5], c);
        add(PARTS[5], lifecycle, -1);
      } else add(PARTS[7], c);
    } else add(PARTS[6], c);
  }
  add(PARTS[8], { wall: toMs - fromMs - busy, cpu: 0 });
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: number): number =>
    Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const dir = resolve(argv.find((a) => !a.startsWith('--')) ?? 'out/renderer');
  const config = { vms: opt('vms', 10), events: opt('events', 500), groups: opt('groups', 0) };
  const loads = opt('loads', 3);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
  const server = await serveRenderer(dir);
  const runs: { window: number; parts: Map<Part, Cost> }[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const page = await browser.newPage({ viewport: { width: 380, height: 600 } });
      await page.addInitScript({ content: stubScript(config) });
      const { events, window: bench } = await tracedFirstRender(
        browser,
        page,
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/popover.html`,
        CATEGORIES,
      );
      await page.close();
      runs.push({
        window: bench.renderedAt - bench.getSnapshotAt,
        parts: split(events, bench.getSnapshotAt, bench.renderedAt),
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  const f = (n: number): string => n.toFixed(1).padStart(6);
  console.log(
    `${dir}: ${config.vms} VMs + ${config.events} events, ${loads} traced loads (medians; per load)`,
  );
  console.log(`${'component'.padEnd(58)}  wall ms   CPU ms   per load (wall)`);
  for (const part of PARTS) {
    const costs = runs.map((r) => r.parts.get(part)!);
    const wall = median(costs.map((c) => c.wall));
    const cpu = median(costs.map((c) => c.cpu));
    console.log(
      `${part.padEnd(58)} ${f(wall)}   ${f(cpu)}   ${costs.map((c) => c.wall.toFixed(0)).join(' ')}`,
    );
  }
  console.log(`${'the window'.padEnd(58)} ${f(median(runs.map((r) => r.window)))}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
