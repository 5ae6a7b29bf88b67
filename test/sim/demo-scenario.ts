// A scripted, looping scenario so a newcomer running `--demo` sees the app live: VMs start, stop, suspend and
// resume, one is added, renamed and removed, uptimes tick. Timers are injectable so it can be tested with fakes.
import type { Timers, TimerHandle } from '../../src/main/kernel/clock';
import type { Simulator, SimVm } from './types';

export interface DemoOptions {
  timers?: Timers;
  /** Time between scripted steps (default 4000). */
  stepMs?: number;
  /** How long a transitional state lasts (default 1500). */
  transitionMs?: number;
  /** Kept for symmetry with the app's ports; the scenario itself only needs timers. */
  clock?: { now(): number };
}

const realTimers: Timers = {
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

type Step = (sim: Simulator, transition: (id: string, via: string, to: string) => void) => void;

const first = (sim: Simulator, pred: (vm: SimVm) => boolean): SimVm | undefined => sim.vms().find(pred);
const DEMO_PREFIX = 'demo-build-agent';

const STEPS: readonly Step[] = [
  (sim, t) => {
    const vm = first(sim, (v) => v.state === 'stopped');
    if (vm) t(vm.id, 'starting', 'running');
  },
  (sim, t) => {
    const vm = first(sim, (v) => v.state === 'running' && v.os === 'macosx');
    if (vm) t(vm.id, 'stopping', 'stopped');
  },
  (sim, t) => {
    const vm = first(sim, (v) => v.state === 'running' && v.os !== 'macosx');
    if (vm) t(vm.id, 'suspending', 'suspended');
  },
  (sim) => {
    if (!first(sim, (v) => v.name.startsWith(DEMO_PREFIX)))
      sim.addVm({ name: `${DEMO_PREFIX}-01`, os: 'macosx' });
  },
  (sim) => {
    const vm = first(sim, (v) => v.state === 'running');
    if (vm) sim.setUptime(vm.id, String(Number(vm.uptime) + 60));
  },
  (sim) => {
    const vm = first(sim, (v) => v.name.startsWith(DEMO_PREFIX));
    if (vm) sim.renameVm(vm.id, vm.name.endsWith('-01') ? `${DEMO_PREFIX}-01-renamed` : `${DEMO_PREFIX}-01`);
  },
  (sim, t) => {
    const vm = first(sim, (v) => v.state === 'suspended' || v.state === 'paused');
    if (vm) t(vm.id, 'resuming', 'running');
  },
  (sim) => {
    const vm = first(sim, (v) => v.name.startsWith(DEMO_PREFIX));
    if (vm) sim.removeVm(vm.id);
  },
];

/** Starts the loop; returns stop(), which cancels every pending timer. */
export function runDemoScenario(sim: Simulator, options: DemoOptions = {}): () => void {
  const timers = options.timers ?? realTimers;
  const stepMs = options.stepMs ?? 4000;
  const transitionMs = options.transitionMs ?? 1500;
  const pending = new Set<TimerHandle>();
  let stopped = false;
  let index = 0;

  const later = (ms: number, fn: () => void): void => {
    const h = timers.setTimeout(() => {
      pending.delete(h);
      if (stopped) return;
      try {
        fn();
      } catch {
        // A VM the script picked may have been removed meanwhile (e.g. by a user action): skip the step.
      }
    }, ms);
    pending.add(h);
  };
  const transition = (id: string, via: string, to: string): void => {
    sim.setState(id, via);
    later(transitionMs, () => sim.setState(id, to));
  };
  const tick = (): void => {
    const step = STEPS[index % STEPS.length] as Step;
    index++;
    later(stepMs, tick); // first, so a failing step never ends the loop
    step(sim, transition);
  };
  later(stepMs, tick);

  return () => {
    stopped = true;
    for (const h of pending) timers.clearTimeout(h);
    pending.clear();
  };
}
