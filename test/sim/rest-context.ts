// What the REST handlers may touch. Kept as an interface so handlers stay independent of the simulator object.
import type { AuthService } from './auth';
import type { BruteForceGuard } from './brute-force';
import type { Hub } from './hub';
import type { SimStats } from './types';
import type { VmEvents } from './vm-events';
import type { VmStore } from './vm-store';

export interface RestContext {
  readonly auth: AuthService;
  /** Failed password sign-ins per user, and the handler's sleep once they pile up (brute-force.ts). */
  readonly bruteForce: BruteForceGuard;
  readonly store: VmStore;
  readonly events: VmEvents;
  readonly hub: Hub;
  readonly stats: SimStats;
  readonly devopsVersion: () => string;
  readonly actionDelayMs: number;
  /** 503 refusal is on: the emitter "is not running" (WS upgrade and /ws/unsubscribe). */
  readonly emitterRefused: () => boolean;
  /** Resolves after `ms` unless the simulator closes first (then never; the socket is destroyed anyway). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly startedAt: number;
  /** API_PREFIX, default "/api". */
  readonly apiPrefix: string;
  readonly orchestratorOnly: boolean;
  /** GET /machines/{id} miss delay (§8.2). */
  readonly missDelayMs: number;
  /** GET /machines fault: 500 or hang; null = normal. */
  readonly listFault: () => 500 | 'hang' | null;
  /** Counts GET /machines/{id} requests; call the returned function when the answer is sent. */
  noteLookup(): () => void;
}
