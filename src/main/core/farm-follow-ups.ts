// What the §6.3 rules ask to do later, and the farm's timers (orchestrator-protocol.md §6.4, §6.5): host-table and
// machine lists, the targeted resync of a host after a link or health recovery (the only way not to miss a stop:
// the orchestrator never tells what happened in the gap, §3.5), `/status` polling of healthy-but-unlinked hosts,
// checks of transitional states that do not settle. Every timer goes through the injected Timers.
import { errorKind, errorMessage, type FarmHostInfo, type FarmRestPort, type FarmVm } from './hub-ports';
import type { Logger } from '../kernel/logger';
import type { ChangeSource } from './sync';
import { planOrchestratorMessage, type FarmFollowUp, type FarmStep } from './farm-rules';
import { resolveTargetedResync, vmsToPoll, vmsToVerify, type StatusRead } from './farm-resync';
import type { FarmState } from './farm-state';
import type { FarmHooks, FarmTimings } from './farm-types';
import { ActionWaiters } from './action-waiters';
import { forEachLimited } from '../kernel/for-each-limited';
import { mergeListCautiously } from './farm-lists';
import type { KeyedTimers } from './keyed-timers';
import type { StoreAction } from './store';
import { isTransitionalState } from '../../shared/model';

const STATUS_READS_AT_ONCE = 8;
const LISTS_AT_ONCE = 8;
const MAX_RESYNC_RETRIES = 3;

export interface FollowUpDeps {
  farm: FarmRestPort;
  state: FarmState;
  timers: KeyedTimers;
  timings: FarmTimings;
  random: () => number;
  now: () => number;
  logger: Logger;
  isLive: () => boolean;
  apply(steps: readonly FarmStep[], source: ChangeSource): void;
  /** A store action that is not a planner step (a host's first list: the batcher makes it a silent baseline). */
  applyStore(action: StoreAction, source: ChangeSource): void;
  batch(run: () => void): void;
  hooks: FarmHooks;
  relistHostsNow(reason: string): void;
  unauthorized(message: string): void;
}

type Listed = { id: string; vms: FarmVm[] | null };

export class FarmFollowUps {
  private readonly resyncing = new Set<string>();

  constructor(private readonly d: FollowUpDeps) {
    this.waiters = new ActionWaiters(d.timers);
  }

  get timings(): FarmTimings {
    return this.d.timings;
  }

  run(followUps: readonly FarmFollowUp[]): void {
    const t = this.d.timings;
    for (const f of followUps) {
      switch (f.kind) {
        case 'verify-later':
          this.d.timers.set(`verify/${f.hostId}/${f.vmId}`, f.afterMs, () => {
            // A transitional state that settled meanwhile needs no read (§6.3 first rule).
            const r = this.d.state.vm(f.hostId, f.vmId);
            if (r && (f.afterMs === 0 || isTransitionalState(r.vm.state)))
              void this.readLive(f.hostId, [f.vmId], 'confirm');
          });
          break;
        case 'relist-host':
          this.d.timers.ensure(`relist-now/${f.hostId}`, t.debounceMs, () => void this.relistHost(f.hostId));
          break;
        case 'relist-hosts':
        case 'refetch-host':
          this.d.timers.ensure('hosts-now', t.debounceMs, () => this.d.relistHostsNow('orchestrator event'));
          break;
        case 'resync-host':
          void this.resyncHost(f.hostId, 0);
          break;
        case 'poll-unlinked':
          if (f.on)
            this.d.timers.ensure(`poll/${f.hostId}`, t.unlinkedPollMs, () => this.pollUnlinked(f.hostId));
          else this.d.timers.clear(`poll/${f.hostId}`);
          break;
      }
    }
  }

  /** Actions waiting for their VM's new state (farm-monitor.ts confirms by event before /status). */
  readonly waiters: ActionWaiters;

