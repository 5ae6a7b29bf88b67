// The per-connection sync state machine, the Events Hub's own recommended resync (each connection is a new client
// with no replay: prl-devops-service src/serviceprovider/eventEmitter/websocket_handler.go):
//   welcome -> buffer live events -> GET /machines -> replace the host's list -> apply the buffer (and confirm
//   the VMs it touched with GET /machines/{id}) -> live.
// While live: events patch the store; an unknown vm_id, a previous_state that disagrees with ours (reordering or
// a lost frame) or a transitional state that does not settle within confirmTransitionalAfterMs is confirmed
// with GET /machines/{id}; the whole list is re-fetched every reconcileIntervalMs and on demand. Such a periodic
// re-list does NOT hold events back: only the list after (re)connect buffers (a real server's list can fail or
// hang for minutes while the socket keeps streaming stops the user must see).
// There is no replay and no sequence number on the wire, so REST is the truth and events are hints.
import type { HostWarning, Vm } from '../../shared/model';
import { VmEventMemory } from './event-memory';
import { errorKind, errorMessage, type HubMessage, type ParsedVm, type RestPort } from './hub-ports';
import { mergeListWithLiveEvents } from './list-merge';
import type { Logger } from '../kernel/logger';
import type { TimerHandle, Timers } from '../kernel/clock';
import type { StoreAction } from './store';
import { applyLiveEvent, type LiveEventDeps } from './live-events';
import { VmConfirmations } from './vm-confirmations';
import { listRetry, reconcileDelayMs } from './sync-timing';

/**
 * Where a store change came from; decides the offline flag and whether it is a silent baseline.
 * 'resync': the list after a (re)connect, i.e. the socket was really down (offline label);
 * 'reconcile': a list while connected found it (a missed event, no offline label).
 */
export type ChangeSource = 'resync' | 'reconcile' | 'live' | 'confirm';

/** A VM_UPDATED contradicting a state event younger than this is confirmed before it is applied. */
const STALE_UPDATE_WINDOW_MS = 10_000;

export interface SyncDeps {
  hostId: string;
  rest: Pick<RestPort, 'listMachines' | 'getMachine'>;
  timers: Timers;
  now: () => number;
  logger: Logger;
  confirmTransitionalAfterMs: number;
  reconcileIntervalMs: number;
  /**
   * [0, 1) like Math.random (the default): each periodic re-list waits reconcileIntervalMs × (1 − 0.1 × random),
   * so hosts that went live together (a launch, a wake) do not all re-list at the same moment every interval.
   */
  random?: () => number;
  /** Retry delay for a failed list fetch while the socket is up (doubles up to 60 s). */
  listRetryMs?: number;
  getVm(vmId: string): Vm | undefined;
  /** Groups the applies of `run` into one commit (app-core's batcher); without it they commit one by one. */
  batch?(run: () => void): void;
  apply(action: StoreAction, source: ChangeSource, reason: string): void;
  onLive(): void;
  /** REST said the credentials are bad even after a refresh. The sync makes no more REST calls after this. */
  onUnauthorized(message: string): void;
  /** A list problem that does not take the host down (null: resolved). */
  onWarning?(warning: HostWarning | null): void;
}

type Phase = 'down' | 'syncing' | 'live';

const MAX_BUFFER = 10_000;

export class HostSync {
  private phase: Phase = 'down';
  private generation = 0;
  private buffer: HubMessage[] = [];
  private bufferOverflowed = false;
  private reconcileTimer: TimerHandle | null = null;
  private listRetryTimer: TimerHandle | null = null;
  /** A periodic re-list while live is in flight: the VMs live events touched since it was sent. */
  private reconcileTouched: Set<string> | null = null;
  /** REST said 401 even after a refresh: no more REST calls (the socket may still be fine). */
  private restHalted = false;
  private warning: HostWarning | null = null;
  private readonly memory: VmEventMemory;
  /** GET /machines/{id} for VMs whose events leave doubt (see vm-confirmations.ts). */
  private readonly confirmations: VmConfirmations;
  /** What a live event needs, built once: per message it was 4 allocations on the streaming hot path. */
  private readonly live: LiveEventDeps;
  private disposed = false;

