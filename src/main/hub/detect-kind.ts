// What a URL points at: one Mac's Events Hub, or an orchestrator relaying a farm (orchestrator-protocol.md §1.3).
// Used when connecting an entry whose kind is not known yet (app-core), by `npm run preview:web`, and by Test
// connection (issue-15s) to fill `detectedKind`.
import type { HostKind } from '../../shared/model';
import { OrchestratorRestClient, type OrchestratorTransport } from './orchestrator-rest';

/**
 * `orchestrator` when `GET /orchestrator/hosts` answers a list; `host` when it 404s (the route does not exist on a
 * server without the module, whatever the credentials: §1.3). Other failures (401, unreachable, TLS) are thrown:
 * they decide nothing, and the caller retries or reports them as it would any connection failure.
 */
export async function detectHostKind(rest: OrchestratorTransport): Promise<HostKind> {
  return (await new OrchestratorRestClient(rest).detect()) ? 'orchestrator' : 'host';
}
