// The farm sync's collaborators and timings (orchestrator-protocol.md §6.4/§6.5), apart from the classes that use
// them so neither imports the other.
import type { FarmHostSummary } from '../../shared/model';
import type { PolicyInput } from '../notify/policy';
import type { FarmHostRef } from '../notify/farm-text';

/** What a farm reports besides store changes. */
export interface FarmHooks {
  /** The entry's display name ("4 farm hosts unreachable · farm-1"). */
  entryName(): string;
  setFarmHosts(hosts: readonly FarmHostSummary[]): void;
  farmHostUnreachable(host: FarmHostRef): void;
  farmHostReachable(farmHostId: string): void;
  /** A policy input joining the open batch, in order (farm-host-back goes before the resync's changes). */
  policy(input: PolicyInput): void;
}

export interface FarmTimings {
  /** §6.5: the host table, which also catches `enabled` and link flips that have no event. */
  hostsPollMs: number;
  /** §6.5: each host's machines, jittered ±25% so 100 hosts are not listed at once. */
  relistMs: number;
  /** §6.4: /status of a healthy but unlinked host's running VMs. */
  unlinkedPollMs: number;
  /** First retry of a failed connect list (doubles up to 60 s). */
  listRetryMs: number;
  /** Re-lists asked by events (HOST_ADDED, unknown ids) are gathered this long. */
  debounceMs: number;
  /** A resync whose reads got no answer tries again after this. */
  resyncRetryMs: number;
  /** §6.2 step 6: after an orchestrator restart, the whole farm is listed again this much later (its startup refresh). */
  restartRelistMs: number;
}

export const DEFAULT_FARM_TIMINGS: FarmTimings = {
  hostsPollMs: 60_000,
  relistMs: 300_000,
  unlinkedPollMs: 60_000,
  listRetryMs: 5_000,
  debounceMs: 1_000,
  resyncRetryMs: 10_000,
  restartRelistMs: 60_000,
};
