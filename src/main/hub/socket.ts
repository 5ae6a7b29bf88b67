// One `ws` client socket for one connection attempt: upgrade refusals (status + body), frames, liveness signals,
// and a single AttemptEnd describing why it ended. No policy here; connection.ts decides what happens next.
import type * as tls from 'node:tls';
import WebSocket from 'ws';
import type { AttemptEnd } from './close-classify';
import { tryParseJson } from './http';
import type { LivenessDeadline } from './liveness';

export interface Attempt {
  readonly id: number;
  ws: WebSocket | null;
  /** The welcome frame arrived. */
  opened: boolean;
  ended: boolean;
  refusal: { status: number; body: unknown } | null;
  error: { code: string | undefined; message: string } | null;
  /** Created at the first sign of life; stopped when the attempt ends. */
  liveness: LivenessDeadline | null;
}

/** A refused upgrade's body is only read for its error text; a hostile server must not make us buffer much. */
const REFUSAL_BODY_CAP = 64 * 1024;

export function newAttempt(id: number): Attempt {
  return { id, ws: null, opened: false, ended: false, refusal: null, error: null, liveness: null };
}

export interface SocketOptions {
  headers: Record<string, string>;
  tlsOptions: tls.ConnectionOptions | null;
  maxPayload: number;
  handshakeTimeoutMs: number;
  onFrame(data: WebSocket.RawData, isBinary: boolean): void;
  /** Any sign of life: open, a frame is handled by onFrame, a ping or a pong. */
  onAlive(): void;
  onEnd(end: AttemptEnd): void;
}

export function openSocket(attempt: Attempt, url: URL, options: SocketOptions): WebSocket {
  const ws = new WebSocket(url, {
    headers: options.headers,
    maxPayload: options.maxPayload,
    handshakeTimeout: options.handshakeTimeoutMs,
    perMessageDeflate: false,
    followRedirects: false,
    ...withoutAgent(options.tlsOptions),
  });
  attempt.ws = ws;

  // With this listener ws leaves the refused response to us: read its (capped) body, then abort.
  ws.on('unexpected-response', (_req, res) => {
    attempt.refusal = { status: res.statusCode ?? 0, body: undefined };
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= REFUSAL_BODY_CAP) chunks.push(chunk);
    });
    res.on('end', () => {
      if (attempt.refusal) attempt.refusal.body = tryParseJson(Buffer.concat(chunks).toString('utf8'));
      ws.terminate();
    });
    res.on('error', () => ws.terminate());
  });
  ws.on('open', () => options.onAlive());
  ws.on('message', (data, isBinary) => options.onFrame(data, isBinary));
  // The server pings every 30 s and ws answers by itself; a ping proves the link is alive even when idle.
  ws.on('ping', () => options.onAlive());
  ws.on('pong', () => options.onAlive());
  ws.on('error', (error: Error & { code?: string }) => {
    attempt.error ??= { code: error.code, message: error.message };
  });
  ws.on('close', (code, reason) => options.onEnd(endOf(attempt, code, reason.toString('utf8'))));
  return ws;
}

/** ws always emits 'close' last (after 'error' or our terminate()); decide here what really ended the attempt. */
function endOf(attempt: Attempt, code: number, reason: string): AttemptEnd {
  if (attempt.refusal)
    return { kind: 'http-status', status: attempt.refusal.status, body: attempt.refusal.body };
  if (attempt.error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || code === 1009)
    return { kind: 'closed', code: 1009, reason };
  if (attempt.error && !attempt.opened)
    return { kind: 'error', code: attempt.error.code, message: attempt.error.message };
  return { kind: 'closed', code, reason };
}

/** Close 1000 and wait for the socket to be gone; terminate if the peer does not answer within waitMs. */
export function closeGracefully(ws: WebSocket, waitMs: number): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let fallback: ReturnType<typeof setTimeout> | undefined;
    ws.once('close', () => {
      if (fallback) clearTimeout(fallback);
      resolve();
    });
    if (ws.readyState === WebSocket.OPEN) {
      ws.close(1000, 'client stopping');
      // A frozen server never answers the close frame; shutdown must not hang on it.
      fallback = setTimeout(() => ws.terminate(), waitMs);
      fallback.unref();
    } else {
      ws.terminate();
    }
  });
}

/** The REST keep-alive agent is not for WebSockets (a socket is held for the connection's life anyway). */
function withoutAgent(
  options: (tls.ConnectionOptions & { pinnedAgent?: unknown }) | null,
): tls.ConnectionOptions {
  if (!options) return {};
  const { pinnedAgent: _agent, ...rest } = options;
  return rest;
}
