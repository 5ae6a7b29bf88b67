// Entry of one measurement process: `node --import tsx --expose-gc test/bench/child.ts <measurement> '<json args>'`.
// Each run is its own process so one measurement's heap, JIT state and timers never leak into the next.
// The result is sent to the runner over IPC (or printed when run by hand).
import { runBurst } from './measure/burst';
import { runFarm } from './measure/farm';
import { runIdle } from './measure/idle';
import { runIngest } from './measure/ingest';
import { runLatency } from './measure/latency';
import { runMemory } from './measure/memory';
import { runIdleFloor } from './measure/idle-floor';
import { runPinned } from './measure/pinned';
import { runRender } from './measure/render';
import { runResync } from './measure/resync';

type Args = Record<string, number | string | boolean>;

const measurements: Record<string, (args: Args) => Promise<unknown>> = {
  ingest: (a) =>
    runIngest(
      a.mode === 'baseline' ? 'baseline' : 'hubwatch',
      Number(a.frames),
      Number(a.vms),
      Number(a.warmup),
    ),
  latency: (a) => runLatency(Number(a.rate), Number(a.durationMs), Number(a.vms)),
  burst: (a) => runBurst(Number(a.vms), Number(a.count), Number(a.settleMs)),
  memory: (a) => runMemory(Number(a.events), Number(a.vms), Number(a.chunk), Number(a.budgetMs)),
  idle: (a) => runIdle(Number(a.durationMs), Number(a.vms), Number(a.pingIntervalMs), Number(a.settleMs)),
  resync: (a) => runResync(Number(a.vms), Number(a.rounds)),
  pinned: (a) => runPinned(String(a.certDir), Number(a.calls), Number(a.warmup)),
  farm: (a) =>
    runFarm(
      Number(a.hosts),
      Number(a.vmsPerHost),
      Number(a.rate),
      Number(a.eventMs),
      Number(a.idleMs),
      Number(a.settleMs),
      Number(a.heapSettleMaxMs ?? 0),
      a.via === 'orchestrator' ? 'orchestrator' : 'direct',
    ),
  'idle-floor': (a) =>
    runIdleFloor(
      a.via === 'orchestrator' ? 'orchestrator' : 'direct',
      Number(a.hosts),
      Number(a.vmsPerHost),
      Number(a.rate),
      Number(a.eventMs),
      Number(a.settleMs),
      Number(a.heapSettleMaxMs ?? 0),
      Number(a.idleMs),
    ),
  render: (a) =>
    runRender(Number(a.vms), Number(a.events), Number(a.groups ?? 0), Number(a.rate), Number(a.durationMs)),
};

async function main(): Promise<void> {
  const [name, raw] = process.argv.slice(2);
  const run = name ? measurements[name] : undefined;
  if (!run)
    throw new Error(`unknown measurement "${name ?? ''}"; one of ${Object.keys(measurements).join(', ')}`);
  const args = JSON.parse(raw ?? '{}') as Args;
  const result = await run(args);
  if (process.send) process.send({ ok: true, result });
  else console.log(JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    if (process.send) process.send({ ok: false, error: message }, () => process.exit(1));
    else {
      console.error(message);
      process.exit(1);
    }
  },
);
