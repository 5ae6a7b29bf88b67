// The sync of one orchestrator entry (orchestrator-protocol.md §6), driven by HostMonitor like a single host's
// HostSync (the connection rules stay there): on every open of our socket the §6.2 connect (buffer frames, list the
// hosts, list each host's machines, apply the buffer, go live); while live the §6.3 rules (farm-rules.ts) and their
// follow-ups (farm-follow-ups.ts: §6.4 resyncs, /status polling, re-lists, transitional checks).
import { errorMessage, type FarmRestPort, type HubMessage } from './hub-ports';
import type { ChangeSource } from './sync';
import type { MonitorSync, SessionHooks } from './monitor-session';
import type { OrchestratorMessage } from '../hub/channels/orchestrator';
import { planOrchestratorMessage, type FarmStep } from './farm-rules';
import type { FarmState } from './farm-state';
import { FarmFollowUps } from './farm-follow-ups';
import { DEFAULT_FARM_TIMINGS, type FarmHooks, type FarmTimings } from './farm-types';

import { KeyedTimers } from './keyed-timers';

export interface FarmSyncDeps extends SessionHooks {
  farm: FarmRestPort;
  state: FarmState;
  hooks: FarmHooks;
  timings?: Partial<FarmTimings>;
  random?: () => number;
}

type Phase = 'down' | 'syncing' | 'live';
const MAX_BUFFER = 10_000;
const MAX_LIST_RETRY_MS = 60_000;

/** Steps about one VM: they never change a farm host's display state. */
const VM_STEPS: ReadonlySet<FarmStep['kind']> = new Set([
  'set-vm-state',
  'set-vm-uptime',
  'upsert-vm',
  'remove-vm',
  'vm-verified',
]);

const isFarmMessage = (m: HubMessage): m is OrchestratorMessage & { hostId: string } =>
  'hostId' in m && m.type.startsWith('host-');

export class FarmSync implements MonitorSync {
  private phase: Phase = 'down';
  private generation = 0;
  private buffer: HubMessage[] = [];
  private readonly timers: KeyedTimers;
  private readonly follow: FarmFollowUps;
  private disposed = false;
  private restHalted = false;
  private summaryKey = '';
  /** A host-level change since the last publish (VM events, the bulk of the traffic, never set it). */
  private hostsDirty = true;

  constructor(private readonly d: FarmSyncDeps) {
    this.timers = new KeyedTimers(d.timers);
    this.follow = new FarmFollowUps({
      farm: d.farm,
      state: d.state,
      timers: this.timers,
      timings: { ...DEFAULT_FARM_TIMINGS, ...d.timings },
      random: d.random ?? Math.random,
      now: d.now,
      logger: d.logger,
      isLive: () => this.phase === 'live' && !this.disposed && !this.restHalted,
      apply: (steps, source) => this.applySteps(steps, source),
      applyStore: (action, source) => d.apply(action, source, 'orchestrator list'),
      batch: (run) => this.batch(run),
      hooks: d.hooks,
      relistHostsNow: (reason) => this.relistHosts(reason),
      unauthorized: (message) => this.unauthorized(message),
    });
  }

  get state(): Phase {
    return this.phase;
  }

  connectionOpened(): void {
    if (this.disposed) return;
    this.generation++;
    this.phase = 'syncing';
    this.buffer = [];
    void this.connect(this.generation, 0);
  }

  connectionClosed(): void {
    this.generation++;
    this.phase = 'down';
    this.buffer = [];
    // Nothing is polled while our own link is down: the §6.2 connect redoes it all on the next open.
    this.timers.clearAll();
    this.follow.waiters.abandonWaits();
  }

  handleMessages(messages: readonly HubMessage[]): void {
    if (this.disposed) return;
    if (this.phase === 'syncing') {
      // §6.2 step 2: buffered until the lists are in. A farm floods; past the cap the lists are the truth anyway.
      for (const m of messages) if (isFarmMessage(m) && this.buffer.length < MAX_BUFFER) this.buffer.push(m);
      return;
    }
    if (this.phase !== 'live') return;
    // Stats and log lines (most frames, §3.7) were recognised by the parser's fast path: nothing to do for them.
    if (messages.every((m) => m.type === 'noise')) return;
    this.batch(() => {
      for (const m of messages) this.handle(m);
    }, false);
  }

  /** Wake, network change, "reconcile": the host table and every host's list again (§6.5). */
  resync(reason: string): void {
    if (this.phase !== 'live') return;
    this.relistHosts(reason);
  }

  dispose(): void {
    this.disposed = true;
    this.connectionClosed();
  }

