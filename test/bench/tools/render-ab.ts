// A/B comparison of the popover's first render by CPU, not wall clock: on a shared machine the wall-clock figure
// of measurement 7 is mostly time the page's thread spent waiting for a core, so two builds are compared by the
// THREAD time (Chromium trace `tdur`) the page's main thread spent, loads alternated so both builds see the same
// noise. Each load is the bench's own (page/stub-api.js, same viewport, same first-render window).
// Usage: npx tsx test/bench/tools/render-ab.ts [--vms=1000] [--events=500] [--groups=0] [--loads=6] [--top=25]
//   [--profile [--profile-load=K]] [dir ...]
//   --groups=N: N > 1 hands the page one orchestrator with N Macs (measure/render.ts StubFarm), else one host.
//   dir: a built renderer directory (default out/renderer); copy an older build aside to compare against it. When
//   dir's parent holds src/shared (e.g. `git archive <rev> src/shared` beside the copied build), the stub answers
//   with THAT checkout's first-screen cut, so a before/after pair compares main's cut too, not just the page.
//   dir::switch,switch: the same with extra Chromium switches (e.g. `out/renderer::--js-flags=--no-lazy-feedback-
//   allocation`), to compare renderer flags the app would set; each switch set gets its own browser.
// Prints per build: the window's wall time (context only), main-thread CPU in the window (getSnapshot() -> the
// frame after the rows) and from navigation start to that frame, and where the window's thread time went by
// trace event (self time: an event's time minus its children's). --profile also saves, per build, a Chromium CPU
// profile of the first load cut to that window (test-results/render-ab-<n>.cpuprofile, for cpuprofile-top.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { median } from '../lib/stats';
import { serveRenderer, stubScript } from '../measure/render';
import {
  cutProfile,
  mainThreadSpans,
  navigationStart,
  tracedFirstRender,
  type CpuProfile,
  type TraceEvent,
} from '../lib/chromium-trace';
import { CHROMIUM_ARGS } from '../../support/chromium-args';

interface LoadFigures {
  wallMs: number;
  windowCpuMs: number;
  pageCpuMs: number;
  /** Functions compiled lazily on the main thread inside the window (count: does not depend on the load). */
  lazyCompiles: number;
  /** Self thread time per trace event name inside the window, µs. */
  self: Map<string, number>;
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'toplevel',
  // V8.CompileCode: a function compiled on first call, on the main thread (lazy compilation).
  'disabled-by-default-v8.compile',
];

/**
 * Thread time of the page's main thread between two page times (ms after navigation start). A task that crosses a
 * bound counts in proportion to the part of its wall time inside: exact enough for the few such tasks.
 */
