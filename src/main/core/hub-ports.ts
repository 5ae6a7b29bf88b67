// The slice of the hub client (src/main/hub/) the monitor uses, as narrow interfaces so unit tests can pass
// fakes and the monitor does not depend on how the hub builds sockets. The real classes satisfy them
// structurally (see hub-factory.ts).
import type { ConnectionCounters, ConnectionEvent, HubConnectionOptions } from '../hub/connection-types';
import type { HubMessage } from '../hub/envelope';
import type { ParsedVm } from '../hub/channels/pdfm';
import type { HubAuth } from '../../shared/hub-auth';
import type { HostKind, VmAction } from '../../shared/model';
import type { FarmHostInfo, FarmVm, FarmVmStatusResult } from '../hub/orchestrator-rest';
import type { ConnectionTestResult, HostConfig, HostInput } from '../../shared/settings';

export type { HubMessage, ParsedVm, FarmHostInfo, FarmVm };

// The connection's event and counter types are the hub's own (type-only imports keep the socket code out).
export type ConnectionEventLike = ConnectionEvent;
export type ConnectionCountersLike = ConnectionCounters;

export interface RestPort {
  listMachines(): Promise<ParsedVm[]>;
  getMachine(id: string): Promise<ParsedVm | null>;
  runAction(id: string, action: VmAction, force?: boolean): Promise<{ message: string }>;
  serverInfo(): Promise<{ devopsVersion: string | null }>;
}

/** The orchestrator's REST a farm entry uses (hub/orchestrator-rest.ts, orchestrator-protocol.md §2). */
export interface FarmRestPort {
  listHosts(): Promise<FarmHostInfo[]>;
  listHostMachines(hostId: string): Promise<FarmVm[]>;
  vmStatus(hostId: string, vmId: string): Promise<FarmVmStatusResult>;
  /** PUT /orchestrator/machines/{vmId}/{action}; throws ForwardedActionRefused on the GET-forwarding 404. */
  runAction(vmId: string, action: VmAction, force?: boolean): Promise<{ message: string }>;
  serverInfo(): Promise<{ devopsVersion: string | null }>;
  /** `/ws/stats` `start_time`: a new value means the orchestrator restarted (§6.2 step 6). */
  startTime(): Promise<string | null>;
}

export interface ConnectionPort {
  onEvent(listener: (event: ConnectionEventLike) => void): () => void;
  start(): void;
  reconnectNow(): void;
  stop(): Promise<void>;
  readonly counters: ConnectionCountersLike;
}

/** Built at connect time from HostConfig + the secret by hubAuthFor (src/shared/hub-auth.ts). */
export type HubAuthLike = HubAuth;

/**
 * What the app sets once for every host's clients: the connection's own clock, timers, logger and tuning (taken
 * from HubConnectionOptions, so the two cannot drift apart) plus the REST timeout.
 */
export type HubClientOptions = Pick<
  HubConnectionOptions,
  'clock' | 'timers' | 'logger' | 'livenessTimeoutMs' | 'backoff' | 'conflictBackoffMs' | 'random'
> & {
  /** REST request timeout (lists, actions' auth, token); GET /machines/{id} keeps its own, longer one. */
  restTimeoutMs?: number;
};

export interface HubFactory {
  create(
    host: HostConfig,
    auth: HubAuthLike,
    o: HubClientOptions,
  ): { rest: RestPort; connection: ConnectionPort };
  testConnection(host: HostInput, secret: string | null, o: HubClientOptions): Promise<ConnectionTestResult>;
  /** An orchestrator entry's clients: its REST and a connection subscribed to `orchestrator` only (§1.2). */
  createFarm?(
    host: HostConfig,
    auth: HubAuthLike,
    o: HubClientOptions,
  ): { farm: FarmRestPort; connection: ConnectionPort };
  /** What the entry's URL is (§1.3); throws when it cannot tell (unreachable, credentials rejected). */
  detectKind?(host: HostConfig, auth: HubAuthLike, o: HubClientOptions): Promise<HostKind>;
}

/**
 * The orchestrator's GET-forwarded action refused by a v1.0.5+ host (hub/orchestrator-rest.ts
 * ForwardedActionRefused, matched by name so the core imports no hub class): the server's message, else null.
 */
export function forwardingRefusal(err: unknown): string | null {
  if (!(err instanceof Error) || err.name !== 'ForwardedActionRefused') return null;
  const message = (err as { serverMessage?: unknown }).serverMessage;
  return typeof message === 'string' ? message : err.message;
}

/** HubRequestError is matched by shape so fakes can throw plain objects with a `kind`. */
export function errorKind(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && typeof (err as { kind?: unknown }).kind === 'string') {
    return (err as { kind: string }).kind;
  }
  return null;
}

export { errorMessage } from '../kernel/logger';
