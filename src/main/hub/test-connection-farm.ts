// Test connection's orchestrator half (orchestrator-protocol.md): the farm's size as Hubwatch will watch it.
// Detection itself is OrchestratorRestClient.detect(): only an orchestrator has `GET /orchestrator/hosts`, every other
// server answers 404 whatever the credentials (§1.3), so the answer needs no claim beyond LIST.
import { OrchestratorRestClient } from './orchestrator-rest';
import type { HubRestClient } from './rest';
import { forEachLimited } from '../kernel/for-each-limited';

/** The orchestrator's one channel (§3.1): the farm view subscribes to it alone, never to `pdfm` (§1.2). */
export const ORCHESTRATOR_EVENT_TYPE = 'orchestrator';

/** Per-host lists are read a few at a time: a 40-host farm answers in a few round trips without a burst of 40. */
const LIST_CONCURRENCY = 6;

export interface FarmSize {
  readonly farmHostCount: number;
  readonly vmCount: number;
}

/**
 * The hosts and the VMs of the farm. VMs are summed from each host's own list (`/orchestrator/hosts/{id}/machines`,
 * §2.4), not `/orchestrator/machines` (§2.3): the flat list silently leaves out the VMs of unhealthy and disabled
 * hosts, while the per-host lists are exactly what the farm view shows (last-known VMs included, §6.2 step 4), so
 * the number the user reads here is the number the popover will hold. Duplicates inside a host's list are dropped
 * by `listHostMachines` as the view drops them.
 */
export async function measureFarm(rest: HubRestClient): Promise<FarmSize> {
  const farm = new OrchestratorRestClient(rest);
  const hosts = await farm.listHosts();
  let vmCount = 0;
  await forEachLimited(hosts, LIST_CONCURRENCY, async (host) => {
    // Read first, then add: `vmCount += await …` would read vmCount before the await and lose the other lanes' sums.
    const vms = await farm.listHostMachines(host.id);
    vmCount += vms.length;
  });
  return { farmHostCount: hosts.length, vmCount };
}

/** Whether the server is an orchestrator (§1.3); credentials failures are thrown, they decide nothing. */
export function detectOrchestrator(rest: HubRestClient): Promise<boolean> {
  return new OrchestratorRestClient(rest).detect();
}
