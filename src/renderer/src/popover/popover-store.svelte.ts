/* eslint-disable svelte/prefer-svelte-reactivity -- every Map/Set here is immutable once built: updates replace
   the whole collection in a $state.raw field or rebuild it in a $derived, so reactive collections would add cost for nothing. */
// The popover's state: the latest snapshot from main plus purely visual UI state (search, collapsed hosts,
// the open action sheet, per-VM action errors). Main owns the truth; this only renders and asks.
import type { PopoverApi, VmRef } from '../../../shared/ipc';
import type { HostId, PendingAction, Snapshot, Vm, VmAction } from '../../../shared/model';
import { vmKey, vmKeyOf } from '../../../shared/model';
import { filterVms } from '../lib/filter';
import { groupIdOf } from '../lib/vm-groups';
import { vmItemKey } from '../lib/vm-list';
import { describeFailure } from '../lib/bridge';
import { readPushGeneration, readStatePush } from '../../../shared/state-push';
import { SnapshotModel } from '../../../shared/snapshot-model';
import { pullRest } from './rest-of-snapshot';
import { afterFramePresented } from '../lib/after-frame';

export interface ActionOutcome {
  readonly ok: boolean;
  readonly message: string;
}

/** What main needs to find a VM: its entry, id and, behind an orchestrator, its Mac. */
function vmRef(vm: Vm): VmRef {
  return vm.farmHostId === undefined
    ? { hostId: vm.hostId, vmId: vm.id }
    : { hostId: vm.hostId, vmId: vm.id, farmHostId: vm.farmHostId };
}

export class PopoverStore {
  snapshot = $state.raw<Snapshot | null>(null);
  loadError = $state<string | null>(null);
  query = $state('');
  /** A header count pressed as a filter (`running`, `busy`, …), or null for all VMs. */
  countFilter = $state<string | null>(null);
  /** Collapsed VM groups (vm-groups.ts groupIdOf: an entry id, or `entry/farmHost` behind an orchestrator). */
  collapsed = $state.raw<ReadonlySet<string>>(new Set());
  /** The host filter: one group's id, or null for every host. */
  hostFilter = $state<string | null>(null);
  /** List-item key (see vmItemKey) of the VM whose action sheet is open. */
  openKey = $state<string | null>(null);
  /** List-item key of the row the keyboard cursor is on (a VM or a host header). */
  activeKey = $state<string | null>(null);
  /** List-item key to flash (after a notification or event click) and a counter that asks the list to scroll. */
  highlightKey = $state<string | null>(null);
  revealSeq = $state(0);
  /** Last outcome per vmKey; failures keep the server's reason until the next try. */
  outcomes = $state.raw<ReadonlyMap<string, ActionOutcome>>(new Map());
  /** Requests sent but not yet answered (the snapshot's `pending` may lag by a frame). */
  inFlight = $state.raw<ReadonlySet<string>>(new Set());

  readonly pendingByKey = $derived(
    new Map<string, PendingAction>(
      (this.snapshot?.pending ?? []).map((p) => [vmKey(p.hostId, p.vmId, p.farmHostId), p]),
    ),
  );
  readonly muted = $derived(new Set(this.snapshot?.mutedVms ?? []));
  readonly vmsByKey = $derived(new Map<string, Vm>((this.snapshot?.vms ?? []).map((v) => [vmKeyOf(v), v])));

