// The REST side of the hub: machines list/get, VM actions, server version, and the token lifecycle.
import type { VmAction } from '../../shared/model';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { parseTokenResponse, secretsOf, TokenManager, type HubAuth, type IssuedToken } from './auth';
import { errorForStatus, HubRequestError, describeErrorBody } from './errors';
import { httpRequest, parseJsonBody, tryParseJson, type HttpResponse } from './http';
import { parseMachineList, parseVm, type ParsedVm } from './channels/pdfm';
import { redact, safeUrl } from '../kernel/redact';
import type { TlsTrust } from './tls';
import { apiUrl, parseBaseUrl } from './urls';

export type { HubAuth } from './auth';

export interface HubRestOptions {
  baseUrl: string;
  auth: HubAuth;
  trust: TlsTrust;
  clock: Clock;
  /** Default 10 s. */
  timeoutMs?: number;
  /** Default 200 s: actions are synchronous on the server (prlctl with a 3 min timeout). */
  actionTimeoutMs?: number;
  /**
   * GET /machines/{id}; default 15 s. Its own, above the server's miss time: a VM the server does not have is
   * answered 404 only after 10 × 500 ms cache retries and a full `prlctl list` (≥ 5 s, protocol §8.2).
   */
  lookupTimeoutMs?: number;
  logger: Logger;
}

type Method = 'GET' | 'PUT' | 'POST';

export class HubRestClient {
  private readonly base: URL;
  private readonly tokens: TokenManager;
  private readonly timeoutMs: number;
  private readonly actionTimeoutMs: number;
  private readonly lookupTimeoutMs: number;
  private readonly secrets: string[];
  /** Learned from the first action: servers <= 1.0.4 only accept GET. */
  private actionMethod: 'PUT' | 'GET' = 'PUT';

  constructor(private readonly options: HubRestOptions) {
    this.base = parseBaseUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.actionTimeoutMs = options.actionTimeoutMs ?? 200_000;
    this.lookupTimeoutMs = Math.max(options.lookupTimeoutMs ?? 15_000, this.timeoutMs);
    this.secrets = secretsOf(options.auth);
    this.tokens = new TokenManager(options.auth, options.clock, (body) => this.fetchToken(body));
  }

  authHeaders(): Promise<Record<string, string>> {
    return this.tokens.headers();
  }

  refreshCredentials(): Promise<boolean> {
    return this.tokens.refresh();
  }

  async listMachines(): Promise<ParsedVm[]> {
    const res = await this.authorized('GET', '/machines', 'Listing VMs');
    if (res.status === 404 && isRouteNotFound(res)) {
      // The router's own 404: no `host` module on this server (controllers/main.go RegisterV1Handlers()).
      throw new HubRequestError(
        'no-machines-api',
        'This server has no machines API (orchestrator-only, or the host module is off): there are no VMs to list',
        { status: 404 },
      );
    }
    if (res.status !== 200) throw this.statusError(res, 'Listing VMs');
    return parseMachineList(parseJsonBody(res, 'Listing VMs'));
  }

