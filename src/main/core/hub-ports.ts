// The slice of the hub client (src/main/hub/) the monitor uses, as narrow interfaces so unit tests can pass
// fakes and the monitor does not depend on how the hub builds sockets. The real classes satisfy them
// structurally (see hub-factory.ts).
import type { ConnectionCounters, ConnectionEvent, HubConnectionOptions } from '../hub/connection-types';
import type { HubMessage } from '../hub/envelope';
import type { ParsedVm } from '../hub/channels/pdfm';
import type { HubAuth } from '../../shared/hub-auth';
import type { VmAction } from '../../shared/model';
import type { ConnectionTestResult, HostConfig, HostInput } from '../../shared/settings';

export type { HubMessage, ParsedVm };

// The connection's event and counter types are the hub's own (type-only imports keep the socket code out).
export type ConnectionEventLike = ConnectionEvent;
export type ConnectionCountersLike = ConnectionCounters;

export interface RestPort {
  listMachines(): Promise<ParsedVm[]>;
  getMachine(id: string): Promise<ParsedVm | null>;
  runAction(id: string, action: VmAction, force?: boolean): Promise<{ message: string }>;
  serverInfo(): Promise<{ devopsVersion: string | null }>;
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
}

/** HubRequestError is matched by shape so fakes can throw plain objects with a `kind`. */
export function errorKind(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && typeof (err as { kind?: unknown }).kind === 'string') {
    return (err as { kind: string }).kind;
  }
  return null;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