function threadTime(
  events: TraceEvent[],
  fromMs: number,
  toMs: number,
): Omit<LoadFigures, 'wallMs' | 'pageCpuMs'> {
  const navTs = navigationStart(events).ts;
  const t0 = navTs + fromMs * 1000;
  const t1 = navTs + toMs * 1000;
  const main = mainThreadSpans(events, fromMs, toMs).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  let cpu = 0;
  let lazyCompiles = 0;
  for (const e of main) {
    if (e.name === 'V8.CompileCode' && e.ts >= t0) lazyCompiles++;
    while (stack.length > 0 && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const inside = e.dur! > 0 ? (Math.min(e.ts + e.dur!, t1) - Math.max(e.ts, t0)) / e.dur! : 1;
    const us = (e.tdur ?? e.dur!) * inside;
    const parent = stack.at(-1);
    if (parent === undefined) cpu += us;
    else self.set(parent.name, (self.get(parent.name) ?? 0) - us);
    self.set(e.name, (self.get(e.name) ?? 0) + us);
    stack.push(e);
  }
  return { windowCpuMs: cpu / 1000, lazyCompiles, self };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: number): number =>
    Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const builds = argv.filter((a) => !a.startsWith('--'));
  if (builds.length === 0) builds.push('out/renderer');
  const dirs = builds.map((b) => resolve(b.split('::')[0]!));
  const switches = builds.map((b) => b.split('::')[1]?.split(',') ?? []);
  const labels = builds.map(
    (b, i) => dirs[i]! + (switches[i]!.length ? ` with ${switches[i]!.join(' ')}` : ''),
  );
  const config = { vms: opt('vms', 1000), events: opt('events', 500), groups: opt('groups', 0) };
  const sharedDirs = dirs.map((d) => {
    const beside = join(dirname(d), 'src/shared');
    return existsSync(join(beside, 'first-screen.ts')) ? beside : undefined;
  });
  const loads = opt('loads', 6);
  const top = opt('top', 25);
  const profiling = argv.includes('--profile');
  // Which load to profile: 0 = the first (cold: lazy compiles in the window); a later one is what the bench's
  // median (warm loads) is made of.
  const profileLoad = opt('profile-load', 0);

  const { chromium } = await import('@playwright/test');
  const launch = (extra: string[]): ReturnType<typeof chromium.launch> =>
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, ...extra],
    });
  const browserOf = new Map<string, Awaited<ReturnType<typeof launch>>>();
  for (const s of switches) {
    const key = s.join(' ');
    if (!browserOf.has(key)) browserOf.set(key, await launch(s));
  }
  const servers = await Promise.all(dirs.map((d, i) => serveRenderer(d, sharedDirs[i])));
  const results = dirs.map(() => [] as LoadFigures[]);
  try {
    for (let round = 0; round < loads; round++) {
      // ABAB…, then BABA…: neither build always runs first.
      const order = dirs.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        const browser = browserOf.get(switches[i]!.join(' '))!;
        const page = await browser.newPage({ viewport: { width: 380, height: 600 } });
        await page.addInitScript({ content: stubScript(config, sharedDirs[i]) });
        const profiled = profiling && results[i]!.length === profileLoad;
        let cdp: CDPSession | null = null;
        if (profiled) {
          cdp = await page.context().newCDPSession(page);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
          await cdp.send('Profiler.start');
        }
        const { events, window: bench } = await tracedFirstRender(
          browser,
          page,
          `http://127.0.0.1:${(servers[i]!.address() as AddressInfo).port}/popover.html`,
          CATEGORIES,
        );
        if (cdp !== null) {
          const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
          const navTs = navigationStart(events).ts;
          const path = resolve(`test-results/render-ab-${i}.cpuprofile`);
          mkdirSync(dirname(path), { recursive: true });
          const cut = cutProfile(
            profile,
            navTs + bench.getSnapshotAt * 1000,
            navTs + bench.renderedAt * 1000,
          );
          writeFileSync(path, JSON.stringify(cut));
          console.error(`profile of ${labels[i]} (window only): ${path}`);
        }
        await page.close();
        const inWindow = threadTime(events, bench.getSnapshotAt, bench.renderedAt);
        const whole = threadTime(events, 0, bench.renderedAt);
        results[i]!.push({
          wallMs: bench.renderedAt - bench.getSnapshotAt,
          windowCpuMs: inWindow.windowCpuMs,
          pageCpuMs: whole.windowCpuMs,
          lazyCompiles: inWindow.lazyCompiles,
          self: inWindow.self,
        });
      }
    }
  } finally {
    for (const b of browserOf.values()) await b.close();
    for (const s of servers) s.close();
  }

  const ms = (n: number): string => n.toFixed(1).padStart(7);
  console.log(
    `${config.vms} VMs${config.groups > 1 ? ` (${config.groups} Macs via an orchestrator)` : ''} + ${config.events} events, ${loads} loads per build (medians; CPU = main-thread time)`,
  );
  dirs.forEach((_, i) => {
    const runs = results[i]!;
    console.log(`\n${labels[i]}${sharedDirs[i] ? ` (cut: ${sharedDirs[i]})` : ''}`);
    console.log(
      `  window wall ${ms(median(runs.map((r) => r.wallMs)))} ms   (${runs.map((r) => r.wallMs.toFixed(0)).join(' ')})`,
    );
    console.log(
      `  window CPU  ${ms(median(runs.map((r) => r.windowCpuMs)))} ms   (${runs.map((r) => r.windowCpuMs.toFixed(0)).join(' ')})`,
    );
    console.log(`  lazy compiles in window ${median(runs.map((r) => r.lazyCompiles))} functions`);
    console.log(
      `  page CPU    ${ms(median(runs.map((r) => r.pageCpuMs)))} ms   (navigation start -> first render)`,
    );
    const names = new Set(runs.flatMap((r) => [...r.self.keys()]));
    const rows = [...names]
      .map((name) => [name, median(runs.map((r) => (r.self.get(name) ?? 0) / 1000))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
    for (const [name, v] of rows) console.log(`  ${ms(v)}  ${name}`);
  });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
