// A plain `ws` client for tests against the simulator: collects frames and lets a test await the next one that
// matches, with a deadline so a missing frame fails fast instead of hanging.
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { Simulator } from './types';

export type Frame = Record<string, unknown>;

export interface WsTestClient {
  readonly ws: WebSocket;
  /** Every parsed text/binary frame received so far, in order. */
  readonly frames: Frame[];
  /** Raw frames (for sendRaw tests), in order. */
  readonly raw: { data: Buffer; isBinary: boolean }[];
  /** Resolves with the first not-yet-consumed frame matching `pred` (default: any). */
  next(pred?: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  /** Resolves when the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export interface ConnectOptions {
  eventTypes?: string | null;
  headers?: Record<string, string>;
  /** Extra query string, e.g. "access_token=…". */
  query?: string;
  /** Default true: a fresh bearer token from the simulator. false = no Authorization header from us. */
  auth?: boolean;
  ca?: string;
  autoPong?: boolean;
}

function wsUrl(sim: Simulator, eventTypes: string | null = 'pdfm', query = ''): string {
  const params = [eventTypes === null ? '' : `event_types=${encodeURIComponent(eventTypes)}`, query].filter(
    Boolean,
  );
  return `${sim.url.replace(/^http/, 'ws')}/api/v1/ws/subscribe${params.length ? `?${params.join('&')}` : ''}`;
}

function wsOptions(sim: Simulator, o: ConnectOptions): WebSocket.ClientOptions {
  const headers = {
    ...(o.auth === false ? {} : { Authorization: `Bearer ${sim.issueToken()}` }),
    ...o.headers,
  };
  return { headers, autoPong: o.autoPong ?? true, ...(o.ca ? { ca: o.ca } : {}) };
}

/** Opens a socket; rejects with `{status, body}` when the upgrade is refused. */
export function connectWs(sim: Simulator, o: ConnectOptions = {}): Promise<WsTestClient> {
  const ws = new WebSocket(
    wsUrl(sim, o.eventTypes === undefined ? 'pdfm' : o.eventTypes, o.query),
    wsOptions(sim, o),
  );
  const frames: Frame[] = [];
  const raw: { data: Buffer; isBinary: boolean }[] = [];
  const consumed = new Set<number>();
  const waiters: (() => void)[] = [];
  ws.on('message', (data: WebSocket.RawData, isBinary) => {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    raw.push({ data: buf, isBinary });
    try {
      const parsed: unknown = JSON.parse(buf.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null) frames.push(parsed as Frame);
    } catch {
      // sendRaw garbage: kept in `raw` only
    }
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of waiters.splice(0)) w();
    }),
  );
  const client: WsTestClient = {
    ws,
    frames,
    raw,
    closed,
    close: () => ws.terminate(),
    next: (pred = () => true, timeoutMs = 2000) =>
      new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.message))}`,
              ),
            ),
          timeoutMs,
        );
        const check = (): void => {
          const i = frames.findIndex((f, idx) => !consumed.has(idx) && pred(f));
          if (i >= 0) {
            consumed.add(i);
            clearTimeout(timer);
            resolve(frames[i] as Frame);
          } else if (ws.readyState === WebSocket.CLOSED) {
            clearTimeout(timer);
            reject(new Error('socket closed before a matching frame arrived'));
          } else waiters.push(check);
        };
        check();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        ws.terminate();
        reject(
          Object.assign(new Error(`upgrade refused: ${res.statusCode}`), {
            status: res.statusCode,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
    });
    ws.once('error', (err) => reject(err));
  });
}

/** The refusal of an upgrade as {status, body}, or throws if the upgrade succeeded. */
export async function upgradeRefusal(
  sim: Simulator,
  o: ConnectOptions = {},
): Promise<{ status: number; body: string }> {
  try {
    const c = await connectWs(sim, o);
    c.close();
  } catch (err) {
    const e = err as { status?: number; body?: string };
    if (typeof e.status === 'number') return { status: e.status, body: e.body ?? '' };
    throw err;
  }
  throw new Error('the upgrade was expected to be refused but succeeded');
}