  async getMachine(id: string): Promise<ParsedVm | null> {
    const res = await this.authorized('GET', `/machines/${encodeURIComponent(id)}`, 'Reading a VM', {
      timeoutMs: this.lookupTimeoutMs,
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.statusError(res, 'Reading a VM');
    const vm = parseVm(parseJsonBody(res, 'Reading a VM'));
    if (!vm)
      throw new HubRequestError(
        'bad-response',
        'Reading a VM: the answer is not a VM (no ID, Name or State)',
      );
    return vm;
  }

  async runAction(id: string, action: VmAction, force = false): Promise<{ message: string }> {
    const what = `${action[0]?.toUpperCase() ?? ''}${action.slice(1)}`;
    const path = `/machines/${encodeURIComponent(id)}/${action}`;
    const query = force && action === 'stop' ? { force: 'true' } : undefined;
    const first = this.actionMethod;
    let res = await this.authorized(first, path, what, { query, timeoutMs: this.actionTimeoutMs });
    if (isMethodMismatch(res)) {
      const other = first === 'PUT' ? 'GET' : 'PUT';
      this.options.logger.info('hub: VM action method mismatch, trying the other method', {
        status: res.status,
        method: other,
      });
      const second = await this.authorized(other, path, what, { query, timeoutMs: this.actionTimeoutMs });
      if (!isMethodMismatch(second)) {
        this.actionMethod = other;
        res = second;
      }
    }
    if (res.status !== 200) throw this.statusError(res, what);
    const body = tryParseJson(res.text);
    const status = isRecord(body) && typeof body.status === 'string' ? body.status : 'done';
    return { message: `${what}: ${status}` };
  }

  /** devops_version from /config/hardware; null when the credentials may not read it (LIST claim) or it is absent. */
  async serverInfo(): Promise<{ devopsVersion: string | null }> {
    let res: HttpResponse;
    try {
      res = await this.authorized('GET', '/config/hardware', 'Reading the server version');
    } catch (error) {
      if (error instanceof HubRequestError && error.kind === 'unauthorized') return { devopsVersion: null };
      throw error;
    }
    if (res.status === 401 || res.status === 403 || res.status === 404) return { devopsVersion: null };
    if (res.status !== 200) throw this.statusError(res, 'Reading the server version');
    const body = parseJsonBody(res, 'Reading the server version');
    const version =
      isRecord(body) && typeof body.devops_version === 'string' && body.devops_version !== ''
        ? body.devops_version
        : null;
    return { devopsVersion: version };
  }

  /**
   * An authorized request to another route family of the same server (the orchestrator's, hub/orchestrator-rest.ts),
   * sharing this client's token lifecycle; the caller judges the status with `errorFor`.
   */
  request(
    method: Method,
    path: string,
    what: string,
    extra: { query?: Record<string, string> | undefined; timeoutMs?: number } = {},
  ): Promise<HttpResponse> {
    return this.authorized(method, path, what, extra);
  }

  /** The typed, secret-free error for a non-success answer to `request`. */
  errorFor(res: HttpResponse, what: string): HubRequestError {
    return this.statusError(res, what);
  }

  /** A request with auth headers; one credential refresh and one retry on 401, then 'unauthorized'. */
  private async authorized(
    method: Method,
    path: string,
    what: string,
    extra: { query?: Record<string, string> | undefined; timeoutMs?: number } = {},
  ): Promise<HttpResponse> {
    const send = async (): Promise<HttpResponse> =>
      this.send(
        method,
        apiUrl(this.base, path, extra.query),
        await this.tokens.headers(),
        undefined,
        extra.timeoutMs,
      );
    const res = await send();
    if (res.status !== 401) return res;
    const refreshed = await this.tokens.refresh().catch((error: unknown) => {
      if (error instanceof HubRequestError && error.kind === 'unauthorized') return false;
      throw error;
    });
    if (!refreshed) throw this.statusError(res, what);
    const retry = await send();
    if (retry.status === 401) throw this.statusError(retry, what);
    return retry;
  }

  private async send(
    method: Method,
    url: URL,
    headers: Record<string, string>,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<HttpResponse> {
    this.options.logger.debug('hub: request', { method, url: safeUrl(url) });
    try {
      return await httpRequest({
        method,
        url,
        headers,
        body,
        trust: this.options.trust,
        timeoutMs: timeoutMs ?? this.timeoutMs,
      });
    } catch (error) {
      if (error instanceof HubRequestError) {
        // Belt and braces: our messages never embed secrets, but a peer-controlled string might echo one.
        const clean = redact(error.message, this.secrets);
        if (clean === error.message) throw error;
        const options = {
          ...(error.status !== undefined ? { status: error.status } : {}),
          ...(error.fingerprint !== undefined ? { fingerprint: error.fingerprint } : {}),
        };
        throw new HubRequestError(error.kind, clean, options);
      }
      throw error;
    }
  }

  private async fetchToken(body: Record<string, string>): Promise<IssuedToken> {
    const res = await this.send('POST', apiUrl(this.base, '/auth/token'), {}, body).catch(
      (error: unknown) => {
        throw signInTimeoutExplained(error);
      },
    );
    // The server answers a wrong password with 404 "Invalid user or Password" and an unknown user with 404
    // "user not found"; a 404 saying "resource … not found" is the router's: wrong URL or API prefix.
    if (res.status === 404 && isRouteNotFound(res)) {
      throw new HubRequestError(
        'bad-response',
        `This URL does not look like a DevOps Service API (${safeUrl(apiUrl(this.base, '/auth/token'))} was not found). Check the host URL and its API prefix.`,
        { status: 404 },
      );
    }
    if (res.status === 401 || res.status === 404 || res.status === 400) {
      const detail = describeErrorBody(tryParseJson(res.text));
      throw new HubRequestError(
        'unauthorized',
        `Credentials rejected by the host${detail ? ` (${redact(detail, this.secrets)})` : ''}`,
        { status: res.status },
      );
    }
    if (res.status !== 200) throw this.statusError(res, 'Signing in');
    return parseTokenResponse(parseJsonBody(res, 'Signing in'), this.options.clock.now());
  }

  private statusError(res: HttpResponse, what: string): HubRequestError {
    const error = errorForStatus(res.status, tryParseJson(res.text), what);
    const clean = redact(error.message, this.secrets);
    return clean === error.message ? error : new HubRequestError(error.kind, clean, { status: res.status });
  }
}

/**
 * A sign-in that timed out, with the likeliest reason a server that answers everything else is slow here: its
 * brute-force guard answers a user's 5th and later wrong passwords only after (failures - 4) × 5 s, counted across
 * every client and kept until a right password (security/brute_force_guard/main.go). Still a 'timeout' (retried
 * with backoff): a password and a slow network cannot be told apart from here.
 */
function signInTimeoutExplained(error: unknown): unknown {
  if (!(error instanceof HubRequestError) || error.kind !== 'timeout') return error;
  return new HubRequestError(
    'timeout',
    `Signing in: ${error.message}. The server slows down sign-ins after repeated wrong passwords: if this host's password changed, update it in Settings.`,
  );
}

/** restapi NotFoundController's body: `{"message":"resource <path> not found","code":404}` (no such route). */
function isRouteNotFound(res: HttpResponse): boolean {
  const body = tryParseJson(res.text);
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : res.text;
  return /^resource .* not found$/i.test(message.trim()) || /^404 page not found/i.test(res.text.trim());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * 405, or a 404 that is the router's "no such route" rather than a VM or prlctl error: the server predates (or
 * postdates) the method we used. VM-not-found and prlctl failures are 404 too, but say so in their message.
 */
function isMethodMismatch(res: HttpResponse): boolean {
  if (res.status === 405) return true;
  if (res.status !== 404) return false;
  const detail = describeErrorBody(tryParseJson(res.text)) ?? res.text;
  return !/virtual machine|not found: vm|exit status|err:|vm /i.test(detail);
}
