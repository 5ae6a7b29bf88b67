// The REST router: unauthenticated routes (token, health), then the auth middleware chain, then the handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { actionMethodFor } from './actions';
import { diagnosticsError, routeNotFound } from './bodies';
import { goJsonSyntaxError } from './go-json';
import { apiRoute, readBody, sendJson, sendText } from './http-util';
import { VALID_EVENT_TYPES } from './client-messages';
import type { RestContext } from './rest-context';
import { handleMachines } from './rest-machines';

export async function handleRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  ctx.stats.restRequests++;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = apiRoute(url.pathname, ctx.apiPrefix);
  const method = req.method ?? 'GET';
  if (route === null) return sendJson(res, 404, routeNotFound(url.pathname));

  // Unauthenticated routes.
  if (route === '/auth/token') {
    ctx.stats.tokenRequests++;
    return method === 'POST' ? handleToken(req, res, ctx) : sendJson(res, 405, undefined);
  }
  if (route === '/auth/token/validate' && method === 'POST') return handleValidate(req, res, ctx);
  if (route === '/health/probe' && method === 'GET') return sendJson(res, 200, { status: 'OK' });
  if (route === '/health/system' && method === 'GET') {
    return sendJson(res, 200, {
      healthy: true,
      message: 'All Services Running',
      services: [{ name: 'Parallels Desktop Service', healthy: true }],
    });
  }
  if (route === '/' && method === 'GET') return sendJson(res, 200, { timestamp: new Date().toISOString() });

  // gorilla/mux matches routes (method included) before the route's auth middleware runs. A wrong method on a VM
  // action falls through to NotFoundController: 404 "resource … not found", even without credentials
  // (http_listener.go registers one method-scoped sub-router per route; mux v1.8.1 Route.Match loses the
  // method-mismatch flag when a later route is tried; protocol doc §8.3).
  const action = /^\/machines\/[^/]+\/(start|stop|restart|suspend|resume|reset|pause)$/.exec(route);
  if (action && method !== actionMethodFor(ctx.devopsVersion()))
    return sendJson(res, 404, routeNotFound(url.pathname));
  // Without the host module the /machines routes are never registered (controllers/main.go).
  if (ctx.orchestratorOnly && (route === '/machines' || route.startsWith('/machines/')))
    return sendJson(res, 404, routeNotFound(url.pathname));

  const auth = ctx.auth.authenticate(req.headers, url.searchParams);
  if (!auth.ok) return sendJson(res, 401, auth.body);

  const segments = route
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  if (segments[0] === 'machines') return handleMachines(req, res, segments.slice(1), url.searchParams, ctx);
  if (route === '/config/hardware' && method === 'GET')
    return sendJson(res, 200, hardware(ctx.devopsVersion(), ctx.orchestratorOnly));
  if (route === '/ws/subscribe') {
    // Not a WS handshake: gorilla writes "Bad Request\n" as text, then the handler appends the diagnostics JSON.
    const text = `Bad Request\n${JSON.stringify(diagnosticsError("websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header", 400))}`;
    return sendText(res, 400, text);
  }
  if (route === '/ws/unsubscribe' && method === 'POST') return handleUnsubscribe(req, res, ctx);
  if (route === '/ws/clients' && method === 'GET') return sendJson(res, 200, ctx.hub.describe());
  if (route === '/ws/stats' && method === 'GET') {
    const clients = ctx.hub.describe();
    const typeStats = ctx.hub.typeStats();
    return sendJson(res, 200, {
      total_clients: clients.length,
      total_subscriptions: Object.values(typeStats).reduce((a, b) => a + b, 0),
      type_stats: typeStats,
      clients,
      messages_sent: 0, // never incremented by the real server
      start_time: new Date(ctx.startedAt).toISOString(),
      uptime: `${Math.round((Date.now() - ctx.startedAt) / 1000)}s`,
    });
  }
  return sendJson(res, 404, routeNotFound(url.pathname));
}

