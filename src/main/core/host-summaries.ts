// The snapshot's host list, kept per host between reads: a host whose inputs are the same objects as last time
// (its config, its status, its version, its "as of" time, its farm summary) gets the SAME HostSummary object back.
// Why (issue 15 Scale): every push read the host list and compared it by JSON, so at ~57 pushes/s a 100-host farm
// paid 100 URL parses (displayUrl) and a 100-host JSON.stringify per push, whatever changed. Now an unchanged list
// is the same objects, which the push layer (ipc/push-deltas.ts) compares by identity.
import type { FarmHostSummary, HostId, HostKind, HostSummary } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import { hostSummaries, type HostSummaryInputs } from './snapshot';

interface Kept {
  config: HostConfig;
  status: unknown;
  version: string | null | undefined;
  asOf: number | undefined;
  kind: HostKind | undefined;
  farmHosts: readonly FarmHostSummary[] | undefined;
  summary: HostSummary;
}

/** Same farm-host list: the same array, or both empty (farm-entries.ts hands out a fresh [] for none). */
function sameFarmHosts(
  a: readonly FarmHostSummary[] | undefined,
  b: readonly FarmHostSummary[] | undefined,
): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === 0 && b.length === 0);
}

export function createHostSummarySelector(): (p: HostSummaryInputs) => HostSummary[] {
  let kept = new Map<HostId, Kept>();
  return (p) => {
    const next = new Map<HostId, Kept>();
    const list = p.hosts.map((config) => {
      const status = p.store.hosts.get(config.id);
      const version = p.versions.get(config.id);
      const asOf = p.lastLiveAt?.get(config.id);
      const extras = p.extras?.(config.id) ?? {};
      const k = kept.get(config.id);
      const same =
        k !== undefined &&
        k.config === config &&
        k.status === status &&
        k.version === version &&
        k.asOf === asOf &&
        k.kind === extras.kind &&
        sameFarmHosts(k.farmHosts, extras.farmHosts);
      const entry: Kept = same
        ? k
        : {
            config,
            status,
            version,
            asOf,
            kind: extras.kind,
            farmHosts: extras.farmHosts,
            summary: hostSummaries({ ...p, hosts: [config], extras: () => extras })[0]!,
          };
      next.set(config.id, entry);
      return entry.summary;
    });
    kept = next; // hosts no longer configured are dropped with the old map
    return list;
  };
}

/**
 * Whether two host lists show the same thing: by identity first (an unchanged host is the same object, see
 * above: O(hosts), no JSON), by value only when some object differs, so an equal rebuilt list still counts as same.
 */
export function sameHostSummaries(a: readonly HostSummary[], b: readonly HostSummary[]): boolean {
  if (a.length === b.length && a.every((h, i) => h === b[i])) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
