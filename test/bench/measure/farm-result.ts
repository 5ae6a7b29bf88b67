import type { HeapSettle } from '../lib/heap-settle';

// What measurement 8 reports, for direct hosts (farm.ts) and through one orchestrator (farm-orchestrator.ts) alike.
export interface FarmResult {
  hosts: number;
  vmsPerHost: number;
  timeToLiveMs: number;
  heapMb: number;
  bytesOneChange: number;
  rate: number;
  events: number;
  cpuPerEventUs: number;
  idleMs: number;
  idleCpuMs: number;
  /**
   * Before the idle window: the wait for V8 to give back the heap the event phase grew (lib/heap-settle.ts), and
   * the process CPU it took. That cost belongs to the events, not to idling; shown as its own figure.
   */
  heapSettle: HeapSettle;
  /**
   * VM lists read in the idle window (per host; the orchestrator's host-table poll not counted). The 5-minute
   * reconcile (jittered, 270-300 s after live) must fall outside it; a non-zero count says this run's did not.
   */
  idleListReads: number;
  /** Frames the orchestrator sent us in the idle window (its channel's noise; absent for direct hosts). */
  idleFramesSent?: number;
  stormSettleMs: number;
  stormListsPerHost: number[];
  stormCpuMs: number;
}