  /** Reads VMs live and applies what differs; returns the states read (vm id -> state). */
  async readLive(
    hostId: string,
    vmIds: readonly string[],
    source: ChangeSource,
  ): Promise<Map<string, string>> {
    const before = this.d.state.vmsOf(hostId).filter((r) => vmIds.includes(r.vm.id));
    const sentAt = this.d.now();
    const reads = await this.statusReads(
      hostId,
      before.map((r) => r.vm.id),
    );
    if (!this.d.isLive()) return new Map();
    const outcome = resolveTargetedResync(
      hostId,
      before,
      reads,
      (id) => this.d.state.vm(hostId, id),
      sentAt,
      this.d.now(),
    );
    this.d.batch(() => this.d.apply(outcome.steps, source));
    const states = new Map<string, string>();
    for (const [id, r] of reads) if (r.ok) states.set(id, r.state);
    return states;
  }

  /** §6.2 steps 3-4, and wake/network-change: the host table and every host's machines, applied in one batch. */
  async listEverything(current: () => boolean): Promise<true | 'unauthorized' | string> {
    const sentAt = this.d.now();
    let hosts: FarmHostInfo[];
    try {
      hosts = await this.d.farm.listHosts();
    } catch (err) {
      return this.failure(err);
    }
    if (!current()) return 'superseded';
    const lists: Listed[] = [];
    await forEachLimited(hosts, LISTS_AT_ONCE, async (h) => {
      lists.push({ id: h.id, vms: await this.d.farm.listHostMachines(h.id).catch(() => null) });
    });
    if (!current()) return 'superseded';
    this.d.batch(() => {
      this.readHostTable(hosts);
      for (const l of lists) if (l.vms) this.applyList(l.id, l.vms, sentAt);
    });
    return true;
  }

  startSchedules(): void {
    const t = this.d.timings;
    const pollHosts = (): void => {
      this.d.timers.set('hosts-poll', t.hostsPollMs, () => {
        void this.pollHosts().finally(pollHosts);
      });
    };
    pollHosts();
    for (const id of this.d.state.hostIds()) {
      this.scheduleRelist(id);
      const h = this.d.state.host(id);
      if (h && h.enabled && h.stored !== 'unhealthy' && !h.link)
        this.run([{ kind: 'poll-unlinked', hostId: id, on: true }]);
    }
  }

  /** §6.4 option 1 for one host: every VM not stopped before the gap is read live; stops found are told as such. */
  private async resyncHost(hostId: string, attempt: number): Promise<void> {
    const h = this.d.state.host(hostId);
    if (!h || this.resyncing.has(hostId)) return;
    this.resyncing.add(hostId);
    h.verifying = true;
    try {
      const before = this.d.state.vmsOf(hostId);
      const sentAt = this.d.now();
      const reads = await this.statusReads(hostId, vmsToVerify(before));
      if (!this.d.isLive() || this.d.state.host(hostId) !== h) return;
      const out = resolveTargetedResync(
        hostId,
        before,
        reads,
        (id) => this.d.state.vm(hostId, id),
        sentAt,
        this.d.now(),
      );
      this.d.batch(() => {
        if (out.stoppedMeanwhile.length > 0)
          this.d.hooks.policy({
            type: 'farm-host-back',
            hostId: this.d.state.entryId,
            host: { farmHostId: h.id, name: h.name },
            stopped: out.stoppedMeanwhile.map((id) => ({
              vmId: id,
              vmName: this.d.state.vm(hostId, id)?.vm.name ?? id,
            })),
            cause: h.gap ?? 'link',
          });
        this.d.apply(out.steps, 'resync');
        h.verifying = false;
        if (out.unverified.length === 0) h.gap = null;
      });
      if (out.unverified.length > 0 && attempt < MAX_RESYNC_RETRIES)
        this.d.timers.set(
          `resync/${hostId}`,
          this.d.timings.resyncRetryMs,
          () => void this.resyncHost(hostId, attempt + 1),
        );
    } finally {
      this.resyncing.delete(hostId);
      h.verifying = false;
    }
  }

