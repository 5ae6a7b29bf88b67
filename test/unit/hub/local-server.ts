// Minimal local HTTP + WebSocket servers for hub socket tests (127.0.0.1, ephemeral ports).
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

type HttpHandler = (req: Recorded, res: http.ServerResponse) => void;

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  readonly requests: Recorded[];
  readonly upgrades: Recorded[];
  readonly clients: Set<WebSocket>;
  handler: HttpHandler;
  /** Return a refusal to answer the upgrade with that HTTP status; null to accept. */
  onUpgrade: (req: Recorded) => { status: number; body: string } | null;
  /** Called for each accepted socket; the default sends the welcome. */
  onConnection: (ws: WebSocket, req: Recorded) => void;
  close(): Promise<void>;
}

export function welcomeFrame(subscriptions = ['pdfm', 'global'], clientId = 'client-1'): string {
  return JSON.stringify({
    id: 'w'.repeat(64),
    event_type: 'global',
    timestamp: '2026-08-18T10:15:00.481Z',
    message: 'WebSocket connection established subscribed to global by default',
    body: { client_id: clientId, subscriptions },
  });
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  409: 'Conflict',
  503: 'Service Unavailable',
  400: 'Bad Request',
};

export async function startLocalServer(
  server: http.Server | https.Server = http.createServer(),
  listenPort = 0,
): Promise<LocalServer> {
  const wss = new WebSocketServer({ noServer: true });
  const local: LocalServer = {
    url: '',
    port: 0,
    requests: [],
    upgrades: [],
    clients: new Set(),
    handler: (_req, res) => json(res, 404, { message: 'Not Found', code: 404 }),
    onUpgrade: () => null,
    onConnection: (ws) => ws.send(welcomeFrame()),
    close: async () => {
      for (const ws of local.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      local.requests.push(rec);
      local.handler(rec, res);
    });
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' };
    local.upgrades.push(rec);
    const refusal = local.onUpgrade(rec);
    if (refusal) {
      socket.end(
        `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(refusal.body)}\r\nConnection: close\r\n\r\n${refusal.body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      local.clients.add(ws);
      ws.on('close', () => local.clients.delete(ws));
      ws.on('error', () => undefined);
      local.onConnection(ws, rec);
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const scheme = server instanceof https.Server ? 'https' : 'http';
  Object.assign(local, { port, url: `${scheme}://127.0.0.1:${port}` });
  return local;
}
