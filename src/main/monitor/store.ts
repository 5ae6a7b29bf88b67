// The VM store: a pure reducer keyed by (hostId, normalizeVmId(id)) plus selectors.
// Every action is an upsert or a delete, never an increment, so duplicated or reordered frames cannot
// corrupt it: applying the same action twice yields the same state (and the same object: no-ops return `state`).
import {
  isTransitionalState,
  normalizeVmId,
  vmKey,
  type ConnectionStatus,
  type HostId,
  type Vm,
} from '../../shared/model';

/** The VM fields a REST item or an event's `new_vm` may carry (structurally the hub's ParsedVm). */
export interface VmFields {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
  readonly os?: string;
  readonly uptimeSeconds?: number;
}

export interface StoreState {
  /** Keyed by vmKey(hostId, id). */
  readonly vms: ReadonlyMap<string, Vm>;
  readonly hosts: ReadonlyMap<HostId, ConnectionStatus>;
}

export type StoreAction =
  /** A fresh GET /machines: the host's list becomes exactly this. `offline` marks changes found this way. */
  | {
      type: 'replace-list';
      hostId: HostId;
      vms: readonly VmFields[];
      at: number;
      offline: boolean;
    }
  | {
      type: 'vm-state-changed';
      hostId: HostId;
      vmId: string;
      previousState: string | null;
      state: string;
      at: number;
    }
  /** VM_ADDED / VM_UPDATED / GET /machines/{id}: absent fields keep what we knew. */
  | { type: 'vm-upsert'; hostId: HostId; vm: VmFields; at: number; offline: boolean }
  | { type: 'vm-removed'; hostId: HostId; vmId: string }
  | { type: 'vm-uptime'; hostId: HostId; vmId: string; uptimeSeconds: number | undefined }
  | { type: 'host-status'; hostId: HostId; status: ConnectionStatus }
  /** The host was removed from the settings: forget it and its VMs. */
  | { type: 'host-removed'; hostId: HostId };

export const emptyStore: StoreState = { vms: new Map(), hosts: new Map() };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * A VM we had not seen: its state did not begin under our eyes (an added VM, a baseline list, one found by a
 * resync), so it has no "since" — only a change we observe sets one.
 */
function fromFields(hostId: HostId, f: VmFields, offline: boolean): Vm {
  return {
    hostId,
    id: f.id,
    // An upsert of an unknown VM without a name still needs something to show; sync fetches the details.
    name: f.name ?? f.id,
    state: f.state ?? 'unknown',
    os: f.os ?? '',
    ...(f.uptimeSeconds === undefined ? {} : { uptimeSeconds: f.uptimeSeconds }),
    stateSince: null,
    changedWhileOffline: offline,
  };
}

/** Merge known fields; returns `old` itself when nothing changed. */
function merge(old: Vm, f: VmFields, at: number, offline: boolean): Vm {
  const name = f.name ?? old.name;
  const os = f.os ?? old.os;
  const state = f.state ?? old.state;
  const uptime = f.uptimeSeconds ?? old.uptimeSeconds;
  const stateChanged = !same(state, old.state);
  if (!stateChanged && name === old.name && os === old.os && uptime === old.uptimeSeconds) return old;
  return {
    hostId: old.hostId,
    // Keep the id spelling we first saw so keys shown in the UI do not flicker between {UPPER} and lower.
    id: old.id,
    name,
    state,
    os,
    ...(uptime === undefined ? {} : { uptimeSeconds: uptime }),
    stateSince: stateChanged ? at : old.stateSince,
    changedWhileOffline: stateChanged ? offline : old.changedWhileOffline,
  };
}

function withVms(state: StoreState, vms: Map<string, Vm>): StoreState {
  return { vms, hosts: state.hosts };
}

/**
 * Whether a state event is stale: its previous_state disagrees with what we hold and it names a transitional
 * state. Producers broadcast from separate goroutines, so "stopping" can arrive after "stopped"; applying it
 * would show a VM stuck in "stopping". Sync confirms such VMs with GET /machines/{id} instead.
 */
export function isStaleTransition(current: string, previousState: string | null, next: string): boolean {
  return previousState !== null && !same(previousState, current) && isTransitionalState(next);
}

