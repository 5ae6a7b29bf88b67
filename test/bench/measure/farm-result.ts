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
  stormSettleMs: number;
  stormListsPerHost: number[];
  stormCpuMs: number;
}
