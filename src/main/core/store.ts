// The VM store: state keyed by (hostId, normalizeVmId(id)), changed only through a StoreDraft (one per batch,
// see core-batch.ts), plus selectors. Every action is an upsert or a delete, never an increment, so duplicated
// or reordered frames cannot corrupt it: applying the same action twice yields the same state (and the same
// object: a draft of no-ops commits `state` itself).
import { vmKey, isTransitionalState, type ConnectionStatus, type HostId, type Vm } from '../../shared/model';
import type { StoreState } from './store-state';

/** The VM fields a REST item or an event's `new_vm` may carry (structurally the hub's ParsedVm). */
interface VmFields {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
  readonly os?: string;
  readonly uptimeSeconds?: number;
  readonly ip?: string;
  readonly user?: string;
}

export type { StoreState };

// Farm mode: a VM action may carry `farmHostId` (the orchestrator's host id): the VM then belongs to the entry
// `hostId` AND that farm host, keyed vmKey(hostId, id, farmHostId), so a same-id VM on another farm host never
// collides with it (orchestrator-protocol.md §2.7). A replace-list with it replaces that farm host's VMs only.
export type StoreAction =
  /** A fresh GET /machines: the host's list becomes exactly this. `offline` marks changes found this way. */
  | {
      type: 'replace-list';
      hostId: HostId;
      farmHostId?: string;
      vms: readonly VmFields[];
      at: number;
      offline: boolean;
    }
  | {
      type: 'vm-state-changed';
      hostId: HostId;
      farmHostId?: string;
      vmId: string;
      previousState: string | null;
      state: string;
      at: number;
    }
  /** VM_ADDED / VM_UPDATED / GET /machines/{id}: absent fields keep what we knew. */
  | { type: 'vm-upsert'; hostId: HostId; farmHostId?: string; vm: VmFields; at: number; offline: boolean }
  | { type: 'vm-removed'; hostId: HostId; farmHostId?: string; vmId: string }
  | {
      type: 'vm-uptime';
      hostId: HostId;
      farmHostId?: string;
      vmId: string;
      uptimeSeconds: number | undefined;
    }
  | { type: 'host-status'; hostId: HostId; status: ConnectionStatus }
  /** The host was removed from the settings: forget it and its VMs. */
  | { type: 'host-removed'; hostId: HostId };

export const emptyStore: StoreState = { vms: new Map(), hosts: new Map() };

// Identical strings first: the common case, and it allocates no lower-cased copies.
const same = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase();

/** One VM object, with `uptimeSeconds` only when known. Written out (no spreads): this runs once per event. */
function vmOf(
  hostId: HostId,
  farmHostId: string | undefined,
  id: string,
  name: string,
  state: string,
  os: string,
  uptime: number | undefined,
  stateSince: number | null,
  changedWhileOffline: boolean,
  ip?: string,
  user?: string,
): Vm {
  const vm: { -readonly [K in keyof Vm]: Vm[K] } =
    uptime === undefined
      ? { hostId, id, name, state, os, stateSince, changedWhileOffline }
      : { hostId, id, name, state, os, uptimeSeconds: uptime, stateSince, changedWhileOffline };
  if (farmHostId !== undefined) vm.farmHostId = farmHostId;
  if (ip !== undefined) vm.ip = ip;
  if (user !== undefined) vm.user = user;
  return vm;
}

/**
 * A VM we had not seen: its state did not begin under our eyes (an added VM, a baseline list, one found by a
 * resync), so it has no "since" — only a change we observe sets one.
 */
function fromFields(hostId: HostId, farmHostId: string | undefined, f: VmFields, offline: boolean): Vm {
  // An upsert of an unknown VM without a name still needs something to show; sync fetches the details.
  return vmOf(
    hostId,
    farmHostId,
    f.id,
    f.name ?? f.id,
    f.state ?? 'unknown',
    f.os ?? '',
    f.uptimeSeconds,
    null,
    offline,
    f.ip,
    f.user,
  );
}

/** Merge known fields; returns `old` itself when nothing changed. */
function merge(old: Vm, f: VmFields, at: number, offline: boolean): Vm {
  const name = f.name ?? old.name;
  const os = f.os ?? old.os;
  const state = f.state ?? old.state;
  const uptime = f.uptimeSeconds ?? old.uptimeSeconds;
  const ip = f.ip ?? old.ip;
  const user = f.user ?? old.user;
  const stateChanged = !same(state, old.state);
  if (
    !stateChanged &&
    name === old.name &&
    os === old.os &&
    uptime === old.uptimeSeconds &&
    ip === old.ip &&
    user === old.user
  )
    return old;
  // Keep the id spelling we first saw so keys shown in the UI do not flicker between {UPPER} and lower.
  return vmOf(
    old.hostId,
    old.farmHostId,
    old.id,
    name,
    state,
    os,
    uptime,
    stateChanged ? at : old.stateSince,
    stateChanged ? offline : old.changedWhileOffline,
    ip,
    user,
  );
}

/**
 * Whether a state event is stale: its previous_state disagrees with what we hold and it names a transitional
 * state. Producers broadcast from separate goroutines, so "stopping" can arrive after "stopped"; applying it
 * would show a VM stuck in "stopping". Sync confirms such VMs with GET /machines/{id} instead.
 */
function isStaleTransition(current: string, previousState: string | null, next: string): boolean {
  return previousState !== null && !same(previousState, current) && isTransitionalState(next);
}

