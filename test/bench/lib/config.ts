// The two bench configurations: `full` is issue 6 as written; `quick` checks the bench itself end to end in ~2 min.
export interface BenchConfig {
  name: 'full' | 'quick';
  ingest: { runs: number; frames: number; vms: number; warmup: number; timeoutMs: number };
  latency: { runs: number; rate: number; durationMs: number; vms: number };
  burst: { runs: number; vms: number; count: number; settleMs: number };
  memory: { events: number; vms: number; chunk: number; budgetMs: number; timeoutMs: number };
  idle: { durationMs: number; vms: number; pingIntervalMs: number; settleMs: number };
  resync: { vms: number; rounds: number };
  render: { vms: number; events: number; rate: number; durationMs: number };
  /** Issue 11: REST calls to one private-CA HTTPS host, system-trusted vs pinned. */
  pinned: { calls: number; warmup: number };
  /**
   * Issue 15 Scale: `hosts` direct hosts × `vmsPerHost` VMs, and 1 host × 1,000 VMs (the ratio's base, like the
   * ingest figure); events at `rate`/s for `eventMs` (rate × eventMs a multiple of 4 × every VM count, so every VM
   * ends settled and no transitional-state confirmation fires in the idle window), idle over `idleMs`.
   */
  farm: {
    hosts: number;
    vmsPerHost: number;
    rate: number;
    eventMs: number;
    idleMs: number;
    settleMs: number;
    /**
     * After settleMs, the longest wait for V8 to give back the heap the event phase grew (lib/heap-settle.ts):
     * its deferred collections cost ~100-200 ms of CPU and otherwise land in the idle window.
     */
    heapSettleMaxMs: number;
  };
  /**
   * First render and longest task at farm size, in the farm shape: one orchestrator entry with `groups`
   * Macs of vms / groups VMs each (a farm is never one host of 4,000 VMs, and the first screen is cut per group).
   */
  renderFarm: { vms: number; groups: number; events: number; rate: number; durationMs: number };
}

// Warm-ups and chunk sizes are multiples of 4 × vms, so every VM ends a blast in a settled state (STATE_CYCLE) and
// no transitional-state confirmation (GET /machines/{id} after 5 s) fires after a measurement.
export const CONFIGS: Record<'full' | 'quick', BenchConfig> = {
  full: {
    name: 'full',
    ingest: { runs: 5, frames: 200_000, vms: 1_000, warmup: 20_000, timeoutMs: 120_000 },
    latency: { runs: 3, rate: 1_000, durationMs: 10_000, vms: 1_000 },
    // The policy's coalescing window is 3 s: 4.5 s sees the immediate notification and the summary.
    burst: { runs: 5, vms: 1_000, count: 500, settleMs: 4_500 },
    memory: { events: 1_000_000, vms: 1_000, chunk: 100_000, budgetMs: 240_000, timeoutMs: 360_000 },
    idle: { durationMs: 120_000, vms: 1_000, pingIntervalMs: 30_000, settleMs: 40_000 },
    resync: { vms: 2_000, rounds: 5 },
    render: { vms: 1_000, events: 500, rate: 100, durationMs: 10_000 },
    pinned: { calls: 2_000, warmup: 200 },
    farm: {
      hosts: 100,
      vmsPerHost: 40,
      rate: 2_000,
      eventMs: 16_000,
      idleMs: 120_000,
      settleMs: 40_000,
      heapSettleMaxMs: 150_000,
    },
    renderFarm: { vms: 4_000, groups: 100, events: 500, rate: 100, durationMs: 10_000 },
  },
  quick: {
    name: 'quick',
    // The same warm-up as the full run: with less, Hubwatch's longer pipeline is measured while V8 still compiles it.
    ingest: { runs: 2, frames: 40_000, vms: 1_000, warmup: 20_000, timeoutMs: 60_000 },
    latency: { runs: 1, rate: 1_000, durationMs: 3_000, vms: 1_000 },
    burst: { runs: 1, vms: 1_000, count: 500, settleMs: 4_500 },
    memory: { events: 80_000, vms: 1_000, chunk: 40_000, budgetMs: 30_000, timeoutMs: 90_000 },
    idle: { durationMs: 15_000, vms: 1_000, pingIntervalMs: 5_000, settleMs: 5_000 },
    resync: { vms: 2_000, rounds: 2 },
    render: { vms: 1_000, events: 500, rate: 100, durationMs: 3_000 },
    pinned: { calls: 300, warmup: 50 },
    farm: {
      hosts: 100,
      vmsPerHost: 40,
      rate: 2_000,
      eventMs: 8_000,
      idleMs: 15_000,
      settleMs: 5_000,
      heapSettleMaxMs: 30_000,
    },
    renderFarm: { vms: 4_000, groups: 100, events: 500, rate: 100, durationMs: 3_000 },
  },
};
