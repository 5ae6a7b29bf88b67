// The real hub clients behind the monitor's narrow ports (hub-ports.ts).
import { HubConnection } from './hub/connection';
import { HubRestClient } from './hub/rest';
import type { HubFactory } from './core/hub-ports';
import { DEFAULT_EVENT_TYPES } from './hub/channels';

export const defaultHubFactory: HubFactory = {
  create(host, auth, o) {
    const trust = { pinnedFingerprint: host.pinnedFingerprint };
    const rest = new HubRestClient({
      baseUrl: host.url,
      auth,
      trust,
      clock: o.clock,
      logger: o.logger,
      ...(o.restTimeoutMs === undefined ? {} : { timeoutMs: o.restTimeoutMs }),
    });
    const connection = new HubConnection({
      baseUrl: host.url,
      eventTypes: [...DEFAULT_EVENT_TYPES],
      rest,
      trust,
      clock: o.clock,
      timers: o.timers,
      logger: o.logger,
      ...(o.livenessTimeoutMs === undefined ? {} : { livenessTimeoutMs: o.livenessTimeoutMs }),
      ...(o.backoff === undefined ? {} : { backoff: o.backoff }),
      ...(o.conflictBackoffMs === undefined ? {} : { conflictBackoffMs: o.conflictBackoffMs }),
      ...(o.random === undefined ? {} : { random: o.random }),
    });
    return { rest, connection };
  },
  async testConnection(host, secret, o) {
    const { testHubConnection } = await import('./hub/test-connection');
    return testHubConnection(host, secret, o);
  },
};
