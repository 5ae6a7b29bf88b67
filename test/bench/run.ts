// `npm run bench` (npx tsx test/bench/run.ts [--quick] [--only=ingest,latency,farm,farm-orchestrator,...] [--serial]
// [--no-build] [--strict])
// Runs every measurement of issue 6 in fresh child processes (bundled, plain node, --expose-gc), alternating baseline
// and Hubwatch runs where there is a baseline, prints one table and writes test-results/bench.json.
//   --quick     smaller counts and shorter windows: a smoke run of the bench itself, not the figures to quote
//   --serial    run the 120 s idle measurement on its own instead of alongside the others (CPU is per-process,
//               so running it alongside only costs wall time, not accuracy; use this on a very loaded machine)
//   --no-build  use the existing out/renderer instead of running `electron-vite build` first
//   --strict    exit 1 when any target is missed (default: exit 1 only when a measurement could not run)
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBench } from './lib/build';
import { buildFigures, type Results } from './lib/figures';
import { formatTable } from './lib/report';
import { CONFIGS, type BenchConfig } from './lib/config';
import type { IngestResult } from './measure/ingest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The whole run must stay under 10 minutes (issue 6); the memory run absorbs what a slow pipeline costs. */
const TOTAL_BUDGET_MS = 9.5 * 60_000;
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const config: BenchConfig = flag('quick') ? CONFIGS.quick : CONFIGS.full;
const wanted = (name: string): boolean => !only || only.includes(name);

let childEntry = '';