export function reduce(state: StoreState, action: StoreAction): StoreState {
  switch (action.type) {
    case 'replace-list': {
      const vms = new Map(state.vms);
      const prefix = `${action.hostId}/`;
      const fresh = new Map<string, VmFields>();
      for (const f of action.vms) fresh.set(vmKey(action.hostId, f.id), f);
      let changed = false;
      for (const key of state.vms.keys()) {
        if (key.startsWith(prefix) && !fresh.has(key)) {
          vms.delete(key);
          changed = true;
        }
      }
      for (const [key, f] of fresh) {
        const old = state.vms.get(key);
        const next = old
          ? merge(old, f, action.at, action.offline)
          : fromFields(action.hostId, f, action.offline);
        if (next !== old) {
          vms.set(key, next);
          changed = true;
        }
      }
      return changed ? withVms(state, vms) : state;
    }
    case 'vm-state-changed': {
      const key = vmKey(action.hostId, action.vmId);
      const old = state.vms.get(key);
      // Unknown VM: nothing to patch (no name in this event); sync fetches it.
      if (!old || same(old.state, action.state)) return state;
      if (isStaleTransition(old.state, action.previousState, action.state)) return state;
      const next = merge(old, { id: old.id, state: action.state }, action.at, false);
      return withVms(state, new Map(state.vms).set(key, next));
    }
    case 'vm-upsert': {
      const key = vmKey(action.hostId, action.vm.id);
      const old = state.vms.get(key);
      const next = old
        ? merge(old, action.vm, action.at, action.offline)
        : fromFields(action.hostId, action.vm, action.offline);
      return next === old ? state : withVms(state, new Map(state.vms).set(key, next));
    }
    case 'vm-removed': {
      const key = vmKey(action.hostId, action.vmId);
      if (!state.vms.has(key)) return state;
      const vms = new Map(state.vms);
      vms.delete(key);
      return withVms(state, vms);
    }
    case 'vm-uptime': {
      const key = vmKey(action.hostId, action.vmId);
      const old = state.vms.get(key);
      if (!old || old.uptimeSeconds === action.uptimeSeconds) return state;
      const { uptimeSeconds: _drop, ...rest } = old;
      const next: Vm =
        action.uptimeSeconds === undefined ? rest : { ...rest, uptimeSeconds: action.uptimeSeconds };
      return withVms(state, new Map(state.vms).set(key, next));
    }
    case 'host-status': {
      if (state.hosts.get(action.hostId) === action.status) return state;
      return { vms: state.vms, hosts: new Map(state.hosts).set(action.hostId, action.status) };
    }
    case 'host-removed': {
      const prefix = `${action.hostId}/`;
      const vms = new Map([...state.vms].filter(([k]) => !k.startsWith(prefix)));
      const hosts = new Map(state.hosts);
      hosts.delete(action.hostId);
      return { vms, hosts };
    }
  }
}

// ---- selectors -------------------------------------------------------------------------------------------

export function getVm(state: StoreState, hostId: HostId, vmId: string): Vm | undefined {
  return state.vms.get(vmKey(hostId, vmId));
}

export function hostVms(state: StoreState, hostId: HostId): Vm[] {
  const prefix = `${hostId}/`;
  return [...state.vms].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Sorted by host (in the given order, unknown hosts last by id), then name (natural order), then id. */
export function selectVms(state: StoreState, hostOrder: readonly HostId[] = []): Vm[] {
  const rank = (h: HostId): number => {
    const i = hostOrder.indexOf(h);
    return i < 0 ? hostOrder.length : i;
  };
  return [...state.vms.values()].sort(
    (a, b) =>
      rank(a.hostId) - rank(b.hostId) ||
      collator.compare(a.hostId, b.hostId) ||
      collator.compare(a.name, b.name) ||
      collator.compare(normalizeVmId(a.id), normalizeVmId(b.id)),
  );
}

/** Counts by lower-cased state; for one host or (hostId undefined) overall. */
export function countByState(state: StoreState, hostId?: HostId): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const vm of state.vms.values()) {
    if (hostId !== undefined && vm.hostId !== hostId) continue;
    const s = vm.state.toLowerCase();
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/**
 * One word for the tray: 'none' (no hosts), 'problem' (a host needs the user: auth/TLS), 'offline' (a host
 * is not live), 'syncing' (connecting or syncing), else 'live'. Worst wins.
 */
export type AggregateStatus = 'none' | 'live' | 'syncing' | 'offline' | 'problem';

export function aggregateStatus(state: StoreState): AggregateStatus {
  const order: AggregateStatus[] = ['live', 'syncing', 'offline', 'problem'];
  let worst: AggregateStatus = 'none';
  for (const s of state.hosts.values()) {
    const level: AggregateStatus =
      s.tag === 'live' || s.tag === 'stopped' || s.tag === 'unconfigured'
        ? 'live'
        : s.tag === 'connecting' || s.tag === 'syncing'
          ? 'syncing'
          : s.tag === 'reconnecting'
            ? 'offline'
            : 'problem';
    if (worst === 'none' || order.indexOf(level) > order.indexOf(worst)) worst = level;
  }
  return worst;
}
