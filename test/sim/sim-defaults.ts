// The single-host simulator's demo identities and zeroed hub counters, apart from simulator.ts so that code which
// must not load the TLS fixtures at import time (the orchestrator simulator inside the bundled bench hub process,
// whose bundle has no certs/ beside it) can use them.
import type { SimApiKey, SimUser } from './auth';
import type { SimStats } from './types';

export const DEFAULT_USER: SimUser = { username: 'root', email: 'root@localhost', password: 'hubwatch-demo' };
export const DEFAULT_API_KEY: SimApiKey = { id: 'hubwatch-demo-key', secret: 'hubwatch-demo-secret' };

/** The hub's counters at zero (the orchestrator simulator runs the same hub). */
export function freshStats(): SimStats {
  return {
    wsUpgradeAttempts: 0,
    wsConnected: 0,
    wsRejected: {},
    restRequests: 0,
    tokenRequests: 0,
    framesSent: 0,
    framesDropped: 0,
    wsOpen: 0,
    heldWhileFrozen: 0,
  };
}
