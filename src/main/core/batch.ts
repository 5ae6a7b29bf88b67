// Applies store changes in batches: every change made while one batch is open (typically: every frame of one
// socket read, see hub/connection.ts) becomes ONE store commit with one map copy, ONE event-log append, ONE
// notify-policy pass and ONE change notification. A change made outside a batch is a batch of one, so callers
// never have to open one; nested batches join the outer one.
//
// Reads made during a batch (sync asks "do we know this VM?" between two messages of the same batch) see the
// batch's own changes: they go to the draft, so the result is the same as applying the messages one by one.
import { vmKey, type ConnectionStatus, type HostId, type Vm } from '../../shared/model';
import { logEntryFor, policyInputFor, stateLogEntry, statePolicyInput, touchedVms } from './changes';
import { diffVm, diffVms, type VmChange } from './diff';
import type { NewHubEvent } from './event-log';
import type { PolicyInput } from '../notify/policy';
import { StoreDraft, type StoreAction, type StoreState } from './store';
import type { ChangeSource } from './sync';
import { VmJournal } from './vm-journal';
import { HostKeys, vmScope } from './host-keys';

export interface BatchResult {
  readonly log: readonly NewHubEvent[];
  readonly policy: readonly PolicyInput[];
  /** Something a snapshot shows changed (store, log, host status): emit once. */
  readonly changed: boolean;
}

interface Tx {
  readonly draft: StoreDraft;
  readonly log: NewHubEvent[];
  readonly policy: PolicyInput[];
  changed: boolean;
  /** The batch's time, read once: its changes arrived together (one socket read). */
  at: number | null;
  /** The last host name looked up (a batch is almost always one host's socket read). */
  hostId: HostId | null;
  hostName: string;
}

export class CoreBatcher {
  private committed: StoreState;
  private tx: Tx | null = null;
  /**
   * Whether `committed`'s maps were built by our own drafts and never handed out since (`store` hands them
   * out): then the next batch may write them in place, as nobody can observe the difference.
   */
  private ownsVms = false;
  private ownsHosts = false;
  /** Every VM key a batch wrote or deleted, for readers that want only what changed (pushes, the tray). */
  readonly journal = new VmJournal();
  /** Each host's VM keys, kept by the drafts, so a host's list never scans every host's VMs. */
  private readonly hostKeys = new HostKeys();

  constructor(
    initial: StoreState,
    private readonly d: {
      now: () => number;
      hostName: (hostId: HostId, farmHostId?: string) => string;
      /** Hosts (or `${hostId}/${farmHostId}` for a farm host) whose first list (the silent baseline) was applied. */
      synced: Set<HostId>;
      /** Called once per batch, after the store was committed. */
      commit: (result: BatchResult) => void;
    },
  ) {
    this.committed = initial;
  }

  /** The store as of the last commit. */
  get store(): StoreState {
    // Handed out: a reader (a memoised selector, a snapshot) may keep these maps, so copy before the next write.
    this.ownsVms = false;
    this.ownsHosts = false;
    return this.committed;
  }

  /** Runs `run` inside a batch (joining the open one, if any) and commits when the outermost batch ends. */
  batch<T>(run: () => T): T {
    if (this.tx) return run();
    const draft = new StoreDraft(this.committed, this.ownsVms, this.ownsHosts, this.journal, this.hostKeys);
    const tx: Tx = { draft, log: [], policy: [], changed: false, at: null, hostId: null, hostName: '' };
    this.tx = tx;
    try {
      return run();
    } finally {
      // Even when `run` throws, what it applied stays applied (as it would have one by one).
      this.tx = null;
      this.committed = draft.commit();
      if (draft.wroteVms) this.ownsVms = true;
      if (draft.wroteHosts) this.ownsHosts = true;
      if (tx.changed || tx.log.length > 0 || tx.policy.length > 0)
        this.d.commit({ log: tx.log, policy: tx.policy, changed: tx.changed });
    }
  }

  /**
   * The committed VM under `key`, read WITHOUT handing out the store (unlike `store`): a reader that only looks
   * up VMs cannot keep the map, so the next batch may still write it in place instead of copying every VM.
   */
  committedVm(key: string): Vm | undefined {
    return this.committed.vms.get(key);
  }

  /** The committed host statuses, to read at once and not keep (not handed out, see committedVm). */
  committedHosts(): ReadonlyMap<HostId, ConnectionStatus> {
    return this.committed.hosts;
  }

  /** Visits every committed VM without handing out the store (see committedVm). */
  forEachCommittedVm(visit: (vm: Vm) => void): void {
    for (const vm of this.committed.vms.values()) visit(vm);
  }

  /** The VM as of the latest change, including the open batch's. */
  getVm(hostId: HostId, vmId: string, farmHostId?: string): Vm | undefined {
    const key = vmKey(hostId, vmId, farmHostId);
    return this.tx ? this.tx.draft.get(key) : this.committed.vms.get(key);
  }