  private async statusReads(hostId: string, vmIds: readonly string[]): Promise<Map<string, StatusRead>> {
    const reads = new Map<string, StatusRead>();
    await forEachLimited(vmIds, STATUS_READS_AT_ONCE, async (vmId) => {
      try {
        const r = await this.d.farm.vmStatus(hostId, vmId);
        reads.set(vmId, r.ok ? { ok: true, state: r.state } : { ok: false, reason: r.reason });
      } catch (err) {
        if (errorKind(err) === 'unauthorized') this.d.unauthorized(errorMessage(err));
        reads.set(vmId, { ok: false, reason: 'host-unavailable' });
      }
    });
    return reads;
  }

  private pollUnlinked(hostId: string): void {
    const h = this.d.state.host(hostId);
    if (!h || !this.d.isLive() || h.link || h.stored === 'unhealthy' || !h.enabled) return;
    void this.readLive(hostId, vmsToPoll(this.d.state.vmsOf(hostId)), 'reconcile').finally(() => {
      this.run([{ kind: 'poll-unlinked', hostId, on: true }]);
    });
  }

  private async pollHosts(): Promise<void> {
    if (!this.d.isLive()) return;
    let hosts: FarmHostInfo[];
    try {
      hosts = await this.d.farm.listHosts();
    } catch (err) {
      this.failure(err);
      return;
    }
    if (!this.d.isLive()) return;
    let added: string[] = [];
    this.d.batch(() => (added = this.readHostTable(hosts)));
    for (const id of added) void this.relistHost(id);
  }

  private async relistHost(hostId: string): Promise<void> {
    if (!this.d.isLive() || !this.d.state.host(hostId)) return;
    const sentAt = this.d.now();
    const vms = await this.d.farm.listHostMachines(hostId).catch((err: unknown) => {
      this.d.logger.warn('orchestrator: host list failed', { error: errorMessage(err) });
      return null;
    });
    if (vms && this.d.isLive() && this.d.state.host(hostId))
      this.d.batch(() => this.applyList(hostId, vms, sentAt));
    this.scheduleRelist(hostId);
  }

  private scheduleRelist(hostId: string): void {
    const ms = this.d.timings.relistMs * (0.75 + 0.5 * this.d.random());
    this.d.timers.set(`relist-every/${hostId}`, ms, () => void this.relistHost(hostId));
  }

  /** The host table: new hosts in, gone ones dropped with their VMs, link flips handled as §6.3 says. */
  private readHostTable(hosts: readonly FarmHostInfo[]): string[] {
    const state = this.d.state;
    const { added, removed } = state.replaceHosts(hosts, this.d.now());
    for (const id of removed) {
      this.d.timers.clearPrefix(`poll/${id}`);
      this.d.apply([{ kind: 'remove-host', hostId: id }], 'reconcile');
    }
    for (const info of hosts) {
      const h = state.host(info.id);
      if (!h || added.includes(info.id) || h.link === info.linked) continue;
      // `has_websocket_events` flipping is a link event the channel did not carry (§6.3, §7.2 item 7).
      const link = info.linked ? 'connected' : 'disconnected';
      const plan = planOrchestratorMessage(state, { type: 'host-link', hostId: info.id, link }, this.d.now());
      this.d.apply(plan.steps, 'live');
      this.run(plan.followUps.filter((f) => f.kind !== 'refetch-host'));
    }
    return added;
  }

  private applyList(hostId: string, vms: readonly FarmVm[], sentAt: number): void {
    const state = this.d.state;
    const h = state.host(hostId);
    if (!h) return;
    // `host_state` is the stored health (§2.3): what the host table's live probe does not give.
    const stored = vms.find((v) => v.hostState !== null)?.hostState ?? null;
    if (stored !== null && h.stored === null) h.stored = stored;
    if (!state.wasListed(hostId)) {
      this.d.applyStore(state.replaceVms(hostId, vms), 'resync');
      return;
    }
    const merge = mergeListCautiously(hostId, state.vmsOf(hostId), vms, sentAt);
    this.d.apply(merge.steps, 'resync');
    if (merge.verify.length > 0) void this.readLive(hostId, merge.verify, 'resync');
  }

  private failure(err: unknown): 'unauthorized' | string {
    if (errorKind(err) === 'unauthorized') {
      this.d.unauthorized(errorMessage(err));
      return 'unauthorized';
    }
    return errorMessage(err);
  }
}
