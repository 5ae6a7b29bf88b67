// The orchestrator's REST routes (ORCH §2; handlers in `src/controllers/orchestrator.go`). Everything else (auth
// token, health probe, /ws/stats …) is the single-host simulator's router, passed in as `fallback`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isVmAction } from '../actions';
import type { AuthService } from '../auth';
import { apiError } from '../bodies';
import { apiRoute, sendJson } from '../http-util';
import type { Rng } from '../rng';
import type { SimVm } from '../types';
import type { FarmHost } from './farm-host';
import { callHostAction, callHostStatus, type ActionDeps } from './host-calls';
import { toHostResponse, toOrchestratorVm } from './shapes';
import type { OrchestratorSimStats } from './types';

export interface FarmRestContext extends ActionDeps {
  auth: AuthService;
  stats: OrchestratorSimStats;
  rng: Rng;
  hosts(): FarmHost[];
  /** `getOrchestratorHostUnsafe()`: the id, or the full host URL, case-insensitively. */
  findHost(idOrUrl: string): FarmHost | undefined;
  /** `GetHostHealthCheckState()`: unauthenticated /health/probe with a 3 s timeout, not stored. */
  probe(host: FarmHost): Promise<'healthy' | 'unhealthy'>;
  /** `Refresh()` (X-No-Cache): full refresh of every host in the background; the answer stays stale. */
  requestRefresh(): void;
  removeHost(pathValue: string): boolean;
  setEnabled(host: FarmHost, enabled: boolean): void;
  lookupRetryMs: number;
  devopsVersion: string;
  fallback(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** The `errors.NewWithCodef` family serialises as "error <code>: <text>" (`src/errors/main.go` `Error()`). */
const sysError = (code: number, text: string): { message: string; code: number } =>
  apiError(`error ${code}: ${text}`, code);

/** gorilla/mux falls through to NotFoundController on a method mismatch (EH §8.3). */
const notFound = (res: ServerResponse, path: string): void =>
  sendJson(res, 404, apiError(`resource ${path} not found`, 404));

/** Linux orchestrator (Docker): `host` is stripped, so there is no /machines (ORCH §1.2). */
const LINUX_MODULES = ['api', 'orchestrator', 'catalog_manager'];

export async function handleFarmRest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: FarmRestContext,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = apiRoute(url.pathname);
  const segments = (route ?? '')
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const top = segments[0];
  if (top !== 'orchestrator' && top !== 'machines' && route !== '/config/hardware')
    return ctx.fallback(req, res);
  ctx.stats.restRequests++;
  if (top === 'machines') return notFound(res, url.pathname);

  const auth = ctx.auth.authenticate(req.headers, url.searchParams);
  if (!auth.ok) return sendJson(res, 401, auth.body);
  const method = req.method ?? 'GET';
  if (route === '/config/hardware') {
    if (method !== 'GET') return notFound(res, url.pathname);
    return sendJson(res, 200, {
      cpu_type: 'x86_64',
      cpu_brand: 'Intel Xeon',
      devops_version: ctx.devopsVersion,
      os_name: 'linux',
      os_version: 'Debian 12',
      enabled_modules: LINUX_MODULES,
    });
  }
  // Only the VM reads honour X-No-Cache (`GetVirtualMachines()`, `GetHostVirtualMachines()`, ORCH §2.1).
  if (req.headers['x-no-cache'] === 'true' && method === 'GET' && segments.includes('machines'))
    ctx.requestRefresh();
  const rest = segments.slice(1);
  if (rest[0] === 'hosts') return hostRoutes(res, method, rest.slice(1), url, ctx);
  if (rest[0] === 'machines') return machineRoutes(res, method, rest.slice(1), url, ctx);
  return notFound(res, url.pathname);
}

async function hostRoutes(
  res: ServerResponse,
  method: string,
  seg: string[],
  url: URL,
  ctx: FarmRestContext,
): Promise<void> {
  const [hostKey, sub, vmId, leaf] = seg;
  if (hostKey === undefined) {
    if (method !== 'GET') return notFound(res, url.pathname);
    ctx.stats.hostTableReads++;
    return sendJson(res, 200, await listHosts(ctx));
  }
  if (sub === undefined && method === 'DELETE') {
    ctx.removeHost(hostKey);
    // `UnregisterOrchestratorHostHandler()` ignores the error: always 202.
    return sendJson(res, 202, undefined);
  }
  const host = ctx.findHost(hostKey);
  if (!host) return sendJson(res, 404, sysError(404, 'host not found'));
  if (sub === undefined) {
    if (method !== 'GET') return notFound(res, url.pathname);
    const state = host.enabled ? await ctx.probe(host) : host.storedState;
    return sendJson(res, 200, toHostResponse(host, state));
  }
  if ((sub === 'enable' || sub === 'disable') && vmId === undefined) {
    if (method !== 'PUT') return notFound(res, url.pathname);
    ctx.setEnabled(host, sub === 'enable');
    return sendJson(res, 200, toHostResponse(host, host.storedState));
  }
  if (sub !== 'machines') return notFound(res, url.pathname);
  if (vmId === undefined) {
    if (method !== 'GET') return notFound(res, url.pathname);
    ctx.stats.machineLists[host.id] = (ctx.stats.machineLists[host.id] ?? 0) + 1;
    // Cached VMs whatever the host's health or `enabled` flag (`GetOrchestratorHostVirtualMachines()`).
    return sendJson(
      res,
      202,
      host.cache.map((vm) => toOrchestratorVm(vm, host)),
    );
  }
  if (leaf === undefined) {
    if (method !== 'GET') return notFound(res, url.pathname);
    const vm = host.cachedVmCaseInsensitive(vmId);
    if (!vm) return sendJson(res, 404, sysError(404, 'host virtual machine not found'));
    return sendJson(res, 202, toOrchestratorVm(vm, host));
  }
  if (leaf === 'status') {
    if (method !== 'GET') return notFound(res, url.pathname);
    return hostVmStatus(res, host, vmId, ctx);
  }
  if (!isVmAction(leaf) || method !== 'PUT') return notFound(res, url.pathname);
  // The host-scoped action route checks the *stored* state (`StartHostVirtualMachine()`).
  if (!host.enabled) return sendJson(res, 400, sysError(400, `Host ${host.id} is disabled`));
  if (host.storedState !== 'healthy')
    return sendJson(res, 400, sysError(400, `Host ${host.id} is not healthy`));
  const vm = host.cachedVm(vmId);
  if (!vm) return sendJson(res, 404, sysError(404, `Virtual machine ${vmId} not found on host ${host.id}`));
  return forwardAction(res, host, vm.id, leaf, url, ctx);
}

async function machineRoutes(
  res: ServerResponse,
  method: string,
  seg: string[],
  url: URL,
  ctx: FarmRestContext,
): Promise<void> {
  const [key, leaf] = seg;
  if (seg.length > 2) return notFound(res, url.pathname);
  if (key === undefined) {
    if (method !== 'GET') return notFound(res, url.pathname);
    // Only healthy, enabled hosts; hosts in "last update first" order (ORCH §2.3).
    const hosts = visibleHosts(ctx).sort((a, b) => b.touchedAt - a.touchedAt);
    return sendJson(
      res,
      202,
      hosts.flatMap((h) => h.cache.map((vm) => toOrchestratorVm(vm, h))),
    );
  }
  if (leaf !== undefined && leaf !== 'status' && (!isVmAction(leaf) || method !== 'PUT'))
    return notFound(res, url.pathname);
  if ((leaf === undefined || leaf === 'status') && method !== 'GET') return notFound(res, url.pathname);
  const found = await findVmWithRetry(key, ctx);
  if (!found) return sendJson(res, 404, sysError(404, `Virtual machine ${key} not found`));
  const [host, vm] = found;
  if (leaf === undefined) return sendJson(res, 202, toOrchestratorVm(vm, host));
  if (leaf === 'status') return hostVmStatus(res, host, key, ctx);
  if (!host.enabled) return sendJson(res, 400, sysError(400, `Host ${host.id} is disabled`));
  if (host.storedState !== 'healthy')
    return sendJson(res, 400, sysError(400, `Host ${host.id} is not healthy`));
  // The second lookup is by ID only: a VM *name* passed the first one and fails here (ORCH §2.6). The text is
  // the nil-VM branch of `StartHostVirtualMachine()`.
  if (!host.cachedVm(key))
    return sendJson(res, 404, sysError(404, `Virtual machine ${key} not found on host ${host.id}`));
  if (!isVmAction(leaf)) return notFound(res, url.pathname);
  return forwardAction(res, host, key, leaf, url, ctx);
}

async function listHosts(ctx: FarmRestContext): Promise<Record<string, unknown>[]> {
  // Probes run in parallel and are appended as they finish: the order is random (ORCH §2.2).
  const out: Record<string, unknown>[] = [];
  await Promise.all(
    ctx.hosts().map(async (h) => {
      const state = h.enabled ? await ctx.probe(h) : h.storedState;
      out.push(toHostResponse(h, state));
    }),
  );
  for (let i = out.length - 1; i > 0; i--) {
    const j = ctx.rng.int(i + 1);
    [out[i], out[j]] = [out[j] as Record<string, unknown>, out[i] as Record<string, unknown>];
  }
  return out;
}

function visibleHosts(ctx: FarmRestContext): FarmHost[] {
  return ctx.hosts().filter((h) => h.enabled && h.storedState === 'healthy');
}

/** `findVmById()`: ID or name, case-insensitive, first match in host order; a miss is retried 10 x 1 s. */
async function findVmWithRetry(key: string, ctx: FarmRestContext): Promise<[FarmHost, SimVm] | null> {
  const k = key.toLowerCase();
  for (let attempt = 0; attempt < 10; attempt++) {
    if (attempt > 0) await ctx.sleep(ctx.lookupRetryMs);
    for (const h of visibleHosts(ctx)) {
      const vm = h.cache.find((v) => v.id.toLowerCase() === k || v.name.toLowerCase() === k);
      if (vm) return [h, vm];
    }
  }
  return null;
}

/** The only live VM read (ORCH §2.5): cache check, live host probe, then the host's prlctl. */
async function hostVmStatus(res: ServerResponse, host: FarmHost, vmId: string, ctx: FarmRestContext) {
  if (!host.enabled) return sendJson(res, 400, sysError(400, `Host ${host.id} is disabled`));
  if ((await ctx.probe(host)) !== 'healthy')
    return sendJson(res, 400, sysError(400, `Host ${host.id} is not healthy`));
  const vm = host.cachedVmCaseInsensitive(vmId);
  if (!vm) return sendJson(res, 404, sysError(404, `Virtual machine ${vmId} not found on host ${host.id}`));
  ctx.stats.statusReads++;
  const result = callHostStatus(host, vm.id);
  // A plain (non-SystemError) error maps to 404 (`models.NewFromError()`).
  return result.ok ? sendJson(res, 202, result.value) : sendJson(res, 404, apiError(result.message, 404));
}

async function forwardAction(
  res: ServerResponse,
  host: FarmHost,
  vmId: string,
  action: Parameters<typeof callHostAction>[2],
  url: URL,
  ctx: FarmRestContext,
): Promise<void> {
  const force = action === 'stop' && url.searchParams.get('force') === 'true';
  const result = await callHostAction(host, vmId, action, force, ctx);
  return result.ok ? sendJson(res, 200, result.value) : sendJson(res, 404, apiError(result.message, 404));
}
