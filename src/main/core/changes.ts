// Pure: one store action's effect on one host, as VM changes (diff.ts), and those changes as event-log entries
// and notify-policy inputs. Kept apart from app-core so the mapping is table-testable.
import { vmKey, isTransitionalState, type HostId, type Vm } from '../../shared/model';
import type { VmChange } from './diff';
import type { NewHubEvent } from './event-log';
import type { PolicyInput } from '../notify/policy';
import type { StoreAction } from './store';
import { vmScope } from './host-keys';

/**
 * The VMs of `hostId` an action can change, as they are in `vms`: the host's whole list for a replace-list,
 * the one VM for single-VM actions (none for others). Read before and after applying the action, diffVms of
 * the two gives its changes.
 */
export function touchedVms(
  vms: ReadonlyMap<string, Vm>,
  hostId: HostId,
  action: StoreAction,
  /**
   * The host's keys (the farm host's, for a farm list) when the caller keeps an index (core/host-keys.ts): no scan
   * of every host's VMs.
   */
  hostKeys?: readonly string[],
): Vm[] {
  switch (action.type) {
    case 'replace-list': {
      const out: Vm[] = [];
      if (hostKeys) {
        for (const key of hostKeys) {
          const vm = vms.get(key);
          if (vm) out.push(vm);
        }
        return out;
      }
      const prefix = `${vmScope(hostId, action.farmHostId)}/`;
      for (const [key, vm] of vms) if (key.startsWith(prefix)) out.push(vm);
      return out;
    }
    case 'vm-upsert':
    case 'vm-removed':
    case 'vm-state-changed': {
      const id = action.type === 'vm-upsert' ? action.vm.id : action.vmId;
      const vm = vms.get(vmKey(hostId, id, action.farmHostId));
      return vm ? [vm] : [];
    }
    default:
      return [];
  }
}

// Object literals written out (no spreads): these run once per event when a farm changes at once, and
// spread-built objects were the largest single cost on that path.
export function logEntryFor(
  c: VmChange,
  hostId: HostId,
  at: number,
  offline: boolean,
  farmHostId?: string,
): NewHubEvent {
  let e: EntryDraft;
  switch (c.kind) {
    case 'state-changed':
      return stateLogEntry(c.vmId, c.vmName, c.from, c.to, hostId, at, offline, farmHostId);
    case 'added':
      e = { at, hostId, kind: 'added', vmId: c.vmId, vmName: c.vmName, to: c.state };
      break;
    case 'removed':
      e = { at, hostId, kind: 'removed', vmId: c.vmId, vmName: c.vmName, from: c.lastState };
      break;
    case 'renamed':
      e = { at, hostId, kind: 'renamed', vmId: c.vmId, vmName: c.vmName, from: c.from, to: c.to };
      break;
  }
  return marked(e, offline, farmHostId);
}

type EntryDraft = { -readonly [K in keyof NewHubEvent]: NewHubEvent[K] };

/** An entry found by a resync is marked offline; a farm VM's names its farm host (set, not spread: see above). */
function marked(e: EntryDraft, offline: boolean, farmHostId: string | undefined): NewHubEvent {
  if (offline) e.offline = true;
  if (farmHostId !== undefined) e.farmHostId = farmHostId;
  return e;
}

/**
 * logEntryFor of a 'state-changed' change, from its parts: the streaming hot path (core/batch.ts) builds its entry
 * without first building the change (one object less per event).
 */
export function stateLogEntry(
  vmId: string,
  vmName: string,
  from: string,
  to: string,
  hostId: HostId,
  at: number,
  offline: boolean,
  farmHostId?: string,
): NewHubEvent {
  return marked({ at, hostId, kind: 'state-changed', vmId, vmName, from, to }, offline, farmHostId);
}

/** policyInputFor of a 'state-changed' change, from its parts (see stateLogEntry). */
export function statePolicyInput(
  vmId: string,
  vmName: string,
  from: string,
  to: string,
  hostId: HostId,
  hostName: string,
  at: number,
  offline: boolean,
  farmHostId?: string,
): VmPolicyInput | null {
  // The policy ignores a move INTO a transitional state (it waits for the settled one): not even an input.
  if (isTransitionalState(to)) return null;
  const input: VmPolicyInput = { type: 'vm-state', hostId, hostName, vmId, vmName, from, to, offline, at };
  return farmHostId === undefined ? input : { ...input, farmHostId };
}

export function policyInputFor(
  c: VmChange,
  hostId: HostId,
  hostName: string,
  at: number,
  offline: boolean,
  farmHostId?: string,
): VmPolicyInput | null {
  const input = policyInputOf(c, hostId, hostName, at, offline);
  return input === null || farmHostId === undefined ? input : { ...input, farmHostId };
}

type VmPolicyInput = Extract<PolicyInput, { type: 'vm-state' | 'vm-added' | 'vm-removed' }>;

function policyInputOf(
  c: VmChange,
  hostId: HostId,
  hostName: string,
  at: number,
  offline: boolean,
): VmPolicyInput | null {
  const { vmId, vmName } = c;
  switch (c.kind) {
    case 'state-changed':
      return statePolicyInput(vmId, vmName, c.from, c.to, hostId, hostName, at, offline);
    case 'added':
      return { type: 'vm-added', hostId, hostName, vmId, vmName, state: c.state, offline, at };
    case 'removed':
      return { type: 'vm-removed', hostId, hostName, vmId, vmName, offline, at };
    case 'renamed':
      return null;
  }
}
