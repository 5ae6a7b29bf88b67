// WS upgrade sequence (protocol doc §3.3): auth middleware -> emitter running? -> per-IP limit (legacy) -> upgrade.
// Refusals are written on the raw socket so the real status codes and bodies reach the client.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { AuthService } from './auth';
import { apiError, diagnosticsError } from './bodies';
import { parseEventTypes } from './client-messages';
import { apiRoute, clientIp } from './http-util';
import type { Hub } from './hub';
import type { SimStats } from './types';

export interface UpgradeDeps {
  auth: AuthService;
  hub: Hub;
  wss: WebSocketServer;
  stats: SimStats;
  refusedStatus: () => 503 | null;
  legacyOnePerIp: () => boolean;
  /** API_PREFIX, default "/api". */
  apiPrefix: string;
}

function rejectUpgrade(socket: Duplex, status: number, body: unknown, stats: SimStats): void {
  stats.wsRejected[status] = (stats.wsRejected[status] ?? 0) + 1;
  const text = JSON.stringify(body);
  socket.on('error', () => undefined);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}

export function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, deps: UpgradeDeps): void {
  deps.stats.wsUpgradeAttempts++;
  socket.on('error', () => undefined);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (apiRoute(url.pathname, deps.apiPrefix) !== '/ws/subscribe' || req.method !== 'GET') {
    return rejectUpgrade(socket, 404, apiError('Not Found', 404), deps.stats);
  }
  const auth = deps.auth.authenticate(req.headers, url.searchParams);
  if (!auth.ok) return rejectUpgrade(socket, 401, auth.body, deps.stats);

  const refused = deps.refusedStatus();
  if (refused !== null) {
    return rejectUpgrade(
      socket,
      refused,
      diagnosticsError('EventEmitter service is not available', refused),
      deps.stats,
    );
  }
  const ip = clientIp(req);
  if (deps.legacyOnePerIp() && deps.hub.countForIp(ip) > 0) {
    const text = `IP address ${ip} already has an active WebSocket connection`;
    return rejectUpgrade(socket, 409, diagnosticsError(text, 409), deps.stats);
  }
  const subscriptions = parseEventTypes(url.searchParams.get('event_types'));
  deps.wss.handleUpgrade(req, socket, head, (ws) => {
    deps.hub.accept(ws, ip, subscriptions);
  });
}
