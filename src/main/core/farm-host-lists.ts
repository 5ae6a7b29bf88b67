// The farm's lists (orchestrator-protocol.md §6.2 steps 3-4, §6.5): the host table (new hosts in, gone ones out with
// their VMs, link flips that carried no event) and each host's machines, first as a silent baseline, later merged
// cautiously (the cache can be minutes stale, §3.5/§3.6: a disagreement is read live, never applied on its word).
import { errorKind, errorMessage, type FarmHostInfo, type FarmVm } from './hub-ports';
import { planOrchestratorMessage, type FarmFollowUp } from './farm-rules';
import type { FollowUpDeps } from './farm-follow-up-deps';
import { forEachLimited } from '../kernel/for-each-limited';
import { mergeListCautiously } from './farm-lists';

const LISTS_AT_ONCE = 8;

type Listed = { id: string; vms: FarmVm[] | null };

export class FarmHostLists {
  constructor(
    private readonly d: FollowUpDeps,
    /** The follow-ups a link flip in the host table asks for (farm-follow-ups.ts). */
    private readonly runFollowUps: (followUps: readonly FarmFollowUp[]) => void,
    /** Reads VMs live (farm-live-reads.ts): what a list that disagrees with us triggers. */
    private readonly readLive: (hostId: string, vmIds: readonly string[]) => void,
  ) {}

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

  /** §6.5: the host table every 60 s; hosts it reveals get their machines at once. */
  async pollHosts(): Promise<void> {
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

  async relistHost(hostId: string): Promise<void> {
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

  /** §6.5: each host's machines every 5 min, jittered ±25 % so 100 hosts are not listed at once. */
  scheduleRelist(hostId: string): void {
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
      this.runFollowUps(plan.followUps.filter((f) => f.kind !== 'refetch-host'));
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
    if (merge.verify.length > 0) this.readLive(hostId, merge.verify);
  }

  private failure(err: unknown): 'unauthorized' | string {
    if (errorKind(err) === 'unauthorized') {
      this.d.unauthorized(errorMessage(err));
      return 'unauthorized';
    }
    return errorMessage(err);
  }
}