async function jsonBody(
  req: IncomingMessage,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; error: string }> {
  const raw = await readBody(req);
  const syntax = goJsonSyntaxError(raw);
  if (syntax !== null) return { ok: false, error: syntax };
  const value: unknown = JSON.parse(raw.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'invalid request body' };
  return { ok: true, value: value as Record<string, unknown> };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** GetTokenHandler(): email | username + password, or api_key. */
async function handleToken(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  const body = await jsonBody(req);
  if (!body.ok) return sendJson(res, 400, diagnosticsError(body.error, 400));
  const email = str(body.value.email);
  const username = str(body.value.username);
  const apiKey = str(body.value.api_key);
  const password = str(body.value.password);
  if (!email && !username && !apiKey) {
    return sendJson(res, 400, diagnosticsError('Either email, username or api_key must be provided', 400));
  }
  if (apiKey) {
    const key = ctx.auth.validateApiKey(apiKey);
    if (!key.ok) return sendJson(res, 401, diagnosticsError(key.error, 401));
    const { token, expiresAt } = ctx.auth.issueToken(ctx.auth.defaultUser, key.keyId);
    return sendJson(res, 200, { email: ctx.auth.defaultUser.email, token, expires_at: expiresAt });
  }
  if (!password)
    return sendJson(res, 400, diagnosticsError(`Password is required for ${email || username}`, 400));
  const user = ctx.auth.findUser(email || username);
  if (!user) return sendJson(res, 404, diagnosticsError('user not found', 404, 'error 404: user not found'));
  if (user.password !== password) {
    // The brute-force guard sleeps in the handler before the buffered 404 leaves (brute-force.ts).
    const { delayMs } = ctx.bruteForce.failed(user);
    if (delayMs > 0) await ctx.sleep(delayMs);
    // A bcrypt mismatch is not a SystemError, so NewFromError maps it to 404.
    return sendJson(res, 404, diagnosticsError('Invalid user or Password', 404, 'Invalid user or Password'));
  }
  ctx.bruteForce.succeeded(user);
  const { token, expiresAt } = ctx.auth.issueToken(user);
  return sendJson(res, 200, { email: user.email, token, expires_at: expiresAt });
}

async function handleValidate(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  const body = await jsonBody(req);
  if (!body.ok) return sendJson(res, 400, diagnosticsError(body.error, 400));
  const v = ctx.auth.verifyToken(str(body.value.token));
  return v.ok ? sendJson(res, 200, { valid: true }) : sendJson(res, 400, diagnosticsError(v.error, 400));
}

/** WebSocketUnsubscribeHandler() results (§8.6). */
async function handleUnsubscribe(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  if (ctx.emitterRefused())
    return sendJson(res, 503, diagnosticsError('EventEmitter service is not available', 503));
  const body = await jsonBody(req);
  if (!body.ok) return sendJson(res, 400, diagnosticsError(body.error, 400));
  const types = Array.isArray(body.value.event_types)
    ? body.value.event_types.filter((t): t is string => typeof t === 'string')
    : [];
  if (types.length === 0)
    return sendJson(res, 400, diagnosticsError('Invalid event_types body parameter', 400));
  const valid = types.filter((t) => VALID_EVENT_TYPES.includes(t));
  if (valid.length === 0) {
    const msg = `No valid event types to unsubscribe: invalid event type(s): ${types.join(', ')}. Valid types are: ${VALID_EVENT_TYPES.join(', ')}`;
    return sendJson(res, 400, diagnosticsError(msg, 400));
  }
  if (valid.every((t) => t === 'global'))
    return sendJson(res, 400, diagnosticsError('cannot unsubscribe from global event type', 400));
  const result = ctx.hub.unsubscribe(str(body.value.client_id), valid);
  if (!result.ok) return sendJson(res, 400, diagnosticsError(result.error, 400));
  if (valid.includes('global')) {
    const message = `cannot unsubscribe from global event type unsubscribed from: ${result.removed.join(', ')}`;
    return sendJson(res, 200, { message, code: 200 });
  }
  return sendJson(res, 200, undefined);
}

function hardware(devopsVersion: string, orchestratorOnly: boolean): Record<string, unknown> {
  return {
    cpu_type: 'arm64',
    cpu_brand: 'Apple M2 Pro',
    devops_version: devopsVersion,
    parallels_desktop_version: '26.1.0-57288',
    parallels_desktop_licensed: true,
    os_name: 'macOS',
    os_version: '26.1',
    enabled_modules: orchestratorOnly ? ['api', 'orchestrator'] : ['api', 'host'],
  };
}