/**
 * A copy-on-write working copy of the store for applying many actions with at most ONE copy of each map.
 * Why: copying a 1,000-entry Map per event was a third of the per-event cost when a farm changes at once.
 * The draft copies `vms` / `hosts` on its first write and mutates its private copies afterwards; `commit()`
 * returns the original state object when nothing changed, so "no-op returns the same state" still holds.
 * Nobody else ever sees the private maps until commit, which is what keeps a draft without `ownsVms` /
 * `ownsHosts` pure: its input state is never mutated.
 */
export class StoreDraft {
  private vms: Map<string, Vm> | null = null;
  private hosts: Map<HostId, ConnectionStatus> | null = null;

  /**
   * `ownsVms` / `ownsHosts`: the caller guarantees that nobody but itself has seen `base`'s map since a draft
   * created it (core-batch.ts tracks this), so the draft may write that map in place instead of copying it.
   * Why: most batches are a handful of events, and copying 1,000 VMs per socket read dominated their cost.
   */
  constructor(
    private readonly base: StoreState,
    private readonly ownsVms = false,
    private readonly ownsHosts = false,
  ) {}

  /** Whether the committed state's VM map is one this draft wrote (fresh copy or the owned map). */
  get wroteVms(): boolean {
    return this.vms !== null;
  }

  get wroteHosts(): boolean {
    return this.hosts !== null;
  }

  /** The VMs as of the last applied action (read-only view; valid until the next apply). */
  get currentVms(): ReadonlyMap<string, Vm> {
    return this.vms ?? this.base.vms;
  }

  get(key: string): Vm | undefined {
    return this.currentVms.get(key);
  }

  commit(): StoreState {
    if (!this.vms && !this.hosts) return this.base;
    return { vms: this.vms ?? this.base.vms, hosts: this.hosts ?? this.base.hosts };
  }

  private writableVms(): Map<string, Vm> {
    this.vms ??= this.ownsVms ? (this.base.vms as Map<string, Vm>) : new Map(this.base.vms);
    return this.vms;
  }

  private writableHosts(): Map<HostId, ConnectionStatus> {
    this.hosts ??= this.ownsHosts
      ? (this.base.hosts as Map<HostId, ConnectionStatus>)
      : new Map(this.base.hosts);
    return this.hosts;
  }

  private setVm(key: string, vm: Vm): void {
    this.writableVms().set(key, vm);
  }

  /**
   * Applies one action; returns whether anything changed. Applying many actions to one draft equals applying
   * each to a fresh draft in turn (test/unit/core/batch.test.ts holds it to that).
   */
  apply(action: StoreAction): boolean {
    const vms = this.currentVms;
    switch (action.type) {
      case 'replace-list': {
        const farm = action.farmHostId;
        const prefix = farm === undefined ? `${action.hostId}/` : `${action.hostId}/${farm}/`;
        const fresh = new Map<string, VmFields>();
        for (const f of action.vms) fresh.set(vmKey(action.hostId, f.id, farm), f);
        const gone: string[] = [];
        for (const key of vms.keys()) if (key.startsWith(prefix) && !fresh.has(key)) gone.push(key);
        let changed = gone.length > 0;
        for (const key of gone) this.writableVms().delete(key);
        for (const [key, f] of fresh) {
          const old = this.get(key);
          const next = old
            ? merge(old, f, action.at, action.offline)
            : fromFields(action.hostId, farm, f, action.offline);
          if (next !== old) {
            this.setVm(key, next);
            changed = true;
          }
        }
        return changed;
      }
      case 'vm-state-changed': {
        const key = vmKey(action.hostId, action.vmId, action.farmHostId);
        const old = vms.get(key);
        // Unknown VM: nothing to patch (no name in this event); sync fetches it.
        if (!old || same(old.state, action.state)) return false;
        if (isStaleTransition(old.state, action.previousState, action.state)) return false;
        this.setVm(key, merge(old, { id: old.id, state: action.state }, action.at, false));
        return true;
      }
      case 'vm-upsert': {
        const key = vmKey(action.hostId, action.vm.id, action.farmHostId);
        const old = vms.get(key);
        const next = old
          ? merge(old, action.vm, action.at, action.offline)
          : fromFields(action.hostId, action.farmHostId, action.vm, action.offline);
        if (next === old) return false;
        this.setVm(key, next);
        return true;
      }
      case 'vm-removed': {
        const key = vmKey(action.hostId, action.vmId, action.farmHostId);
        if (!vms.has(key)) return false;
        this.writableVms().delete(key);
        return true;
      }
      case 'vm-uptime': {
        const key = vmKey(action.hostId, action.vmId, action.farmHostId);
        const old = vms.get(key);
        if (!old || old.uptimeSeconds === action.uptimeSeconds) return false;
        const { uptimeSeconds: _drop, ...rest } = old;
        const next: Vm =
          action.uptimeSeconds === undefined ? rest : { ...rest, uptimeSeconds: action.uptimeSeconds };
        this.setVm(key, next);
        return true;
      }
      case 'host-status': {
        const hosts = this.hosts ?? this.base.hosts;
        if (hosts.get(action.hostId) === action.status) return false;
        this.writableHosts().set(action.hostId, action.status);
        return true;
      }
      case 'host-removed': {
        const prefix = `${action.hostId}/`;
        const gone = [...vms.keys()].filter((k) => k.startsWith(prefix));
        for (const key of gone) this.writableVms().delete(key);
        const hadHost = (this.hosts ?? this.base.hosts).has(action.hostId);
        if (hadHost) {
          this.writableHosts().delete(action.hostId);
        }
        return gone.length > 0 || hadHost;
      }
    }
  }
}

// Selectors live in store-selectors.ts (re-exported so importers keep one entry point).
export { aggregateStatus, countByState, createVmSelector, getVm, selectVms } from './store-selectors';
