// The VM store: state keyed by (hostId, normalizeVmId(id)), changed only through a StoreDraft (one per batch,
// see core-batch.ts), plus selectors. Every action is an upsert or a delete, never an increment, so duplicated
// or reordered frames cannot corrupt it: applying the same action twice yields the same state (and the same
// object: a draft of no-ops commits `state` itself).
import { vmKey, isTransitionalState, type ConnectionStatus, type HostId, type Vm } from '../../shared/model';
import type { StoreState } from './store-state';
import type { VmJournal } from './vm-journal';
import { vmScope, type HostKeys } from './host-keys';
import { fromFields, merge, withState, type VmFields } from './vm-record';

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

/**
 * Whether a state event is stale: its previous_state disagrees with what we hold and it names a transitional
 * state. Producers broadcast from separate goroutines, so "stopping" can arrive after "stopped"; applying it
 * would show a VM stuck in "stopping". Sync confirms such VMs with GET /machines/{id} instead.
 */
function isStaleTransition(current: string, previousState: string | null, next: string): boolean {
  return previousState !== null && previousState !== current && isTransitionalState(next);
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
  private lastBefore: Vm | undefined = undefined;
  private lastAfter: Vm | undefined = undefined;
  /**
   * The VM under the key read or written last (a one-entry cache in front of the map). Why: one streamed event
   * reads its VM three times in a row (sync's "do we know it?", this apply, sync's "is it settling?") with the
   * very same key string, and a pointer compare is cheaper than a Map read. Every write goes through setVm or
   * deleteVm, which keep it right; a draft lives for one batch.
   */
  private cachedKey: string | null = null;
  private cachedVm: Vm | undefined = undefined;

  /**
   * `ownsVms` / `ownsHosts`: the caller guarantees that nobody but itself has seen `base`'s map since a draft
   * created it (core-batch.ts tracks this), so the draft may write that map in place instead of copying it.
   * Why: most batches are a handful of events, and copying 1,000 VMs per socket read dominated their cost.
   */
  constructor(
    private readonly base: StoreState,
    private readonly ownsVms = false,
    private readonly ownsHosts = false,
    /** Told every VM key this draft writes or deletes (pushes send only those VMs). */
    private readonly journal?: Pick<VmJournal, 'note'>,
    /** Each host's keys, kept by this draft's writes; absent: a host's VMs are found by scanning every key. */
    private readonly hostKeys?: HostKeys,
  ) {}

  /** The keys of a host's VMs (or of one farm host's) as of the last applied action (a copy). */
  keysOf(hostId: HostId, farmHostId?: string): string[] {
    if (this.hostKeys) return [...this.hostKeys.of(hostId, farmHostId)];
    const prefix = `${vmScope(hostId, farmHostId)}/`;
    return [...this.currentVms.keys()].filter((k) => k.startsWith(prefix));
  }

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
    if (key === this.cachedKey) return this.cachedVm;
    const vm = this.currentVms.get(key);
    this.cachedKey = key;
    this.cachedVm = vm;
    return vm;
  }

  /**
   * The VM the latest VM write replaced (undefined: it was new) and what it became (undefined: deleted): after a
   * single-VM action's apply returned true, that VM's before and after. Why: the batcher compared them by reading
   * the key before and after every streamed event, two Map reads of what the draft had in hand.
   */
  get lastWrittenBefore(): Vm | undefined {
    return this.lastBefore;
  }

  get lastWrittenAfter(): Vm | undefined {
    return this.lastAfter;
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

  /**
   * `old`: the VM this one replaces under the same key, if any. The host-key index notes a write only when the VM's
   * place (host, farm host) differs from `old`'s; a streamed state change keeps it, and skipping the index's own
   * lookup for it is one Map read less per event.
   */
  private setVm(key: string, vm: Vm, old?: Vm): void {
    this.writableVms().set(key, vm);
    this.lastBefore = old;
    this.lastAfter = vm;
    this.cachedKey = key;
    this.cachedVm = vm;
    this.journal?.note(key);
    if (old !== undefined && old.hostId === vm.hostId && old.farmHostId === vm.farmHostId) return;
    this.hostKeys?.note(key, vm);
  }

  private deleteVm(key: string): void {
    this.lastBefore = this.get(key);
    this.lastAfter = undefined;
    this.writableVms().delete(key);
    this.cachedKey = key;
    this.cachedVm = undefined;
    this.journal?.note(key);
    this.hostKeys?.note(key, undefined);
  }

  /**
   * Applies one action; returns whether anything changed. Applying many actions to one draft equals applying
   * each to a fresh draft in turn (test/unit/core/batch.test.ts holds it to that).
   */
  apply(action: StoreAction): boolean {
    switch (action.type) {
      case 'replace-list': {
        const farm = action.farmHostId;
        const fresh = new Map<string, VmFields>();
        for (const f of action.vms) fresh.set(vmKey(action.hostId, f.id, farm), f);
        const gone = this.keysOf(action.hostId, farm).filter((key) => !fresh.has(key));
        let changed = gone.length > 0;
        for (const key of gone) this.deleteVm(key);
        for (const [key, f] of fresh) {
          const old = this.get(key);
          const next = old
            ? merge(old, f, action.at, action.offline)
            : fromFields(action.hostId, farm, f, action.offline);
          if (next !== old) {
            this.setVm(key, next, old);
            changed = true;
          }
        }
        return changed;
      }
      case 'vm-state-changed': {
        const key = vmKey(action.hostId, action.vmId, action.farmHostId);
        const old = this.get(key);
        // Unknown VM: nothing to patch (no name in this event); sync fetches it.
        if (!old || old.state === action.state) return false;
        if (isStaleTransition(old.state, action.previousState, action.state)) return false;
        this.setVm(key, withState(old, action.state, action.at), old);
        return true;
      }
      case 'vm-upsert': {
        const key = vmKey(action.hostId, action.vm.id, action.farmHostId);
        const old = this.get(key);
        const next = old
          ? merge(old, action.vm, action.at, action.offline)
          : fromFields(action.hostId, action.farmHostId, action.vm, action.offline);
        if (next === old) return false;
        this.setVm(key, next, old);
        return true;
      }
      case 'vm-removed': {
        const key = vmKey(action.hostId, action.vmId, action.farmHostId);
        if (this.get(key) === undefined) return false;
        this.deleteVm(key);
        return true;
      }
      case 'vm-uptime': {
        const key = vmKey(action.hostId, action.vmId, action.farmHostId);
        const old = this.get(key);
        if (!old || old.uptimeSeconds === action.uptimeSeconds) return false;
        const { uptimeSeconds: _drop, ...rest } = old;
        const next: Vm =
          action.uptimeSeconds === undefined ? rest : { ...rest, uptimeSeconds: action.uptimeSeconds };
        this.setVm(key, next, old);
        return true;
      }
      case 'host-status': {
        const hosts = this.hosts ?? this.base.hosts;
        if (hosts.get(action.hostId) === action.status) return false;
        this.writableHosts().set(action.hostId, action.status);
        return true;
      }
      case 'host-removed': {
        const gone = this.keysOf(action.hostId);
        for (const key of gone) this.deleteVm(key);
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
