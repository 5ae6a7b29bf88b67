// /machines routes (protocol doc §8.1-8.3): list, get by id-or-name, status, rename, delete, synchronous actions.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { actionMethodFor, isVmAction, operationName, planAction } from './actions';
import { apiError } from './bodies';
import { readBody, sendJson } from './http-util';
import { toParallelsVm } from './parallels-vm';
import type { RestContext } from './rest-context';

const NOT_FOUND = apiError('error 404: Virtual machine not found', 404);

export async function handleMachines(
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  query: URLSearchParams,
  ctx: RestContext,
): Promise<void> {
  const method = req.method ?? 'GET';
  const [key, sub] = segments;
  if (segments.length > 2) return sendJson(res, 404, apiError('Not Found', 404));

  if (key === undefined) {
    if (method !== 'GET') return sendJson(res, 405, undefined);
    const fault = ctx.listFault();
    // A hung list: the request is never answered (the client's own timeout must end it).
    if (fault === 'hang') return;
    if (fault === 500)
      return sendJson(res, 500, apiError('error 500: exit status 1: prlctl list failed (simulated)', 500));
    const list = ctx.store.all().map(toParallelsVm);
    return sendJson(res, 200, applyXFilter(list, headerValue(req.headers['x-filter'])));
  }

  if (sub === undefined) {
    const vm = ctx.store.byIdOrName(key);
    if (method === 'GET') {
      const done = ctx.noteLookup();
      if (vm) {
        done();
        return sendJson(res, 200, toParallelsVm(vm));
      }
      // findVmInCacheAndSystem(): 10 × 500 ms cache retries, then a full prlctl list, before the 404 (§8.2).
      await ctx.sleep(ctx.missDelayMs);
      done();
      return sendJson(res, 404, NOT_FOUND);
    }
    if (method === 'DELETE') {
      if (!vm) return sendJson(res, 404, NOT_FOUND);
      ctx.events.removeVm(vm.id);
      return sendJson(res, 202, undefined);
    }
    return sendJson(res, 405, undefined);
  }

  if (sub === 'status') {
    if (method !== 'GET') return sendJson(res, 405, undefined);
    const vm = ctx.store.byIdOrName(key);
    if (!vm) return sendJson(res, 404, NOT_FOUND);
    const ip = toParallelsVm(vm).internal_ip_address;
    return sendJson(res, 200, { id: vm.id, status: vm.state, ip_configured: ip === '' ? '-' : ip });
  }

  if (sub === 'rename') {
    if (method !== 'PUT') return sendJson(res, 405, undefined);
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      return sendJson(res, 400, apiError('invalid request body', 400));
    }
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const id = typeof b.id === 'string' ? b.id : key; // an explicit "id" in the body overrides the path
    const newName = b.new_name;
    if (typeof newName !== 'string' || newName.trim() === '')
      return sendJson(res, 400, apiError('New name cannot be empty', 400));
    const vm = ctx.store.byIdOrName(id);
    if (!vm) return sendJson(res, 404, NOT_FOUND);
    ctx.events.renameVm(vm.id, newName);
    return sendJson(res, 200, toParallelsVm({ ...vm, name: newName }));
  }

  if (!isVmAction(sub)) return sendJson(res, 404, apiError('Not Found', 404));
  // Wrong method: answered by NotFoundController in rest.ts before auth (§8.3); kept here for direct callers.
  if (method !== actionMethodFor(ctx.devopsVersion()))
    return sendJson(res, 404, apiError(`resource ${req.url ?? ''} not found`, 404));
  const vm = ctx.store.byIdOrName(key);
  if (!vm) return sendJson(res, 404, NOT_FOUND);
  const plan = planAction(sub, vm.state, sub === 'stop' && query.get('force') === 'true');
  if (plan.kind === 'error') return sendJson(res, 400, apiError(`error: ${plan.message}`, 400));
  if (plan.kind === 'run') {
    // prlctl runs to completion even if the HTTP client goes away; monitor-events reports each transition.
    const gap = plan.steps.length > 1 ? ctx.actionDelayMs / (plan.steps.length - 1) : 0;
    for (const [i, state] of plan.steps.entries()) {
      if (i > 0) await ctx.sleep(gap);
      if (!ctx.store.byId(vm.id)) {
        return sendJson(
          res,
          404,
          apiError(`Failed to ${sub} VM ${key}: not found, err: exit status 255`, 404),
        );
      }
      ctx.events.setState(vm.id, state);
    }
  }
  return sendJson(res, 200, { id: key, operation: operationName(sub), status: 'Success' });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** `X-Filter: <field>=<regex>[,i]` (data/filter_layer.go): field by JSON key, case-insensitively. */
function applyXFilter(
  list: Record<string, unknown>[],
  filter: string | undefined,
): Record<string, unknown>[] {
  if (!filter) return list;
  const eq = filter.indexOf('=');
  if (eq <= 0) return list;
  const field = filter.slice(0, eq).trim().toLowerCase();
  let pattern = filter.slice(eq + 1);
  let flags = '';
  if (pattern.endsWith(',i')) {
    pattern = pattern.slice(0, -2);
    flags = 'i';
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch {
    return list;
  }
  return list.filter((vm) => {
    const k = Object.keys(vm).find((name) => name.toLowerCase() === field);
    return k !== undefined && re.test(String(vm[k]));
  });
}