  /**
   * One store action from a host. The first list of a host is a silent baseline (remembered by the policy, not
   * logged); later changes become log entries and policy inputs, marked offline when a resync found them.
   */
  apply(hostId: HostId, action: StoreAction, source: ChangeSource): void {
    const tx = this.tx;
    if (!tx) {
      this.batch(() => this.apply(hostId, action, source));
      return;
    }
    if (action.type === 'replace-list') {
      this.applyList(tx, hostId, action, source);
      return;
    }
    if (vmIdOf(action) === null) {
      if (tx.draft.apply(action)) tx.changed = true;
      return;
    }
    // Single-VM action (the streaming hot path): compare the one VM before and after (the draft's last write).
    if (!tx.draft.apply(action)) return;
    tx.changed = true;
    const farm = farmHostOf(action);
    const before = tx.draft.lastWrittenBefore;
    const after = tx.draft.lastWrittenAfter;
    if (before && after && before.name === after.name) {
      // A plain state change (almost every streamed event): its one entry, without diffVm's array.
      if (before.state !== after.state) this.recordState(tx, hostId, farm, after, before.state, source);
      return;
    }
    this.record(tx, hostId, farm, diffVm(before, after), source);
  }

  private applyList(
    tx: Tx,
    hostId: HostId,
    action: Extract<StoreAction, { type: 'replace-list' }>,
    source: ChangeSource,
  ): void {
    const farm = action.farmHostId;
    // A farm host's first list is its own baseline (a host added to the farm later is not "20 VMs added").
    const scope = vmScope(hostId, farm);
    const baseline = !this.d.synced.has(scope);
    const effective = baseline ? { ...action, offline: false } : action;
    const before = baseline
      ? []
      : touchedVms(tx.draft.currentVms, hostId, effective, tx.draft.keysOf(hostId, farm));
    const changed = tx.draft.apply(effective);
    if (changed) tx.changed = true;
    if (baseline) {
      this.d.synced.add(scope);
      for (const vm of touchedVms(tx.draft.currentVms, hostId, effective, tx.draft.keysOf(hostId, farm))) {
        const seen: PolicyInput =
          vm.uptimeSeconds === undefined
            ? { type: 'vm-seen', hostId, vmId: vm.id, state: vm.state }
            : { type: 'vm-seen', hostId, vmId: vm.id, state: vm.state, uptimeSeconds: vm.uptimeSeconds };
        tx.policy.push(farm === undefined ? seen : { ...seen, farmHostId: farm });
      }
      return;
    }
    if (changed)
      this.record(
        tx,
        hostId,
        farm,
        diffVms(before, touchedVms(tx.draft.currentVms, hostId, effective, tx.draft.keysOf(hostId, farm))),
        source,
      );
  }

  /** Changes become log entries and policy inputs, marked offline when a resync found them. */
  private record(
    tx: Tx,
    hostId: HostId,
    farm: string | undefined,
    changes: readonly VmChange[],
    source: ChangeSource,
  ): void {
    for (const c of changes) this.recordOne(tx, hostId, farm, c, source);
  }

  private recordOne(
    tx: Tx,
    hostId: HostId,
    farm: string | undefined,
    c: VmChange,
    source: ChangeSource,
  ): void {
    const offline = source === 'resync';
    const at = (tx.at ??= this.d.now());
    tx.log.push(logEntryFor(c, hostId, at, offline, farm));
    const input = policyInputFor(c, hostId, this.hostName(tx, hostId, farm), at, offline, farm);
    if (input) tx.policy.push(input);
  }

  /** recordOne of a plain state change, from the VM and its previous state (no change object built). */
  private recordState(
    tx: Tx,
    hostId: HostId,
    farm: string | undefined,
    vm: Vm,
    from: string,
    source: ChangeSource,
  ): void {
    const offline = source === 'resync';
    const at = (tx.at ??= this.d.now());
    tx.log.push(stateLogEntry(vm.id, vm.name, from, vm.state, hostId, at, offline, farm));
    const hostName = this.hostName(tx, hostId, farm);
    const input = statePolicyInput(vm.id, vm.name, from, vm.state, hostId, hostName, at, offline, farm);
    if (input) tx.policy.push(input);
  }

  /** The name a notification shows: the host's, or for a farm VM the farm host's ("ci-mac-01 stopped · mac-07"). */
  private hostName(tx: Tx, hostId: HostId, farm: string | undefined): string {
    const scope = vmScope(hostId, farm);
    if (tx.hostId !== scope) {
      tx.hostId = scope;
      tx.hostName = this.d.hostName(hostId, farm);
    }
    return tx.hostName;
  }

  /** A policy input that is not a VM change (farm host unreachable / back), in this batch's order. */
  policy(input: PolicyInput): void {
    this.batch(() => {
      (this.tx as Tx).policy.push(input);
    });
  }

  setStatus(hostId: HostId, status: ConnectionStatus): void {
    this.batch(() => {
      const tx = this.tx as Tx;
      tx.draft.apply({ type: 'host-status', hostId, status });
      tx.changed = true;
    });
  }

  log(entry: NewHubEvent): void {
    this.batch(() => {
      const tx = this.tx as Tx;
      tx.log.push(entry);
      tx.changed = true;
    });
  }

  removeHost(hostId: HostId): void {
    this.batch(() => {
      const tx = this.tx as Tx;
      if (tx.draft.apply({ type: 'host-removed', hostId })) tx.changed = true;
    });
  }
}

function farmHostOf(action: StoreAction): string | undefined {
  return 'farmHostId' in action ? action.farmHostId : undefined;
}

/** The VM a single-VM action is about; null for host-level actions. */
function vmIdOf(action: StoreAction): string | null {
  switch (action.type) {
    case 'vm-state-changed':
    case 'vm-removed':
    case 'vm-uptime':
      return action.vmId;
    case 'vm-upsert':
      return action.vm.id;
    default:
      return null;
  }
}