  constructor(private readonly d: SyncDeps) {
    this.memory = new VmEventMemory(d.hostId, STALE_UPDATE_WINDOW_MS);
    this.confirmations = new VmConfirmations({
      hostId: d.hostId,
      rest: d.rest,
      timers: d.timers,
      now: d.now,
      logger: d.logger,
      confirmTransitionalAfterMs: d.confirmTransitionalAfterMs,
      getVm: (vmId) => d.getVm(vmId),
      apply: (action) => d.apply(action, 'confirm', 'confirm'),
      accepting: () => !this.disposed && this.phase !== 'down',
      alive: () => !this.disposed && !this.restHalted,
      onUnauthorized: (message) => this.unauthorized(message),
    });
    this.live = {
      hostId: d.hostId,
      getVm: (vmId) => d.getVm(vmId),
      apply: (action, reason) => d.apply(action, 'live', reason),
      confirmations: this.confirmations,
      memory: this.memory,
      logger: d.logger,
    };
  }

  get state(): Phase {
    return this.phase;
  }

  /** VMs the sync holds bookkeeping for (those with a confirmation in flight); for diagnostics and leak tests. */
  get trackedVmCount(): number {
    return this.confirmations.inFlightCount;
  }

  connectionOpened(): void {
    this.startResync('connect');
  }

  connectionClosed(): void {
    this.phase = 'down';
    this.generation++;
    this.buffer = [];
    this.reconcileTouched = null;
    this.memory.clear();
    this.clearTimers();
  }

  /**
   * Re-fetch the list now (reconcile timer, system wake, user) while events keep being applied. Ignored unless
   * live, while a re-list is already in flight, and after REST said 401.
   */
  resync(reason: string): void {
    if (this.phase !== 'live' || this.disposed || this.restHalted || this.reconcileTouched) return;
    if (this.reconcileTimer !== null) this.d.timers.clearTimeout(this.reconcileTimer);
    if (this.listRetryTimer !== null) this.d.timers.clearTimeout(this.listRetryTimer);
    this.reconcileTimer = null;
    this.listRetryTimer = null;
    this.generation++;
    this.reconcileTouched = new Set();
    this.fetchList(this.generation, reason, 0);
  }

  handleMessage(message: HubMessage, at: number = this.d.now()): void {
    if (this.disposed || this.phase === 'down') return;
    if (this.phase === 'syncing') {
      if (this.buffer.length >= MAX_BUFFER) {
        // The list answer is taking very long; the buffer's start is lost, so resync once more afterwards.
        this.buffer.shift();
        this.bufferOverflowed = true;
      }
      this.buffer.push(message);
      return;
    }
    if (this.reconcileTouched && 'vmId' in message) this.reconcileTouched.add(message.vmId);
    this.applyLive(message, at);
  }

  /** Messages of one socket read, in order; same result as handleMessage for each. */
  handleMessages(messages: readonly HubMessage[]): void {
    // One clock read per socket read: its frames arrived together.
    const at = this.d.now();
    for (const m of messages) this.handleMessage(m, at);
  }

  dispose(): void {
    this.disposed = true;
    this.connectionClosed();
  }

  private startResync(reason: string): void {
    if (this.disposed) return;
    this.phase = 'syncing';
    this.generation++;
    this.buffer = [];
    this.bufferOverflowed = false;
    this.reconcileTouched = null;
    if (this.reconcileTimer !== null) this.d.timers.clearTimeout(this.reconcileTimer);
    this.reconcileTimer = null;
    if (this.restHalted) return;
    this.fetchList(this.generation, reason, 0);
  }

