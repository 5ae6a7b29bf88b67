// Public types of HubConnection (kept apart so consumers can import them without the socket code).
import type { Clock, Timers } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { HubMessage } from './envelope';
import type { HubRestClient } from './rest';
import type { TlsTrust } from './tls';

export type ConnectionEvent =
  | { type: 'connecting'; attempt: number }
  | { type: 'open'; clientId: string; subscriptions: string[] }
  /**
   * Every message parsed from one socket read (frames that arrived together), in arrival order; never empty.
   * Delivered together so the consumer can apply a farm-wide burst as one change instead of hundreds.
   */
  | { type: 'messages'; messages: readonly HubMessage[] }
  | { type: 'invalid-frame'; reason: string }
  | { type: 'closed'; reason: string; willRetry: boolean }
  | { type: 'retry-scheduled'; attempt: number; nextAt: number; lastError: string }
  | { type: 'auth-failed'; message: string }
  | { type: 'tls-untrusted'; fingerprint: string; message: string };

export interface HubConnectionOptions {
  baseUrl: string;
  /** Default: DEFAULT_EVENT_TYPES (channels/index.ts). */
  eventTypes: string[];
  rest: Pick<HubRestClient, 'authHeaders' | 'refreshCredentials'>;
  trust: TlsTrust;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** 45 000: no frame (data or ping) for this long => dead, terminate, reconnect. */
  livenessTimeoutMs?: number;
  /** 1000 / 60000 / 30000, full jitter. */
  backoff?: { initialMs: number; maxMs: number; stableAfterMs: number };
  /** 45 000 minimum after a 409. */
  conflictBackoffMs?: number;
  /** 4 MiB. */
  maxPayload?: number;
  /** Reconnect jitter source, [0, 1) like Math.random (the default); tests pass a seeded one. */
  random?: () => number;
  /** Between attempts: is the host answering again? Default: GET {prefix}/health/probe (health-probe.ts). */
  healthCheck?: () => Promise<boolean>;
  /** Opening handshake (TCP + TLS + HTTP upgrade) limit; default 10 000. */
  handshakeTimeoutMs?: number;
}

export interface ConnectionCounters {
  attempts: number;
  framesReceived: number;
  framesInvalid: number;
  framesIgnored: number;
  /** Frames over maxPayload (ws closes with 1009); also counted in framesInvalid. */
  framesOversized: number;
}

/** A new connection's counters: nothing attempted, nothing received. */
export function zeroCounters(): ConnectionCounters {
  return { attempts: 0, framesReceived: 0, framesInvalid: 0, framesIgnored: 0, framesOversized: 0 };
}
