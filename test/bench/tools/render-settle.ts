// Per-task main-thread CPU while the whole list lands after the first screen (measurement 8's "longest task as the
// whole list lands"): the popover's first frame shows the first screen only (shared/first-screen.ts), and the rest
// of the farm follows in the tasks after it. The bench's long-task figure is wall time, which on a shared machine
// is mostly time waiting for a core; this reads the THREAD time (Chromium trace `tdur`) of every main-thread task
// from the first render until the page has held the whole farm for a while, loads alternated between builds.
// Usage: npx tsx test/bench/tools/render-settle.ts [--vms=4000] [--events=500] [--groups=0] [--loads=6] [--profile] [dir ...]
//   --groups=N: N > 1 hands the page one orchestrator with N Macs (measure/render.ts StubFarm), else one host.
//   --profile: a Chromium CPU profile of each build's first load (test-results/render-settle-<n>.cpuprofile).
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { median } from '../lib/stats';
import { serveRenderer, stubScript } from '../measure/render';
import { firstRenderSignal } from '../lib/stub-page';
import { cutProfile, navigationStart, type CpuProfile, type TraceEvent } from '../lib/chromium-trace';
import { CHROMIUM_ARGS } from '../../support/chromium-args';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'toplevel',
  'v8.execute',
];
/** How long after the first render the settle phase is watched (page time, ms): every follow-up lands well inside. */
const SETTLE_MS = 1_500;

interface SettleFigures {
  /** Main-thread tasks after the first render, longest first: thread time and wall time, ms. */
  tasks: { cpu: number; wall: number; top: string; ts: number; dur: number }[];
  totalCpu: number;
  /** Tasks of the harness, not the page (see settleTasks). */
  harnessCpu: number;
}

function settleTasks(events: TraceEvent[], fromMs: number, toMs: number): SettleFigures {
  const nav = navigationStart(events);
  const t0 = nav.ts + fromMs * 1000;
  const t1 = nav.ts + toMs * 1000;
  const tasks = events
    .filter(
      (e) =>
        e.pid === nav.pid &&
        e.tid === nav.tid &&
        e.ph === 'X' &&
        e.name === 'RunTask' &&
        e.dur !== undefined &&
        e.ts >= t0 &&
        e.ts < t1,
    )
    .map((e) => ({
      cpu: (e.tdur ?? e.dur!) / 1000,
      wall: e.dur! / 1000,
      top: inside(events, nav, e),
      ts: e.ts,
      dur: e.dur!,
    }))
    .sort((a, b) => b.cpu - a.cpu);
  // The page runs no script of its own after load, so a task that evaluates one is the harness's (Playwright's
  // injected script, installed over CDP for waitForFunction: 10–16 ms of EvaluateScript): counted apart.
  const harness = tasks.filter((t) => t.top.includes('EvaluateScript'));
  const page = tasks.filter((t) => !t.top.includes('EvaluateScript'));
  return {
    tasks: page,
    totalCpu: page.reduce((s, t) => s + t.cpu, 0),
    harnessCpu: harness.reduce((s, t) => s + t.cpu, 0),
  };
}

