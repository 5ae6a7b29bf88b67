// "Test connection" in Settings: the real checks, in the order a user can act on, stopping at the first failure.
// 1 reachability + TLS, 2 is it an Events Hub, 3 credentials and what answered (a single Mac or an orchestrator),
// 4 the WebSocket's welcome on the channel that kind of server is watched through.
import type { Clock, Timers } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { hubAuthFor } from '../../shared/hub-auth';
import { describeTokenLifetime } from '../../shared/jwt';
import type { ConnectionTestResult, HostConfig } from '../../shared/settings';
import { HubConnection, type ConnectionEvent } from './connection';
import { formatDuration, HubRequestError } from './errors';
import { httpRequest, tryParseJson } from './http';
import { redact } from '../kernel/redact';
import { HubRestClient } from './rest';
import type { TlsTrust } from './tls';
import { healthUrl, parseBaseUrl } from './urls';
import { DEFAULT_EVENT_TYPES } from './channels';
import { detectOrchestrator, measureFarm, ORCHESTRATOR_EVENT_TYPE } from './test-connection-farm';
import type { HostKind } from '../../shared/model';

export interface TestConnectionDeps {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Per step; default 10 000. */
  timeoutMs?: number;
}

/** Maps a failed step's error to the single outcome the settings page shows. */
function outcomeFor(error: unknown, secrets: readonly string[]): ConnectionTestResult {
  if (!(error instanceof HubRequestError)) {
    return { kind: 'error', detail: redact(error instanceof Error ? error.message : String(error), secrets) };
  }
  const detail = redact(error.message, secrets);
  switch (error.kind) {
    case 'unreachable':
    case 'timeout':
      return { kind: 'unreachable', detail };
    case 'tls-untrusted':
      return error.fingerprint
        ? { kind: 'tls-untrusted', fingerprint: error.fingerprint, detail }
        : { kind: 'error', detail };
    case 'unauthorized':
      return { kind: 'credentials-rejected', detail };
    default:
      return { kind: 'error', detail };
  }
}

async function probeHealth(
  base: URL,
  trust: TlsTrust,
  timeoutMs: number,
): Promise<ConnectionTestResult | null> {
  const res = await httpRequest({ method: 'GET', url: healthUrl(base), trust, timeoutMs });
  const notHub = (why: string): ConnectionTestResult => ({
    kind: 'not-events-hub',
    detail: `${why} at ${base.host}: this does not look like a Parallels DevOps Service (check the port and path)`,
  });
  if (res.status === 404) return notHub('No health endpoint (HTTP 404)');
  if (res.status !== 200) return notHub(`The health check answered HTTP ${res.status}`);
  const body = tryParseJson(res.text);
  if (
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    typeof (body as Record<string, unknown>).status !== 'string'
  ) {
    return notHub('The health check did not answer JSON');
  }
  return null;
}

/** Opens the WebSocket on `eventTypes`, waits for the welcome, closes. Resolves with the outcome. */
function probeWebSocket(
  host: HostConfig,
  rest: HubRestClient,
  trust: TlsTrust,
  deps: TestConnectionDeps,
  timeoutMs: number,
  eventTypes: readonly string[],
): Promise<ConnectionTestResult | { subscriptions: string[] }> {
  const connection = new HubConnection({
    baseUrl: host.url,
    eventTypes: [...eventTypes],
    rest,
    trust,
    clock: deps.clock,
    timers: deps.timers,
    logger: deps.logger,
    handshakeTimeoutMs: timeoutMs,
  });
  return new Promise((resolve) => {
    let done = false;
    const settle = (value: ConnectionTestResult | { subscriptions: string[] }): void => {
      if (done) return;
      done = true;
      deps.timers.clearTimeout(timer);
      unsubscribe();
      void connection.stop().then(() => resolve(value));
    };
    const timer = deps.timers.setTimeout(
      () =>
        settle({
          kind: 'error',
          detail: `The WebSocket did not send its welcome within ${formatDuration(timeoutMs)}`,
        }),
      timeoutMs,
    );
    const unsubscribe = connection.onEvent((event: ConnectionEvent) => {
      if (event.type === 'open') settle({ subscriptions: event.subscriptions });
      else if (event.type === 'auth-failed')
        settle({ kind: 'credentials-rejected', detail: `WebSocket: ${event.message}` });
      else if (event.type === 'tls-untrusted')
        settle({ kind: 'tls-untrusted', fingerprint: event.fingerprint, detail: event.message });
      else if (event.type === 'retry-scheduled')
        settle({ kind: 'error', detail: `The WebSocket connection failed: ${event.lastError}` });
    });
    connection.start();
  });
}