  private fetchList(gen: number, reason: string, attempt: number): void {
    this.d.rest.listMachines().then(
      (list) => {
        if (gen !== this.generation || this.disposed) return;
        this.setWarning(null);
        if (this.phase === 'live') this.applyReconcile(list, reason);
        else this.applyAfterConnect(list, reason);
        if (this.bufferOverflowed) {
          this.startResync('buffer overflow');
          return;
        }
        this.scheduleReconcile();
      },
      (err: unknown) => {
        if (gen !== this.generation || this.disposed) return;
        if (errorKind(err) === 'unauthorized') {
          this.reconcileTouched = null;
          this.unauthorized(errorMessage(err));
          return;
        }
        const retry = listRetry(errorKind(err) === 'no-machines-api', this.d.listRetryMs ?? 1_000, attempt);
        const delay = retry.delayMs;
        const message = errorMessage(err);
        this.d.logger.warn('machine list failed; retrying', {
          hostId: this.d.hostId,
          error: message,
          delayMs: delay,
        });
        this.setWarning({ kind: retry.kind, message, nextAt: this.d.now() + delay });
        this.listRetryTimer = this.d.timers.setTimeout(() => {
          this.listRetryTimer = null;
          if (gen === this.generation) this.fetchList(gen, reason, attempt + 1);
        }, delay);
      },
    );
  }

  /** The list after (re)connect: replaces the host's list, then the buffered events are applied on top. */
  private applyAfterConnect(list: ParsedVm[], reason: string): void {
    const run = (this.d.batch ?? ((f: () => void) => f())).bind(this.d);
    // The list and the buffered events are one commit: one diff pass, one log append, one emit.
    run(() => {
      const at = this.d.now();
      this.d.apply(
        { type: 'replace-list', hostId: this.d.hostId, vms: list, at, offline: true },
        'resync',
        reason,
      );
      const buffered = this.buffer;
      this.buffer = [];
      this.phase = 'live';
      const touched = new Set<string>();
      for (const m of buffered) {
        this.applyLive(m, at);
        if ('vmId' in m) touched.add(m.vmId);
      }
      // Buffered events may predate the list answer: confirm the VMs they touched, except those whose last
      // event removed them (a lookup of a missing VM costs the server ≥ 5 s and can only say "gone").
      for (const id of touched) if (!this.memory.lastWasRemoval(id)) this.confirmations.confirm(id);
    });
    this.d.onLive();
  }

  /** A re-list while connected: events kept flowing, so VMs they touched meanwhile keep their live value. */
  private applyReconcile(list: ParsedVm[], reason: string): void {
    const touched = this.reconcileTouched ?? new Set<string>();
    this.reconcileTouched = null;
    const vms = mergeListWithLiveEvents(this.d.hostId, list, touched, (id) => this.d.getVm(id));
    const at = this.d.now();
    this.d.apply(
      { type: 'replace-list', hostId: this.d.hostId, vms, at, offline: false },
      'reconcile',
      reason,
    );
    for (const id of touched) if (!this.memory.lastWasRemoval(id)) this.confirmations.confirm(id);
  }

  private scheduleReconcile(): void {
    if (this.reconcileTimer !== null) this.d.timers.clearTimeout(this.reconcileTimer);
    this.reconcileTimer = this.d.timers.setTimeout(
      () => {
        this.reconcileTimer = null;
        this.resync('periodic');
      },
      reconcileDelayMs(this.d.reconcileIntervalMs, this.d.random ?? Math.random),
    );
  }

  private unauthorized(message: string): void {
    if (this.restHalted) return;
    this.restHalted = true;
    this.clearTimers();
    this.d.onUnauthorized(message);
  }

  private setWarning(warning: HostWarning | null): void {
    if (warning === null && this.warning === null) return;
    this.warning = warning;
    this.d.onWarning?.(warning);
  }

  private applyLive(m: HubMessage, at: number): void {
    applyLiveEvent(m, at, this.live);
  }

  private clearTimers(): void {
    this.confirmations.clear();
    if (this.reconcileTimer !== null) this.d.timers.clearTimeout(this.reconcileTimer);
    if (this.listRetryTimer !== null) this.d.timers.clearTimeout(this.listRetryTimer);
    this.reconcileTimer = null;
    this.listRetryTimer = null;
  }
}
