// What the §6.3 rules ask to do later, and the farm's timers (orchestrator-protocol.md §6.4, §6.5): the dispatcher of
// the planner's follow-ups and the schedules started when the farm goes live. The work itself lives with its job:
// lists in farm-host-lists.ts, live `/status` reads and the §6.4 targeted resync in farm-live-reads.ts. Every timer
// goes through the injected Timers.
import type { ChangeSource } from './sync';
import type { FarmFollowUp } from './farm-rules';
import { vmsToPoll } from './farm-resync';
import type { FarmTimings } from './farm-types';
import type { FollowUpDeps } from './farm-follow-up-deps';
import { ActionWaiters } from './action-waiters';
import { FarmHostLists } from './farm-host-lists';
import { FarmLiveReads } from './farm-live-reads';
import { isTransitionalState } from '../../shared/model';
import { forEachLimited } from '../kernel/for-each-limited';

/** Hosts resynced at once after an orchestrator restart (each reads 8 VMs at once). */
const HOST_RESYNCS_AT_ONCE = 4;

export class FarmFollowUps {
  /** Actions waiting for their VM's new state (farm-monitor.ts confirms by event before /status). */
  readonly waiters: ActionWaiters;
  private readonly reads: FarmLiveReads;
  private readonly lists: FarmHostLists;

  constructor(private readonly d: FollowUpDeps) {
    this.waiters = new ActionWaiters(d.timers);
    this.reads = new FarmLiveReads(d);
    this.lists = new FarmHostLists(
      d,
      (followUps) => this.run(followUps),
      (hostId, vmIds) => void this.reads.readLive(hostId, vmIds, 'resync'),
    );
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
          this.d.timers.ensure(
            `relist-now/${f.hostId}`,
            t.debounceMs,
            () => void this.lists.relistHost(f.hostId),
          );
          break;
        case 'relist-hosts':
        case 'refetch-host':
          this.d.timers.ensure('hosts-now', t.debounceMs, () => this.d.relistHostsNow('orchestrator event'));
          break;
        case 'resync-host':
          void this.reads.resyncHost(f.hostId, 0);
          break;
        case 'poll-unlinked':
          if (f.on)
            this.d.timers.ensure(`poll/${f.hostId}`, t.unlinkedPollMs, () => this.pollUnlinked(f.hostId));
          else this.d.timers.clear(`poll/${f.hostId}`);
          break;
      }
    }
  }

  /** Reads VMs live and applies what differs; returns the states read (vm id -> state). */
  readLive(hostId: string, vmIds: readonly string[], source: ChangeSource): Promise<Map<string, string>> {
    return this.reads.readLive(hostId, vmIds, source);
  }

  /** §6.2 steps 3-4, and wake/network-change: the host table and every host's machines, applied in one batch. */
  listEverything(current: () => boolean): Promise<true | 'unauthorized' | string> {
    return this.lists.listEverything(current);
  }

  /**
   * §6.2 step 6, the orchestrator restarted while our socket was away: what its Macs did meanwhile was lost (no link,
   * no event), and its cache, which our re-list just agreed with, is the pre-restart one until its silent startup
   * refresh lands. So every host is read live now (§6.4 option 1, a few hosts at a time: `/status` is a prlctl call
   * on the Mac), and the whole farm is listed again once that refresh has had time (new or removed VMs).
   */
  afterOrchestratorRestart(): void {
    for (const h of this.d.state.hosts()) h.gap ??= 'orchestrator-restart';
    void forEachLimited([...this.d.state.hostIds()], HOST_RESYNCS_AT_ONCE, (id) =>
      this.reads.resyncHost(id, 0),
    );
    this.d.timers.set('restart-relist', this.d.timings.restartRelistMs, () =>
      this.d.relistHostsNow('orchestrator restarted'),
    );
  }

  startSchedules(): void {
    const t = this.d.timings;
    const pollHosts = (): void => {
      this.d.timers.set('hosts-poll', t.hostsPollMs, () => {
        void this.lists.pollHosts().finally(pollHosts);
      });
    };
    pollHosts();
    for (const id of this.d.state.hostIds()) {
      this.lists.scheduleRelist(id);
      const h = this.d.state.host(id);
      if (h && h.enabled && h.stored !== 'unhealthy' && !h.link)
        this.run([{ kind: 'poll-unlinked', hostId: id, on: true }]);
    }
  }

  private pollUnlinked(hostId: string): void {
    const h = this.d.state.host(hostId);
    if (!h || !this.d.isLive() || h.link || h.stored === 'unhealthy' || !h.enabled) return;
    void this.readLive(hostId, vmsToPoll(this.d.state.vmsOf(hostId)), 'reconcile').finally(() => {
      this.run([{ kind: 'poll-unlinked', hostId, on: true }]);
    });
  }
}
