// The orchestrator's REST reads a farm view needs (orchestrator-protocol.md §2): detection, the host list, each
// host's cached VMs (answered with 202, not 200) and the one live per-VM read, `/status`. Electron-free; it rides
// on a HubRestClient for auth and token refresh.
import { normalizeVmState } from '../../shared/model';
import { HubRequestError } from './errors';
import { parseJsonBody, type HttpResponse } from './http';
import { parseVm, type ParsedVm } from './channels/pdfm';
import type { HubRestClient } from './rest';
import type { VmAction } from '../../shared/model';

/**
 * The orchestrator forwarded an action to its host with GET and a v1.0.5+ host refused it (§2.6): a 404 whose
 * message contains `error on GET data from`. Nothing ran. `serverMessage` is the orchestrator's text, verbatim.
 */
class ForwardedActionRefused extends Error {
  constructor(readonly serverMessage: string) {
    super(serverMessage);
    this.name = 'ForwardedActionRefused';
  }
}

/** Why a forwarded action failed, read from the 404's message (§2.6: every forwarding failure becomes a 404). */
const GET_FORWARDING = 'error on GET data from';

/** What the orchestrator reads need from the single-host client. */
export type OrchestratorTransport = Pick<HubRestClient, 'request' | 'errorFor'>;

export interface FarmHostInfo {
  /** 64-hex id; equals body.host_id of events and host_id of VMs (§3.8). */
  id: string;
  /** `description`, else the bare host name of the URL: the server's own display rule (§2.2 `getHostName()`). */
  name: string;
  url: string;
  enabled: boolean;
  /** The live probe made for this answer (not stored by the server); null for a never-checked disabled host. */
  probe: 'healthy' | 'unhealthy' | null;
  /** `has_websocket_events`: the orchestrator's link to the host; may be stale-true after its restart (§4.2). */
  linked: boolean;
  devopsVersion: string | null;
}

export interface FarmVm extends ParsedVm {
  hostId: string;
  /** The host's *stored* state when the list was read: "unhealthy" means these are last-known values. */
  hostState: 'healthy' | 'unhealthy' | null;
}

export type FarmVmStatusResult =
  | { ok: true; vmId: string; state: string }
  /** 404: the VM is not in the orchestrator's cache (§2.5). */
  | { ok: false; reason: 'not-in-cache'; message: string }
  /** 400: the host is disabled or not healthy right now, so nothing live can be read. */
  | { ok: false; reason: 'host-unavailable'; message: string };

