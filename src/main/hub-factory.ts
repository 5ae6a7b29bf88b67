// The real hub clients behind the monitor's narrow ports (hub-ports.ts).
import { HubConnection } from './hub/connection';
import { HubRestClient } from './hub/rest';
import type { HubClientOptions, HubFactory } from './core/hub-ports';
import { DEFAULT_EVENT_TYPES, ORCHESTRATOR_EVENT_TYPES } from './hub/channels';
import { OrchestratorRestClient } from './hub/orchestrator-rest';
import { detectHostKind } from './hub/detect-kind';
import type { HostConfig } from '../shared/settings';
import type { HubAuth } from '../shared/hub-auth';

function restFor(host: HostConfig, auth: HubAuth, o: HubClientOptions): HubRestClient {
  return new HubRestClient({
    baseUrl: host.url,
    auth,
    trust: { pinnedFingerprint: host.pinnedFingerprint },
    clock: o.clock,
    logger: o.logger,
    ...(o.restTimeoutMs === undefined ? {} : { timeoutMs: o.restTimeoutMs }),
  });
}

function connectionFor(
  host: HostConfig,
  rest: HubRestClient,
  eventTypes: readonly string[],
  o: HubClientOptions,
): HubConnection {
  return new HubConnection({
    baseUrl: host.url,
    eventTypes: [...eventTypes],
    rest,
    trust: { pinnedFingerprint: host.pinnedFingerprint },
    clock: o.clock,
    timers: o.timers,
    logger: o.logger,
    ...(o.livenessTimeoutMs === undefined ? {} : { livenessTimeoutMs: o.livenessTimeoutMs }),
    ...(o.backoff === undefined ? {} : { backoff: o.backoff }),
    ...(o.conflictBackoffMs === undefined ? {} : { conflictBackoffMs: o.conflictBackoffMs }),
    ...(o.random === undefined ? {} : { random: o.random }),
  });
}

export const defaultHubFactory: HubFactory = {
  create(host, auth, o) {
    const rest = restFor(host, auth, o);
    return { rest, connection: connectionFor(host, rest, DEFAULT_EVENT_TYPES, o) };
  },
  createFarm(host, auth, o) {
    const rest = restFor(host, auth, o);
    const orchestrator = new OrchestratorRestClient(rest);
    return {
      farm: {
        listHosts: () => orchestrator.listHosts(),
        listHostMachines: (id) => orchestrator.listHostMachines(id),
        vmStatus: (hostId, vmId) => orchestrator.vmStatus(hostId, vmId),
        runAction: (vmId, action, force) => orchestrator.runAction(vmId, action, force),
        serverInfo: () => rest.serverInfo(),
        startTime: () => orchestrator.startTime(),
      },
      connection: connectionFor(host, rest, ORCHESTRATOR_EVENT_TYPES, o),
    };
  },
  detectKind(host, auth, o) {
    return detectHostKind(restFor(host, auth, o));
  },
  async testConnection(host, secret, o) {
    const { testHubConnection } = await import('./hub/test-connection');
    return testHubConnection(host, secret, o);
  },
};