  readonly #api: PopoverApi;
  /** Main's state as rebuilt from the pushes (full, then deltas); published to `snapshot` once per frame. */
  readonly #model = new SnapshotModel();
  /** A full snapshot was asked for and has not arrived: deltas until then cannot be applied. */
  #resyncing = false;
  /** The first-screen pull was made (it is made once per page). */
  #pulledFirstScreen = false;
  #frame: number | null = null;
  #highlightTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: PopoverApi) {
    this.#api = api;
  }

  get api(): PopoverApi {
    return this.#api;
  }

  /**
   * Older snapshots never replace newer ones (a slow pull can land after a push), and a first-screen snapshot
   * never replaces a whole one (it is only a head start).
   */
  apply(next: Snapshot): void {
    if (this.snapshot !== null && next.generatedAt < this.snapshot.generatedAt) return;
    if (next.firstScreen !== undefined && this.snapshot !== null && this.snapshot.firstScreen === undefined)
      return;
    this.snapshot = next;
    this.loadError = null;
  }

  /**
   * Every push is applied to the model at once (a delta builds on the one before it, so none may be skipped);
   * the page re-renders once per animation frame, so a burst of pushes costs one update. A push that does not
   * build on what the model holds (a gap) asks main for a full snapshot and is dropped.
   */
  push(raw: unknown): void {
    const push = readStatePush(raw);
    const outcome = push === null ? 'gap' : this.#model.apply(push);
    if (outcome === 'gap') {
      this.#requestFullState();
      return;
    }
    // Held: it builds on the whole snapshot still coming in slices (applied with it). Stale: already held.
    if (push === null || outcome !== 'applied') return;
    if ('full' in push) this.#resyncing = false;
    if (this.#frame !== null) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = null;
      if (this.#model.current !== null) this.apply(this.#model.current);
    });
  }

  #requestFullState(): void {
    if (this.#resyncing) return;
    this.#resyncing = true;
    void this.#api.requestFullState().then(
      (result) => {
        if (!result.ok) this.#resyncing = false;
      },
      () => {
        this.#resyncing = false;
      },
    );
  }

  /**
   * The first pull asks for the first screen only (shared/first-screen.ts) and, once that frame is on screen,
   * pulls the rest in slices (rest-of-snapshot.ts): the first frame no longer waits for the clone of the whole
   * farm, and no single task afterwards holds it either. The whole snapshot (pulled at once or assembled) is the
   * base main's next push builds on when main gives it a push generation (#takeWhole). Later pulls (the page
   * shown again before any push, or the fallback when a slice fails) ask for everything at once.
   */
  async pull(): Promise<void> {
    const firstScreen = this.snapshot === null && !this.#pulledFirstScreen;
    this.#pulledFirstScreen = true;
    try {
      const result = await this.#api.getSnapshot(firstScreen ? { firstScreen: true } : undefined);
      if (!result.ok) {
        this.loadError = result.error;
        return;
      }
      const { pushGeneration, ...pulled } = result.value;
      if (pulled.firstScreen === undefined) {
        this.#takeWhole(pulled, readPushGeneration(pushGeneration));
        return;
      }
      this.apply(pulled);
      const base = readPushGeneration(pulled.firstScreen.rest?.pushGeneration);
      if (base !== null) this.#model.expectBase(base);
      this.#followUpAfterFirstFrame(pulled, base);
    } catch (error) {
      this.loadError = describeFailure(error);
    }
  }

  /**
   * After the frame that shows the first screen has been presented (the second animation frame), in a task of
   * its own. Only while that first screen is still what the page shows: a whole snapshot (a push) that lands
   * first, or between two slices, ends it. A failed slice falls back to one whole pull; if that fails too, the
   * first screen stays only until the next push, which always starts with a whole snapshot.
   */
  #followUpAfterFirstFrame(first: Snapshot, base: number | null): void {
    const stillFirst = (): boolean => this.snapshot === first;
    const giveUp = (): void => {
      // Deltas held for that base are lost with it: only a full push can follow.
      if (this.#model.abandonBase()) this.#requestFullState();
    };
    void afterFramePresented().then(() => {
      if (!stillFirst()) return giveUp();
      void pullRest(this.#api, first, stillFirst).then((outcome) => {
        if (outcome.tag === 'whole') return this.#takeWhole(outcome.snapshot, base);
        giveUp();
        if (outcome.tag === 'failed' && stillFirst()) void this.pull();
      });
    });
  }

  /**
   * A whole snapshot pulled from main. With its push generation it is the model's base, as if it had been pushed
   * (deltas held for it are applied on top), so the first push after the popover is shown is what changed since
   * this pull, not the whole farm again (issue 15). Without one it is only shown, as before.
   */
  #takeWhole(whole: Snapshot, generation: number | null): void {
    const seeded = generation === null ? 'stale' : this.#model.seed(whole, generation);
    if (seeded === 'gap') this.#requestFullState();
    this.apply(seeded === 'stale' || this.#model.current === null ? whole : this.#model.current);
  }

  /** Subscribes to main and to page visibility; returns the cleanup. */
  connect(): () => void {
    const offState = this.#api.onStateChanged((s) => this.push(s));
    const offFocus = this.#api.onFocusVm((ref) => this.focusVm(ref.hostId, ref.vmId, ref.farmHostId));
    // Pulled only until pushes flow: after that the pushes keep the page current (a pull would clone everything).
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible' && this.#model.generation === null) void this.pull();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void this.pull();
    return () => {
      offState();
      offFocus();
      document.removeEventListener('visibilitychange', onVisibility);
      if (this.#frame !== null) cancelAnimationFrame(this.#frame);
      if (this.#highlightTimer !== null) clearTimeout(this.#highlightTimer);
    };
  }

  isPending(vm: Vm): boolean {
    const key = vmKeyOf(vm);
    return this.inFlight.has(key) || this.pendingByKey.has(key);
  }

  async runAction(vm: Vm, action: VmAction): Promise<void> {
    const key = vmKeyOf(vm);
    if (this.inFlight.has(key)) return;
    this.#setInFlight(key, true);
    this.#setOutcome(key, null);
    try {
      const result = await this.#api.runAction({ ...vmRef(vm), action });
      this.#setOutcome(
        key,
        result.ok ? { ok: true, message: result.value.message } : { ok: false, message: result.error },
      );
    } catch (error) {
      this.#setOutcome(key, { ok: false, message: describeFailure(error) });
    } finally {
      this.#setInFlight(key, false);
    }
  }

  async setMuted(vm: Vm, muted: boolean): Promise<void> {
    const key = vmKeyOf(vm);
    this.#setOutcome(key, null);
    try {
      const result = await this.#api.setVmMuted(vmRef(vm), muted);
      if (!result.ok) this.#setOutcome(key, { ok: false, message: result.error });
    } catch (error) {
      this.#setOutcome(key, { ok: false, message: describeFailure(error) });
    }
  }

  /** Collapses or expands one VM group (a host, or a Mac behind an orchestrator). */
  toggleHost(groupId: string): void {
    const next = new Set(this.collapsed);
    if (next.has(groupId)) next.delete(groupId);
    else next.add(groupId);
    this.collapsed = next;
  }

  /** Scrolls to and flashes a VM: clears a search or host filter that hides it and opens its group. */
  focusVm(hostId: HostId, vmId: string, farmHostId?: string): void {
    const vm = this.vmsByKey.get(vmKey(hostId, vmId, farmHostId));
    if (vm === undefined) return;
    const key = vmItemKey(hostId, vmId, farmHostId);
    const group = groupIdOf(hostId, farmHostId);
    if (filterVms([vm], this.query, (id) => this.hostName(id)).length === 0) this.query = '';
    if (this.hostFilter !== null && this.hostFilter !== group) this.hostFilter = null;
    if (this.collapsed.has(group)) this.toggleHost(group);
    this.activeKey = key;
    this.highlightKey = key;
    this.revealSeq++;
    if (this.#highlightTimer !== null) clearTimeout(this.#highlightTimer);
    this.#highlightTimer = setTimeout(() => {
      if (this.highlightKey === key) this.highlightKey = null;
    }, 2_500);
  }

  openActions(key: string): void {
    this.openKey = key;
    this.activeKey = key;
  }

  closeActions(): void {
    this.openKey = null;
  }

  hostName(hostId: HostId): string {
    const host = this.snapshot?.hosts.find((h) => h.id === hostId);
    return host ? host.name || host.url : hostId;
  }

  #setInFlight(key: string, on: boolean): void {
    const next = new Set(this.inFlight);
    if (on) next.add(key);
    else next.delete(key);
    this.inFlight = next;
  }

  #setOutcome(key: string, outcome: ActionOutcome | null): void {
    const next = new Map(this.outcomes);
    if (outcome === null) next.delete(key);
    else next.set(key, outcome);
    this.outcomes = next;
  }
}
