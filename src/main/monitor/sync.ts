// The per-connection sync state machine, the Events Hub's own recommended resync (each connection is a new client
// with no replay: prl-devops-service src/serviceprovider/eventEmitter/websocket_handler.go):
//   welcome -> buffer live events -> GET /machines -> replace the host's list -> apply the buffer (and confirm
//   the VMs it touched with GET /machines/{id}) -> live.
// While live: events patch the store; an unknown vm_id, a previous_state that disagrees with ours (reordering or
// a lost frame) or a transitional state that does not settle within confirmTransitionalAfterMs is confirmed
// with GET /machines/{id}; the whole list is re-fetched every reconcileIntervalMs and on demand.
// There is no replay and no sequence number on the wire, so REST is the truth and events are hints.
import type { Vm } from '../../shared/model';
import { errorKind, errorMessage, type HubMessage, type RestPort } from './hub-ports';
import type { Logger, TimerHandle, Timers } from './ports';
import type { StoreAction } from './store';
import { VmConfirmations } from './vm-confirmations';

/** Where a store change came from; decides the offline flag and whether it is a silent baseline. */
export type ChangeSource = 'resync' | 'live' | 'confirm';

export interface SyncDeps {
  hostId: string;
  rest: Pick<RestPort, 'listMachines' | 'getMachine'>;
  timers: Timers;
  now: () => number;
  logger: Logger;
  confirmTransitionalAfterMs: number;
  reconcileIntervalMs: number;
  /** Retry delay for a failed list fetch while the socket is up (doubles up to 60 s). */
  listRetryMs?: number;
  getVm(vmId: string): Vm | undefined;
  /** Groups the applies of `run` into one commit (app-core's batcher); without it they commit one by one. */
  batch?(run: () => void): void;
  apply(action: StoreAction, source: ChangeSource, reason: string): void;
  onLive(): void;
  /** REST said the credentials are bad even after a refresh. */
  onUnauthorized(message: string): void;
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
  /** GET /machines/{id} for VMs whose events leave doubt (see vm-confirmations.ts). */
  private readonly confirmations: VmConfirmations;
  private disposed = false;

  constructor(private readonly d: SyncDeps) {
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
      alive: () => !this.disposed,
      onUnauthorized: (message) => d.onUnauthorized(message),
    });
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
    this.clearTimers();
  }

  /** Re-fetch the list now (reconcile timer, system wake, user). Ignored unless the socket is up. */
  resync(reason: string): void {
    if (this.phase === 'live') this.startResync(reason);
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
    if (this.reconcileTimer !== null) this.d.timers.clearTimeout(this.reconcileTimer);
    this.reconcileTimer = null;
    this.fetchList(this.generation, reason, 0);
  }

  private fetchList(gen: number, reason: string, attempt: number): void {
    this.d.rest.listMachines().then(
      (list) => {
        if (gen !== this.generation || this.disposed) return;
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
          // Buffered events may predate the list answer: confirm the VMs they touched.
          for (const id of touched) this.confirmations.confirm(id);
        });
        this.d.onLive();
        if (this.bufferOverflowed) {
          this.startResync('buffer overflow');
          return;
        }
        this.reconcileTimer = this.d.timers.setTimeout(() => {
          this.reconcileTimer = null;
          this.resync('periodic');
        }, this.d.reconcileIntervalMs);
      },
      (err: unknown) => {
        if (gen !== this.generation || this.disposed) return;
        if (errorKind(err) === 'unauthorized') {
          this.d.onUnauthorized(errorMessage(err));
          return;
        }
        const delay = Math.min((this.d.listRetryMs ?? 1_000) * 2 ** attempt, 60_000);
        this.d.logger.warn('machine list failed; retrying', {
          hostId: this.d.hostId,
          error: errorMessage(err),
          delayMs: delay,
        });
        this.listRetryTimer = this.d.timers.setTimeout(() => {
          this.listRetryTimer = null;
          if (gen === this.generation) this.fetchList(gen, reason, attempt + 1);
        }, delay);
      },
    );
  }

  private applyLive(m: HubMessage, at: number): void {
    const host = this.d.hostId;
    switch (m.type) {
      case 'vm-state-changed': {
        this.confirmations.noteEvent(m.vmId);
        const known = this.d.getVm(m.vmId);
        if (!known) {
          // No name in this event: ask for the VM.
          this.confirmations.confirm(m.vmId);
          return;
        }
        const action: StoreAction = {
          type: 'vm-state-changed',
          hostId: host,
          vmId: m.vmId,
          previousState: m.previousState,
          state: m.currentState,
          at,
        };
        this.d.apply(action, 'live', 'event');
        const disagrees =
          m.previousState !== null &&
          m.previousState !== known.state &&
          m.previousState.toLowerCase() !== known.state.toLowerCase();
        if (disagrees) this.confirmations.confirm(m.vmId);
        this.confirmations.watch(m.vmId, at);
        return;
      }
      case 'vm-upsert': {
        this.confirmations.noteEvent(m.vmId);
        const known = this.d.getVm(m.vm.id);
        this.d.apply({ type: 'vm-upsert', hostId: host, vm: m.vm, at, offline: false }, 'live', m.reason);
        if (!known && (m.vm.name === undefined || m.vm.state === undefined))
          this.confirmations.confirm(m.vm.id);
        this.confirmations.watch(m.vm.id, at);
        return;
      }
      case 'vm-removed':
        this.confirmations.noteEvent(m.vmId);
        this.d.apply({ type: 'vm-removed', hostId: host, vmId: m.vmId }, 'live', 'event');
        this.confirmations.forget(m.vmId);
        return;
      case 'vm-uptime':
        this.d.apply(
          { type: 'vm-uptime', hostId: host, vmId: m.vmId, uptimeSeconds: m.uptimeSeconds },
          'live',
          'event',
        );
        return;
      case 'server-error':
        this.d.logger.warn('server reported an error', { hostId: host, message: m.message });
        return;
      default:
        return;
    }
  }

  private clearTimers(): void {
    this.confirmations.clear();
    if (this.reconcileTimer !== null) this.d.timers.clearTimeout(this.reconcileTimer);
    if (this.listRetryTimer !== null) this.d.timers.clearTimeout(this.listRetryTimer);
    this.reconcileTimer = null;
    this.listRetryTimer = null;
  }
}