  /** The VM action path's confirmation (farm-actions.ts) reads and waits through the follow-ups. */
  get followUps(): FarmFollowUps {
    return this.follow;
  }

  private handle(m: HubMessage): void {
    if (m.type === 'server-error') {
      this.d.logger.warn('orchestrator: server error frame', { message: m.message });
      return;
    }
    if (!isFarmMessage(m)) return;
    const plan = planOrchestratorMessage(this.d.state, m, this.d.now());
    this.applySteps(plan.steps, 'live');
    this.follow.run(plan.followUps);
  }

  /** §6.2: list the hosts, then each host's machines, then the buffered frames; then live. */
  private async connect(gen: number, attempt: number): Promise<void> {
    // §6.2 step 6's start_time is read beside the lists, so it is known by the time we are live: a restart after
    // this read drops our socket, and the next connect's read differs.
    const [ok, startTime] = await Promise.all([
      this.follow.listEverything(() => gen === this.generation && !this.disposed),
      this.readStartTime(),
    ]);
    if (gen !== this.generation || this.disposed) return;
    if (ok !== true) {
      if (ok === 'unauthorized') return;
      const delay = Math.min(MAX_LIST_RETRY_MS, this.follow.timings.listRetryMs * 2 ** attempt);
      this.d.onWarning?.({
        kind: 'list-failed',
        message: `Listing the farm failed: ${ok}`,
        nextAt: this.d.now() + delay,
      });
      this.timers.set('connect', delay, () => void this.connect(gen, attempt + 1));
      return;
    }
    this.d.onWarning?.(null);
    const buffered = this.buffer;
    this.buffer = [];
    this.phase = 'live';
    this.batch(() => {
      for (const m of buffered) this.handle(m);
    });
    this.follow.startSchedules();
    this.d.onLive();
    this.publish();
    this.noteStartTime(startTime);
  }

  private async readStartTime(): Promise<string | null> {
    try {
      return await this.d.farm.startTime();
    } catch (err) {
      this.d.logger.warn('orchestrator: start time unreadable', { error: errorMessage(err) });
      return null;
    }
  }

  /** §6.2 step 6: a `/ws/stats` start_time other than last session's means the orchestrator restarted meanwhile. */
  private noteStartTime(start: string | null): void {
    if (start === null) return;
    const previous = this.d.state.orchestratorStartTime;
    this.d.state.orchestratorStartTime = start;
    if (previous === null || previous === start) return;
    this.d.logger.info('orchestrator: restarted while we were away; reading every host live', {
      previous,
      start,
    });
    this.follow.afterOrchestratorRestart();
  }

  private relistHosts(reason: string): void {
    void this.follow
      .listEverything(() => this.phase === 'live' && !this.disposed)
      .then((ok) => {
        if (ok !== true && ok !== 'unauthorized')
          this.d.logger.warn('orchestrator: re-list failed', { reason, error: ok });
        this.publish();
      });
  }

  private unauthorized(message: string): void {
    this.restHalted = true;
    this.d.onUnauthorized(message);
  }

  /** `hostLevel`: the run may change farm hosts (lists, resyncs); event batches mark that per step instead. */
  private batch(run: () => void, hostLevel = true): void {
    if (hostLevel) this.hostsDirty = true;
    const b = this.d.batch;
    if (b) b(run);
    else run();
    this.publish();
  }

  private applySteps(steps: readonly FarmStep[], source: ChangeSource): void {
    const now = this.d.now();
    for (const step of steps) {
      if (step.kind === 'host-unreachable') {
        const h = this.d.state.host(step.hostId);
        if (h) this.d.hooks.farmHostUnreachable({ farmHostId: h.id, name: h.name });
        continue;
      }
      if (step.kind === 'set-host' && step.stored === 'healthy') this.d.hooks.farmHostReachable(step.hostId);
      if (!VM_STEPS.has(step.kind)) this.hostsDirty = true;
      const action = this.d.state.apply(step, now, source === 'resync');
      if (action) this.d.apply(action, source, `orchestrator ${step.kind}`);
      this.follow.waiters.noteStep(step);
    }
  }

  /** The farm hosts' display states, pushed only when one changed. */
  private publish(): void {
    if (!this.hostsDirty) return;
    this.hostsDirty = false;
    const summaries = this.d.state.summaries();
    const key = summaries.map((s) => `${s.id}:${s.state}:${s.name}:${s.dataAsOf ?? ''}`).join('|');
    if (key === this.summaryKey) return;
    this.summaryKey = key;
    this.d.hooks.setFarmHosts(summaries);
  }
}