/** The events inside one task with the most self thread time: what the task was doing. */
function inside(events: TraceEvent[], nav: TraceEvent, task: TraceEvent): string {
  const end = task.ts + task.dur!;
  const spans = events
    .filter(
      (e) =>
        e.pid === nav.pid &&
        e.tid === nav.tid &&
        e.ph === 'X' &&
        e.dur !== undefined &&
        e.ts >= task.ts &&
        e.ts + e.dur <= end,
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const e of spans) {
    while (stack.length > 0 && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const us = e.tdur ?? e.dur!;
    const parent = stack.at(-1);
    if (parent !== undefined) self.set(parent.name, (self.get(parent.name) ?? 0) - us);
    self.set(e.name, (self.get(e.name) ?? 0) + us);
    stack.push(e);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`)
    .join(', ');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: number): number =>
    Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const dirs = argv.filter((a) => !a.startsWith('--')).map((d) => resolve(d));
  if (dirs.length === 0) dirs.push(resolve('out/renderer'));
  const config = { vms: opt('vms', 4000), events: opt('events', 500), groups: opt('groups', 0) };
  const loads = opt('loads', 6);
  const profiling = argv.includes('--profile');

  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
  const servers = await Promise.all(dirs.map((d) => serveRenderer(d)));
  const results = dirs.map(() => [] as SettleFigures[]);
  try {
    for (let round = 0; round < loads; round++) {
      const order = dirs.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        const page = await browser.newPage({ viewport: { width: 380, height: 600 } });
        await page.addInitScript({ content: stubScript(config) });
        const url = `http://127.0.0.1:${(servers[i]!.address() as AddressInfo).port}/popover.html`;
        // Tracing goes on past the first render: stopped only once the settle phase has been watched.
        const profiled = profiling && round === 0;
        const cdp = profiled ? await page.context().newCDPSession(page) : null;
        if (cdp !== null) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
          await cdp.send('Profiler.start');
        }
        await browser.startTracing(page, { categories: CATEGORIES });
        const { window: w } = await tracedFirstRenderless(page, url);
        await page.waitForFunction(
          (until) => (globalThis as unknown as { performance: { now(): number } }).performance.now() >= until,
          w.renderedAt + SETTLE_MS,
          { polling: 100 },
        );
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
          traceEvents: TraceEvent[];
        };
        const figures = settleTasks(trace.traceEvents, w.renderedAt, w.renderedAt + SETTLE_MS);
        if (cdp !== null) {
          const { profile: whole } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
          const longest = figures.tasks[0];
          const profile = longest ? cutProfile(whole, longest.ts, longest.ts + longest.dur) : whole;
          const path = resolve(`test-results/render-settle-${i}.cpuprofile`);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, JSON.stringify(profile));
          console.error(`CPU profile of ${dirs[i]!} (its longest settle task): ${path}`);
        }
        await page.close();
        // From the first render on: the Playwright poll tasks are a few µs each and never the longest.
        results[i]!.push(figures);
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
  const ms = (n: number): string => n.toFixed(1).padStart(6);
  console.log(
    `${config.vms} VMs + ${config.events} events, ${loads} loads per build; main-thread CPU per task`,
  );
  dirs.forEach((dir, i) => {
    const runs = results[i]!;
    console.log(`\n${dir}`);
    console.log(
      `  longest task CPU ${ms(median(runs.map((r) => r.tasks[0]?.cpu ?? 0)))} ms  (${runs.map((r) => (r.tasks[0]?.cpu ?? 0).toFixed(1)).join(' ')})`,
    );
    console.log(
      `  its wall         ${ms(median(runs.map((r) => r.tasks[0]?.wall ?? 0)))} ms  (${runs.map((r) => (r.tasks[0]?.wall ?? 0).toFixed(1)).join(' ')})`,
    );
    console.log(
      `  2nd longest CPU  ${ms(median(runs.map((r) => r.tasks[1]?.cpu ?? 0)))} ms;  tasks ≥ 5 ms CPU per load: ${runs.map((r) => r.tasks.filter((t) => t.cpu >= 5).length).join(' ')}`,
    );
    for (const r of runs)
      console.log(
        `    load: ${r.tasks
          .slice(0, 2)
          .map((t) => `[${t.cpu.toFixed(1)} ms: ${t.top}]`)
          .join(' ')}`,
      );
    console.log(
      `  settle CPU total ${ms(median(runs.map((r) => r.totalCpu)))} ms  (${SETTLE_MS} ms after the first render; harness tasks left out: ${median(runs.map((r) => r.harnessCpu)).toFixed(1)} ms)`,
    );
  });
}

/** The first render of a page whose tracing the caller already started (and stops). */
async function tracedFirstRenderless(
  page: Page,
  url: string,
): Promise<{ window: { getSnapshotAt: number; renderedAt: number } }> {
  const rendered = firstRenderSignal(page);
  await page.goto(url);
  await rendered;
  const window = await page.evaluate(
    () => (globalThis as unknown as { __bench: { getSnapshotAt: number; renderedAt: number } }).__bench,
  );
  return { window };
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
