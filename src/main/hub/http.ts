// A small JSON-over-HTTP(S) helper on node:http/https: timeout, AbortSignal, body size cap, host-specific TLS
// trust, and network failures mapped to typed HubRequestErrors. Status codes are left to the caller.
import * as http from 'node:http';
import * as https from 'node:https';
import { formatDuration, HubRequestError } from './errors';
import { isTlsTrustError } from './close-classify';
import { fetchPeerFingerprint, normalizeFingerprint, portOf, tlsOptionsFor, type TlsTrust } from './tls';
import { describeTlsCode } from './tls-words';

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpRequestOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON. */
  readonly body?: unknown;
  readonly trust: TlsTrust;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxBodyBytes?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
]);

/** Origin only: what an error message may say about where we tried to go. */
function where(url: URL): string {
  return `${url.hostname}:${portOf(url)}`;
}

async function mapNetworkError(
  error: unknown,
  url: URL,
  timeoutMs: number,
  trust?: TlsTrust,
): Promise<HubRequestError> {
  if (error instanceof HubRequestError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (isTlsTrustError(code)) {
    // The rejected handshake does not hand us the certificate; read it with a probe so the user can approve it.
    try {
      const { fingerprint } = await fetchPeerFingerprint(url.hostname, portOf(url), timeoutMs);
      // A pinned host whose handshake fails with another certificate: that certificate is not the approved one.
      const changed =
        code === 'ERR_HUBWATCH_PIN_MISMATCH' ||
        (trust?.pinnedFingerprint != null && normalizeFingerprint(trust.pinnedFingerprint) !== fingerprint);
      const what = changed ? 'changed since you approved it' : describeTlsCode(code);
      return new HubRequestError('tls-untrusted', `The certificate of ${where(url)} ${what}`, {
        fingerprint,
      });
    } catch (probeError) {
      return probeError instanceof HubRequestError
        ? probeError
        : new HubRequestError('unreachable', `Cannot reach ${where(url)}`);
    }
  }
  if (code === 'ETIMEDOUT')
    return new HubRequestError('timeout', `${where(url)} did not answer within ${formatDuration(timeoutMs)}`);
  if (code && NETWORK_CODES.has(code)) {
    const text =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host not found'
          : code === 'ECONNRESET' || code === 'EPIPE'
            ? 'connection reset'
            : 'host unreachable';
    return new HubRequestError('unreachable', `Cannot reach ${where(url)} (${text})`);
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new HubRequestError(
      'unreachable',
      `TLS handshake with ${where(url)} failed — is this an http:// port?`,
    );
  }
  return new HubRequestError('unreachable', `Request to ${where(url)} failed (${code ?? 'network error'})`);
}

/** A pooled keep-alive socket the server had already closed (e.g. it restarted): safe to send again once. */
class StaleSocketError extends Error {}

/** Performs one request; never follows redirects; resolves for any HTTP status. */
export async function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  try {
    return await requestOnce(options);
  } catch (error) {
    // Node's documented keep-alive race (http.ClientRequest reusedSocket): the request never reached a live
    // server, so one fresh attempt is not a duplicate. Never for PUT (VM actions are not idempotent).
    if (error instanceof StaleSocketError) return requestOnce(options);
    throw error;
  }
}

async function requestOnce(options: HttpRequestOptions): Promise<HttpResponse> {
  const { url, timeoutMs, signal } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (signal?.aborted) throw new HubRequestError('cancelled', 'Request cancelled');
  const isHttps = url.protocol === 'https:';
  if (!isHttps && url.protocol !== 'http:')
    throw new HubRequestError('bad-response', `Unsupported URL scheme ${url.protocol}`);

  let tlsOptions: Awaited<ReturnType<typeof tlsOptionsFor>> = null;
  try {
    tlsOptions = await tlsOptionsFor(url, options.trust);
  } catch (error) {
    throw await mapNetworkError(error, url, timeoutMs, options.trust);
  }
  if (signal?.aborted) throw new HubRequestError('cancelled', 'Request cancelled');

  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(payload.length);
  }

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    // A pinned host reuses its keep-alive agent (built once per host+pin, tls-pinned.ts; a pin change gets a new
    // one, and idle sockets are unref'd). Others: one connection per request.
    const { pinnedAgent, ...tlsRest } = tlsOptions ?? {};
    const requestOptions: https.RequestOptions = {
      method: options.method,
      headers,
      agent: pinnedAgent ?? false,
      ...tlsRest,
    };
    const req = (isHttps ? https : http).request(url, requestOptions);

    const fail = (error: HubRequestError): void => {
      if (settled) return;
      settled = true;
      cleanup();
      req.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new HubRequestError('cancelled', 'Request cancelled'));
    const timer = setTimeout(
      () =>
        fail(
          new HubRequestError('timeout', `${where(url)} did not answer within ${formatDuration(timeoutMs)}`),
        ),
      timeoutMs,
    );
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
    function cleanup(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    req.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      const stale =
        req.reusedSocket &&
        options.method !== 'PUT' &&
        (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      if (stale) {
        settled = true;
        cleanup();
        reject(new StaleSocketError(error.message));
        return;
      }
      void mapNetworkError(error, url, timeoutMs, options.trust).then(fail);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          fail(
            new HubRequestError(
              'bad-response',
              `The response from ${where(url)} is larger than ${Math.round(maxBody / 1024 / 1024)} MiB`,
            ),
          );
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => {
        if (!settled) void mapNetworkError(error, url, timeoutMs, options.trust).then(fail);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(payload);
  });
}

/**
 * The JSON value of a response body, or a 'bad-response' error saying plainly what came back instead.
 * `null` is rejected unless allowNull: the hub answers `null` for some auth failures, never for data.
 */
export function parseJsonBody(
  res: HttpResponse,
  what: string,
  options: { allowNull?: boolean } = {},
): unknown {
  const text = res.text.trim();
  if (text === '')
    throw new HubRequestError('bad-response', `${what}: the server sent an empty body`, {
      status: res.status,
    });
  if (text.startsWith('<') || /text\/html/i.test(res.contentType)) {
    throw new HubRequestError(
      'bad-response',
      `${what}: the server sent an HTML page, not JSON — is the URL the Events Hub API (e.g. http://host:3080)?`,
      { status: res.status },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HubRequestError('bad-response', `${what}: the server's answer is not JSON`, {
      status: res.status,
    });
  }
  if (value === null && !options.allowNull)
    throw new HubRequestError('bad-response', `${what}: the server answered null`, { status: res.status });
  return value;
}

/** Like parseJsonBody, but for error bodies: never throws, undefined when there is nothing usable. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
