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
  return marked(new StateChangeEntry(at, hostId, vmId, vmName, from, to), offline, farmHostId);
}

// Why the two per-event objects below are built with `new`, not as object literals: V8 keeps an allocation site per
// object literal, and once the objects made at a site all survived a young-generation collection (a stream's first
// entries wait in the lazy log's unread queue, a batch's inputs until its commit), it allocates every later object
// of that site straight in the old generation ("pretenuring"; node --trace-pretenuring-statistics showed two sites
// tenured during core-cost's warm-up). Old-generation allocation with its write barriers then cost more than the
// whole rest of the batcher: the two literals held ~7 % of a streaming host's CPU profile, and with the flag
// --no-allocation-site-pretenuring their lines vanished from it. A constructor call has no allocation site, so
// these short-lived objects stay young. Same own properties, in the same order, as the literals they replace.

class StateChangeEntry {
  at: number;
  hostId: HostId;
  kind: 'state-changed';
  vmId: string;
  vmName: string;
  from: string;
  to: string;
  constructor(at: number, hostId: HostId, vmId: string, vmName: string, from: string, to: string) {
    this.at = at;
    this.hostId = hostId;
    this.kind = 'state-changed';
    this.vmId = vmId;
    this.vmName = vmName;
    this.from = from;
    this.to = to;
  }
}

class VmStateInput {
  type: 'vm-state';
  hostId: HostId;
  hostName: string;
  vmId: string;
  vmName: string;
  from: string;
  to: string;
  offline: boolean;
  at: number;
  constructor(
    hostId: HostId,
    hostName: string,
    vmId: string,
    vmName: string,
    from: string,
    to: string,
    offline: boolean,
    at: number,
  ) {
    this.type = 'vm-state';
    this.hostId = hostId;
    this.hostName = hostName;
    this.vmId = vmId;
    this.vmName = vmName;
    this.from = from;
    this.to = to;
    this.offline = offline;
    this.at = at;
  }
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
  return onFarmHost(new VmStateInput(hostId, hostName, vmId, vmName, from, to, offline, at), farmHostId);
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
  return input === null ? null : onFarmHost(input, farmHostId);
}

/** A policy input of a VM behind an orchestrator names its farm host; a direct host's input stays as built. */
function onFarmHost(input: VmPolicyInput, farmHostId: string | undefined): VmPolicyInput {
  return farmHostId === undefined ? input : { ...input, farmHostId };
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
