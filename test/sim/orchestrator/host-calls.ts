// What the orchestrator's HTTP client gets back when it calls a host (`src/serviceprovider/apiclient/main.go`
// `RequestData()`), and how those results become the orchestrator's own errors. The host side answers as the
// single-host simulator's rules say (EH §8.3 `SetVmState()` preconditions via ../actions).
import { actionMethodFor, operationName, planAction, type SimVmAction } from '../actions';
import { toParallelsVm } from '../parallels-vm';
import type { FarmHost } from './farm-host';

export type HostCallResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** A host answered non-2xx with an ApiErrorResponse: `error on <VERB> data from <url>, err: <code> message: <msg>`. */
function apiFailure(url: string, code: number, message: string): { ok: false; message: string } {
  return { ok: false, message: `error on GET data from ${url}, err: ${code} message: ${message}` };
}

/** No answer at all (refused, reset, timeout): `error <VERB> data on <url>, err: <net error>` (note the word order). */
function networkFailure(host: FarmHost, url: string): { ok: false; message: string } {
  const why =
    host.service === 'powered-off'
      ? 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)'
      : 'connect: connection refused';
  return {
    ok: false,
    message: `error GET data on ${url}, err: Get "${url}": dial tcp ${host.hostName}:3080: ${why}`,
  };
}

/** `CallGetHostVirtualMachineStatus()`: GET {host}/machines/{vmId}/status, answered from the host's prlctl. */
export function callHostStatus(
  host: FarmHost,
  vmId: string,
): HostCallResult<{ id: string; status: string; ip_configured: string }> {
  const url = `${host.baseUrl}/machines/${vmId}/status`;
  if (host.service !== 'up') return networkFailure(host, url);
  const vm = host.truth.byIdOrName(vmId);
  if (!vm) return apiFailure(url, 404, 'error 404: Virtual machine not found');
  const ip = toParallelsVm(vm).internal_ip_address;
  return { ok: true, value: { id: vm.id, status: vm.state, ip_configured: ip === '' ? '-' : String(ip) } };
}

export interface ActionDeps {
  sleep(ms: number): Promise<void>;
  actionDelayMs: number;
  /** Changes the host's truth (relayed as HOST_VM_STATE_CHANGED if the link is up). */
  setState(host: FarmHost, vmId: string, state: string): void;
}

/**
 * `Call<Action>HostVirtualMachine()`: the orchestrator forwards with **GET** in every version, and hosts from v1.0.5
 * register actions as PUT only (`src/controllers/machines.go`, commit 4dfbcc3), so a v1.0.5+ host answers the
 * NotFoundController 404 `resource <path> not found` (EH §8.3: gorilla loses the method mismatch) — ORCH §2.6.
 */
export async function callHostAction(
  host: FarmHost,
  vmId: string,
  action: SimVmAction,
  force: boolean,
  deps: ActionDeps,
): Promise<HostCallResult<{ id: string; operation: string; status: string }>> {
  const url = `${host.baseUrl}/machines/${vmId}/${action}`;
  if (host.service !== 'up') return networkFailure(host, url);
  if (actionMethodFor(host.devopsVersion) !== 'GET') {
    return apiFailure(url, 404, `resource /api/machines/${vmId}/${action} not found`);
  }
  const vm = host.truth.byIdOrName(vmId);
  if (!vm) return apiFailure(url, 404, 'error 404: Virtual machine not found');
  const plan = planAction(action, vm.state, force);
  if (plan.kind === 'error') return apiFailure(url, 400, `error: ${plan.message}`);
  if (plan.kind === 'run') {
    // Synchronous on the host: transitional state at once, the final one after the action's duration.
    const gap = plan.steps.length > 1 ? deps.actionDelayMs / (plan.steps.length - 1) : 0;
    for (const [i, state] of plan.steps.entries()) {
      if (i > 0) await deps.sleep(gap);
      if (!host.truth.byId(vm.id)) return apiFailure(url, 404, `Failed to ${action} VM ${vmId}`);
      deps.setState(host, vm.id, state);
    }
  }
  return { ok: true, value: { id: vmId, operation: operationName(action), status: 'Success' } };
}