function runChild<T>(name: string, args: object, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(childEntry, [name, JSON.stringify(args)], {
      execArgv: ['--expose-gc'],
      cwd: ROOT,
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      // The hub grandchild exits on its own when this child's IPC channel closes.
      child.kill('SIGKILL');
      finish(() => reject(new Error(`${name} did not finish within ${Math.round(timeoutMs / 1000)} s`)));
    }, timeoutMs);
    child.on('message', (raw: unknown) => {
      const msg = raw as { ok: true; result: T } | { ok: false; error: string };
      finish(() => (msg.ok ? resolvePromise(msg.result) : reject(new Error(msg.error))));
    });
    child.on('exit', (code) =>
      finish(() => reject(new Error(`${name} exited with code ${code} before reporting`))),
    );
  });
}

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function attempt<T>(label: string, run: () => Promise<T>): Promise<T | { error: string }> {
  const t0 = Date.now();
  try {
    const result = await run();
    log(`${label} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    log(`${label} FAILED: ${error.split('\n')[0]}`);
    return { error };
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`bundling the measurements (${config.name} configuration)`);
  childEntry = (await bundleBench()).child;
  const results: Results = {};

  let idle: Promise<void> | null = null;
  const runIdle = async (): Promise<void> => {
    const c = config.idle;
    results.idle = await attempt('idle', () => runChild('idle', c, c.durationMs + 90_000));
  };
  if (wanted('idle') && !flag('serial')) {
    log(`idle: ${c2s(config.idle.durationMs)} in the background`);
    idle = runIdle();
  }

  if (wanted('ingest')) {
    const c = config.ingest;
    const pairs: NonNullable<Results['ingest']> = [];
    for (let i = 0; i < c.runs; i++) {
      const args = { frames: c.frames, vms: c.vms, warmup: c.warmup };
      log(`ingest run ${i + 1}/${c.runs}: baseline, then Hubwatch`);
      const baseline = await attempt('ingest baseline', () =>
        runChild<IngestResult>('ingest', { ...args, mode: 'baseline' }, c.timeoutMs),
      );
      const hubwatch = await attempt('ingest Hubwatch', () =>
        runChild<IngestResult>('ingest', { ...args, mode: 'hubwatch' }, c.timeoutMs),
      );
      pairs.push({ baseline, hubwatch });
    }
    results.ingest = pairs;
  }
  if (wanted('latency')) {
    const c = config.latency;
    results.latency = [];
    for (let i = 0; i < c.runs; i++) {
      log(`latency run ${i + 1}/${c.runs}`);
      results.latency.push(await attempt('latency', () => runChild('latency', c, c.durationMs + 60_000)));
    }
  }
  if (wanted('burst')) {
    const c = config.burst;
    results.burst = [];
    for (let i = 0; i < c.runs; i++) {
      log(`burst run ${i + 1}/${c.runs}`);
      results.burst.push(await attempt('burst', () => runChild('burst', c, 60_000)));
    }
  }
  if (wanted('resync')) {
    log(`resync: ${config.resync.rounds} drops with ${config.resync.vms} VMs`);
    results.resync = await attempt('resync', () => runChild('resync', config.resync, 120_000));
  }
  if (wanted('pinned')) {
    const certDir = resolve(ROOT, 'test/sim/certs');
    log(`pinned: ${config.pinned.calls} REST calls, system-trusted vs pinned (private CA)`);
    // The private root joins Node's default trust only in this child: that is the "system-trusted" variant.
    results.pinned = await attempt('pinned', () =>
      runChild('pinned', { ...config.pinned, certDir }, 120_000, {
        NODE_EXTRA_CA_CERTS: resolve(certDir, 'private-ca-root-cert.pem'),
      }),
    );
  }
  if (wanted('farm')) {
    const c = config.farm;
    const budget = c.eventMs + c.idleMs + c.settleMs + c.heapSettleMaxMs + 150_000;
    log(`farm: ${c.hosts} hosts × ${c.vmsPerHost} VMs, then 1 host × 1,000 VMs`);
    results.farm = await attempt('farm', () => runChild('farm', c, budget));
    log('farm: the same idle window for bare ws clients on the same hosts (its floor)');
    results.farmFloor = await attempt('farm floor', () =>
      runChild('idle-floor', { ...c, via: 'direct' }, budget),
    );
    // The base of the CPU ratio: one host with 1,000 VMs, like the ingest figure (4,000 VMs on one host would
    // exceed the client's 8 MiB list limit, and no Mac runs that many).
    results.farmOneHost = await attempt('farm (1 host)', () =>
      runChild(
        'farm',
        { ...c, hosts: 1, vmsPerHost: 1_000, idleMs: 1_000, settleMs: 1_000, heapSettleMaxMs: 0 },
        budget,
      ),
    );
  }
  if (wanted('farm-orchestrator')) {
    const c = config.farm;
    const budget = c.eventMs + c.idleMs + c.settleMs + c.heapSettleMaxMs + 150_000;
    log(`farm-orchestrator: ${c.hosts} hosts × ${c.vmsPerHost} VMs through one orchestrator`);
    results.farmOrchestrator = await attempt('farm (orchestrator)', () =>
      runChild('farm', { ...c, via: 'orchestrator' }, budget),
    );
    log('farm-orchestrator: the same idle window for a bare ws client on the same channel (its floor)');
    results.orchestratorFloor = await attempt('orchestrator floor', () =>
      runChild('idle-floor', { ...c, via: 'orchestrator' }, budget),
    );
    // Its CPU ratio has the same base as the direct farm's: taken here when `farm` did not run.
    results.farmOneHost ??= await attempt('farm (1 host)', () =>
      runChild(
        'farm',
        { ...c, hosts: 1, vmsPerHost: 1_000, idleMs: 1_000, settleMs: 1_000, heapSettleMaxMs: 0 },
        budget,
      ),
    );
  }
  if (wanted('render')) {
    if (!flag('no-build')) {
      log('building the renderer (electron-vite build)');
      const built = spawnSync('npx', ['electron-vite', 'build'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (built.status !== 0) log('electron-vite build failed: measuring the existing out/renderer, if any');
    }
    log('render: Chromium');
    results.render = await attempt('render', () => runChild('render', config.render, 180_000));
    log(`render: Chromium at farm size (${config.renderFarm.vms} VMs)`);
    results.renderFarm = await attempt('render (farm size)', () =>
      runChild('render', config.renderFarm, 240_000),
    );
  }
  if (wanted('memory')) {
    // Last, with whatever is left of the 10-minute budget: a slow pipeline shortens it (reported), never overruns.
    const left = TOTAL_BUDGET_MS - (Date.now() - started) - 30_000;
    const budgetMs = Math.max(30_000, Math.min(config.memory.budgetMs, left));
    log(`memory: ${config.memory.events.toLocaleString('en-US')} events (time budget ${c2s(budgetMs)})`);
    results.memory = await attempt('memory', () =>
      runChild('memory', { ...config.memory, budgetMs }, budgetMs + 120_000),
    );
  }
  if (wanted('idle')) {
    if (idle) log('waiting for the idle measurement');
    await (idle ?? runIdle());
  }

  const figures = buildFigures(results, config);
  const table = formatTable(figures);
  const durationS = (Date.now() - started) / 1000;
  console.log(
    `\nHubwatch benchmarks (${config.name}), ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
  );
  console.log(table);
  console.log(
    `\nTotal time ${durationS.toFixed(0)} s. Ratios are Hubwatch / baseline, median of the per-pair ratios.`,
  );
  if (config.name === 'quick')
    console.log(
      'Quick run: a smoke test of the bench itself. Blasts are 5x smaller, so per-blast costs (V8 still\n' +
        'optimising the pipeline on its background threads, which process.cpuUsage counts; the first and last\n' +
        'push) weigh 5x more per event. The targets are for the full run (`npm run bench`).',
    );

  mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
  const out = resolve(ROOT, 'test-results/bench.json');
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        configuration: config,
        machine: {
          cpus: cpus().length,
          model: cpus()[0]?.model ?? null,
          memoryGb: totalmem() / 2 ** 30,
          node: process.version,
          platform: process.platform,
        },
        startedAt: new Date(started).toISOString(),
        durationSeconds: durationS,
        figures,
        table,
        raw: results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Wrote ${out}`);
  const errored = figures.some((f) => f.value === null && f.pass === false);
  const missed = figures.some((f) => f.pass === false);
  process.exitCode = errored || (flag('strict') && missed) ? 1 : 0;
}

function c2s(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