/** A single Mac's VMs; a server without the machines API is not something Hubwatch can watch as a host. */
async function countHostVms(rest: HubRestClient): Promise<{ vmCount: number } | ConnectionTestResult> {
  try {
    return { vmCount: (await rest.listMachines()).length };
  } catch (error) {
    // The router's 404 on /machines: the host module is off; the credentials were accepted, so report it plainly.
    if (
      error instanceof HubRequestError &&
      (error.kind === 'no-machines-api' || error.kind === 'not-found')
    ) {
      return {
        kind: 'not-events-hub',
        detail: 'The host answers but has no machines API (is the host module enabled?)',
      };
    }
    throw error;
  }
}

export async function testHubConnection(
  host: HostConfig,
  secret: string | null,
  deps: TestConnectionDeps,
): Promise<ConnectionTestResult> {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const secrets = secret ? [secret] : [];
  const trust: TlsTrust = { pinnedFingerprint: host.pinnedFingerprint };
  try {
    const base = parseBaseUrl(host.url);

    // 1 + 2: the health probe needs no credentials, so it tests reachability, TLS and "is this a hub" first.
    const notHub = await probeHealth(base, trust, timeoutMs);
    if (notHub) return notHub;

    // 3: credentials.
    if (!secret) {
      const what = host.auth === 'token' ? 'token' : host.auth === 'api-key' ? 'API key secret' : 'password';
      return { kind: 'credentials-rejected', detail: `No ${what} is set for this host` };
    }
    const rest = new HubRestClient({
      baseUrl: host.url,
      auth: hubAuthFor(host, secret),
      trust,
      clock: deps.clock,
      timeoutMs,
      logger: deps.logger,
    });
    // Credentials are checked by the first authorized call: the detection (an orchestrator's route, §1.3).
    const detectedKind: HostKind = (await detectOrchestrator(rest)) ? 'orchestrator' : 'host';
    const size = detectedKind === 'orchestrator' ? await measureFarm(rest) : await countHostVms(rest);
    if ('kind' in size) return size;
    const { devopsVersion } = await rest.serverInfo().catch(() => ({ devopsVersion: null }));

    // 4: the WebSocket itself, with the same credentials, on the channel this kind is watched through.
    const eventTypes = detectedKind === 'orchestrator' ? [ORCHESTRATOR_EVENT_TYPE] : DEFAULT_EVENT_TYPES;
    const ws = await probeWebSocket(host, rest, trust, deps, timeoutMs, eventTypes);
    if (!('subscriptions' in ws))
      return { ...ws, detail: redact(ws.detail, secrets) } as ConnectionTestResult;
    // Every server accepts the `orchestrator` subscription (§1.3), so only its absence from the welcome says something:
    // events would never come (§6.2 step 1).
    if (detectedKind === 'orchestrator' && !ws.subscriptions.includes(ORCHESTRATOR_EVENT_TYPE)) {
      return {
        kind: 'error',
        detail: `The orchestrator's WebSocket did not confirm the ${ORCHESTRATOR_EVENT_TYPE} subscription (it sent: ${ws.subscriptions.join(', ') || 'none'})`,
      };
    }
    const lifetime = host.auth === 'token' ? describeTokenLifetime(secret, deps.clock.now()) : null;
    return {
      kind: 'ok',
      serverVersion: devopsVersion,
      subscriptions: ws.subscriptions,
      detectedKind,
      ...size,
      ...(lifetime ? { tokenLifetime: lifetime } : {}),
    };
  } catch (error) {
    return outcomeFor(error, secrets);
  }
}
