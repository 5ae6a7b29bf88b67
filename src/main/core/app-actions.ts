// A VM action from the popover: one pending entry per (entry, farm host, VM, action) while it runs (the popover shows
// it busy), the monitor's call, a log entry when it fails, and for a farm VM whose host refuses the orchestrator's
// GET-forwarded action (orchestrator-protocol.md §2.6, §6.7) the same action run directly on a single-host entry for
// that Mac when the user configured one.
import type { HostId, PendingAction, VmAction } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { CoreBatcher } from './batch';
import { errorMessage } from './hub-ports';
import type { HostMonitor } from './host-monitor';
import { FarmActionRefusedError } from './farm-monitor';
import { directEntryFor } from './farm-entries';

export interface ActionDeps {
  monitors: ReadonlyMap<HostId, HostMonitor>;
  hosts(): readonly HostConfig[];
  isFarm(hostId: HostId): boolean;
  core: CoreBatcher;
  now(): number;
  pending(): readonly PendingAction[];
  setPending(next: PendingAction[]): void;
}

export interface ActionRequest {
  hostId: HostId;
  vmId: string;
  action: VmAction;
  force?: boolean;
  farmHostId?: string;
}

export async function runCoreAction(d: ActionDeps, r: ActionRequest): Promise<{ message: string }> {
  const { hostId, vmId, action, farmHostId } = r;
  const monitor = d.monitors.get(hostId);
  if (!monitor) throw new Error('This host is not configured or is disabled.');
  if (
    d
      .pending()
      .some(
        (p) => p.hostId === hostId && p.vmId === vmId && p.farmHostId === farmHostId && p.action === action,
      )
  )
    throw new Error(`"${action}" is already running for this VM.`);
  const entry: PendingAction = {
    hostId,
    vmId,
    ...(farmHostId === undefined ? {} : { farmHostId }),
    action,
    startedAt: d.now(),
  };
  d.setPending([...d.pending(), entry]);
  try {
    try {
      return await monitor.runAction(vmId, action, r.force, farmHostId);
    } catch (err) {
      if (!(err instanceof FarmActionRefusedError)) throw err;
      return await runDirectly(d, r, err);
    }
  } catch (err) {
    const vm = d.core.getVm(hostId, vmId, farmHostId);
    d.core.log({
      at: d.now(),
      hostId,
      kind: 'action-failed',
      vmId,
      ...(farmHostId === undefined ? {} : { farmHostId }),
      ...(vm ? { vmName: vm.name } : {}),
      message: `${action} failed: ${errorMessage(err)}`,
    });
    throw err;
  } finally {
    d.setPending(d.pending().filter((p) => p !== entry));
  }
}

/** §6.7 "offer a direct-to-host action if credentials exist": the user's own entry for that Mac. */
async function runDirectly(
  d: ActionDeps,
  r: ActionRequest,
  refused: FarmActionRefusedError,
): Promise<{ message: string }> {
  const direct = directEntryFor(refused.farmHostUrl, d.hosts(), d.isFarm);
  const monitor = direct ? d.monitors.get(direct.id) : undefined;
  if (!direct || !monitor) throw refused;
  const { message } = await monitor.runAction(r.vmId, r.action, r.force);
  return {
    message: `${message} — run directly on ${direct.name}: the orchestrator cannot forward actions to ${refused.farmHostName}.`,
  };
}