const is2xx = (res: HttpResponse): boolean => res.status >= 200 && res.status < 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(obj: Record<string, unknown>, key: string): string | null {
  const v = obj[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function hostState(value: unknown): 'healthy' | 'unhealthy' | null {
  return value === 'healthy' || value === 'unhealthy' ? value : null;
}

function bareHostName(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** One element of `GET /orchestrator/hosts`; null when it has no id (skipped, not fatal). */
function parseFarmHost(value: unknown): FarmHostInfo | null {
  if (!isRecord(value)) return null;
  const id = text(value, 'id');
  if (id === null) return null;
  const url = text(value, 'host') ?? '';
  return {
    id,
    name: text(value, 'description') ?? bareHostName(url),
    url,
    enabled: value.enabled !== false,
    probe: hostState(value.state),
    linked: value.has_websocket_events === true,
    devopsVersion: text(value, 'devops_version'),
  };
}

export class OrchestratorRestClient {
  constructor(private readonly rest: OrchestratorTransport) {}

  /**
   * True when the server answers the orchestrator's host list; false on 404, the answer of a server without the
   * module whatever the credentials (§1.3). Other failures (401, unreachable) are thrown: they decide nothing.
   */
  async detect(): Promise<boolean> {
    const res = await this.rest.request('GET', '/orchestrator/hosts', 'Detecting an orchestrator');
    if (res.status === 404) return false;
    if (!is2xx(res)) throw this.rest.errorFor(res, 'Detecting an orchestrator');
    return Array.isArray(parseJsonBody(res, 'Detecting an orchestrator'));
  }

  /** Every registered host the credentials may see, sorted by name (the server's order is random, §2.2). */
  async listHosts(): Promise<FarmHostInfo[]> {
    const what = 'Listing farm hosts';
    // Each call live-probes every host with a 3 s timeout: allow for it (§6.2 step 3).
    const res = await this.rest.request('GET', '/orchestrator/hosts', what, { timeoutMs: 15_000 });
    if (!is2xx(res)) throw this.rest.errorFor(res, what);
    const body = parseJsonBody(res, what);
    if (!Array.isArray(body))
      throw new HubRequestError('bad-response', `${what}: the answer is not a JSON array`);
    const hosts = body.map(parseFarmHost).filter((h): h is FarmHostInfo => h !== null);
    return hosts.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /**
   * One host's cached VMs, whatever its health (per host, not /orchestrator/machines, so that an unhealthy host
   * keeps its last-known VMs, §2.3/§2.4). Deduplicated by ID: hosts' lists may repeat a VM (§2.3).
   */
  async listHostMachines(hostId: string): Promise<FarmVm[]> {
    const what = 'Listing a farm host’s VMs';
    const res = await this.rest.request(
      'GET',
      `/orchestrator/hosts/${encodeURIComponent(hostId)}/machines`,
      what,
    );
    if (!is2xx(res)) throw this.rest.errorFor(res, what);
    const body = parseJsonBody(res, what);
    if (!Array.isArray(body))
      throw new HubRequestError('bad-response', `${what}: the answer is not a JSON array`);
    const seen = new Set<string>();
    const vms: FarmVm[] = [];
    for (const item of body) {
      const vm = parseVm(item);
      if (!vm || seen.has(vm.id)) continue;
      seen.add(vm.id);
      const state = isRecord(item) ? hostState(item.host_state) : null;
      // The outer host_id of the route is the key: a row's own host_id can only agree with it.
      vms.push({ ...vm, hostId, hostState: state });
    }
    return vms;
  }

  /** The live state of one VM: the orchestrator asks the host's prlctl (§2.5). */
  async vmStatus(hostId: string, vmId: string): Promise<FarmVmStatusResult> {
    const what = 'Reading a VM’s live state';
    const path = `/orchestrator/hosts/${encodeURIComponent(hostId)}/machines/${encodeURIComponent(vmId)}/status`;
    const res = await this.rest.request('GET', path, what);
    if (res.status === 404 || res.status === 400) {
      const error = this.rest.errorFor(res, what);
      return {
        ok: false,
        reason: res.status === 404 ? 'not-in-cache' : 'host-unavailable',
        message: error.message,
      };
    }
    if (!is2xx(res)) throw this.rest.errorFor(res, what);
    const body = parseJsonBody(res, what);
    const raw = isRecord(body) ? text(body, 'status') : null;
    const state = raw === null ? '' : normalizeVmState(raw);
    if (state === '') throw new HubRequestError('bad-response', `${what}: the answer has no status`);
    return { ok: true, vmId: (isRecord(body) && text(body, 'id')) || vmId, state };
  }

  /**
   * When the server's event emitter started: `GET /ws/stats` `start_time` (any authenticated caller, EH §8.7). It is
   * taken once per process (prl-devops-service `src/serviceprovider/eventEmitter/main.go:98` `NewEventEmitter()`,
   * served at :210/:611), so a new value means the orchestrator restarted (§1.4, §6.2 step 6). Null when the
   * answer has none (an older server): nothing can be told then.
   */
  async startTime(): Promise<string | null> {
    const what = 'Reading the orchestrator’s start time';
    const res = await this.rest.request('GET', '/ws/stats', what);
    if (!is2xx(res)) throw this.rest.errorFor(res, what);
    const body = parseJsonBody(res, what);
    return isRecord(body) ? text(body, 'start_time') : null;
  }

  /**
   * `PUT /orchestrator/machines/{vmId}/{action}` (§2.6, §6.7: by ID, never by name). The 200 only says the host
   * answered: the caller confirms the new state by event or `/status`. A GET-forwarding refusal throws
   * ForwardedActionRefused; other failures the usual HubRequestError.
   */
  async runAction(vmId: string, action: VmAction, force = false): Promise<{ message: string }> {
    const what = `${action[0]?.toUpperCase() ?? ''}${action.slice(1)}`;
    const path = `/orchestrator/machines/${encodeURIComponent(vmId)}/${action}`;
    const query = force && action === 'stop' ? { force: 'true' } : undefined;
    // The host runs it synchronously behind the orchestrator's 3-minute forward (§2.6).
    const res = await this.rest.request('PUT', path, what, { query, timeoutMs: 200_000 });
    if (is2xx(res)) {
      const body = parseBodyQuietly(res);
      const status = isRecord(body) ? text(body, 'status') : null;
      return { message: `${what}: ${status ?? 'done'}` };
    }
    const body = parseBodyQuietly(res);
    const message = isRecord(body) ? (text(body, 'message') ?? '') : res.text;
    if (res.status === 404 && message.includes(GET_FORWARDING)) throw new ForwardedActionRefused(message);
    throw this.rest.errorFor(res, what);
  }
}

function parseBodyQuietly(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    return null;
  }
}
