// With BENCH_PROFILE=1, a V8 CPU profile of one phase of a measurement in THIS process (node:inspector, the same
// sampler and format as `node --cpu-prof`), saved to test-results/bench-<name>.cpuprofile for
// tools/cpuprofile-top.ts. A whole-process `--cpu-prof` mixes the farm's connect, steady, idle and storm phases;
// per-event and idle CPU need their own profiles. Off (no session, no cost) unless BENCH_PROFILE is set.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface PhaseProfiler {
  start(): Promise<void>;
  /** Stops the running profile and saves it; returns its path (null when profiling is off). */
  stop(name: string): Promise<string | null>;
}

export function phaseProfiler(enabled = Boolean(process.env.BENCH_PROFILE)): PhaseProfiler {
  let session: Session | null = null;
  return {
    async start() {
      if (!enabled) return;
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    async stop(name) {
      if (!session) return null;
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      const path = resolve(ROOT, `test-results/bench-${name}.cpuprofile`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(profile));
      return path;
    },
  };
}
