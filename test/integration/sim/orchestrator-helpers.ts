// Shared setup for the orchestrator simulator's socket-level tests: fast timings (every delay scaled down, so no
// test sleeps for server time), authenticated REST calls and an `orchestrator` channel client.
import {
  startOrchestratorSimulator,
  type OrchestratorSimOptions,
  type OrchestratorSimulator,
} from '../../sim';
import { connectWs, type WsTestClient } from '../../sim/test-client';
import type { Simulator } from '../../sim/types';

/**
 * P = 40 ms; refresh far away unless a test asks for it; noise off unless a test measures it. The 3P read deadline
 * (120 ms) is stretched: a loaded runner stalling that long would otherwise drop every link mid-test.
 */
const FAST: OrchestratorSimOptions = {
  pullFrequencyMs: 40,
  readDeadlineMs: 10_000,
  fullRefreshMs: 600_000,
  fullRefreshDurationMs: 0,
  healthCheckTimeoutMs: 30,
  connectionMonitorMs: 60,
  reconnectBackoffMs: [20, 40],
  dialTimeoutMs: 30,
  statsIntervalMs: 0,
  logIntervalMs: 0,
  flushIntervalMs: 5,
  lookupRetryMs: 5,
  actionDelayMs: 10,
};

export async function startFarm(o: OrchestratorSimOptions = {}): Promise<OrchestratorSimulator> {
  return startOrchestratorSimulator({ ...FAST, hosts: 3, vmsPerHost: 4, seed: 5, ...o });
}

export interface Answer {
  status: number;
  body: unknown;
}

export async function call(
  sim: OrchestratorSimulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(init.auth === false ? {} : { Authorization: `Bearer ${sim.issueToken()}` }),
    ...init.headers,
  };
  const res = await fetch(`${sim.url}/api/v1${path}`, { method: init.method ?? 'GET', headers });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export type Row = Record<string, unknown>;
export const rows = (a: Answer): Row[] => a.body as Row[];

/** The channel client; the test-client only needs url + issueToken from a simulator. */
export async function subscribe(sim: OrchestratorSimulator): Promise<WsTestClient> {
  const c = await connectWs(sim as unknown as Simulator, { eventTypes: 'orchestrator' });
  await c.next((f) => f.message === 'WebSocket connection established subscribed to global by default');
  return c;
}

export const hostIdOf = (f: Row): unknown => (f.body as { host_id?: unknown } | undefined)?.host_id;
