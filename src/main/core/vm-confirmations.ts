// Per-VM confirmations for one host: which VMs to re-read with GET /machines/{id}, when, and whether an answer
// is still current. Events are hints (no sequence numbers on the wire), so sync asks REST when an event names an
// unknown VM, disagrees with what we hold, or leaves a VM in a transitional state that does not settle.
import { vmKey, isTransitionalState, type Vm } from '../../shared/model';
import { ConfirmDeadlines } from './confirm-deadlines';
import { errorKind, errorMessage, type RestPort } from './hub-ports';
import type { Logger } from '../kernel/logger';
import type { Timers } from '../kernel/clock';
import type { StoreAction } from './store';

const MAX_CONFIRM_REARMS = 6;
/**
 * Lookups of ids we do not hold, at the same time per host. A real server takes ≥ 5 s to answer a miss (protocol
 * §8.2), so asking one at a time stalls everything behind a junk id, and asking for hundreds at once floods it;
 * the rest queue. Confirmations of VMs we hold (answered from the server's cache at once) have their own pool, so
 * a flood of unknown ids never delays the check of a VM the user is looking at.
 */
const MAX_CONCURRENT_LOOKUPS = 4;
const MAX_CONCURRENT_CONFIRMS = 8;
/**
 * Unknown ids waiting beyond this are not asked about: a flood of junk ids (a hostile or broken server) must not
 * grow memory without bound; a real new VM among them is found by the next list (periodic reconcile).
 */
const MAX_QUEUED_LOOKUPS = 1_000;

interface Pool {
  readonly limit: number;
  running: number;
  /** Waiting for a free slot (key -> vm id), deduplicated, in arrival order. */
  readonly queued: Map<string, { vmId: string; attempt: number }>;
}
/** An answer overtaken by newer events is asked again at most this many times. */
const MAX_STALE_RETRIES = 3;

export interface VmConfirmationsDeps {
  hostId: string;
  rest: Pick<RestPort, 'getMachine'>;
  timers: Timers;
  now: () => number;
  logger: Logger;
  confirmTransitionalAfterMs: number;
  getVm(vmId: string): Vm | undefined;
  /** Applies a confirmation's answer (source 'confirm'). */
  apply(action: StoreAction): void;
  /** Whether answers may still be applied (sync not disposed, socket not down). */
  accepting(): boolean;
  /** Whether new requests may start (sync not disposed). */
  alive(): boolean;
  onUnauthorized(message: string): void;
}

export class VmConfirmations {
  /** Transitional VMs waiting for their "did it settle?" confirmation (one timer for all of them). */
  private readonly deadlines: ConfirmDeadlines;
  /**
   * Per VM with a GET /machines/{id} in flight: live events seen since it started (non-zero = its answer was
   * overtaken). Only VMs being asked about are kept, so fresh ids (ephemeral CI VMs, a hostile server) do not
   * accumulate for the life of the connection.
   */
  private readonly inFlight = new Map<string, number>();
  private readonly known: Pool = { limit: MAX_CONCURRENT_CONFIRMS, running: 0, queued: new Map() };
  private readonly unknown: Pool = { limit: MAX_CONCURRENT_LOOKUPS, running: 0, queued: new Map() };

  constructor(private readonly d: VmConfirmationsDeps) {
    this.deadlines = new ConfirmDeadlines({
      timers: d.timers,
      now: d.now,
      windowMs: d.confirmTransitionalAfterMs,
      maxRearms: MAX_CONFIRM_REARMS,
      onDue: (vmId) => {
        const current = this.d.getVm(vmId);
        if (!current || !isTransitionalState(current.state)) return false;
        this.confirm(vmId);
        return true;
      },
    });
  }

  /** VMs with a confirmation in flight (diagnostics and leak tests). */
  get inFlightCount(): number {
    return this.inFlight.size + this.known.queued.size + this.unknown.queued.size;
  }

  /** A live event about the VM arrived: an answer requested before it is stale. */
  noteEvent(vmId: string): void {
    if (this.inFlight.size === 0) return;
    const key = this.keyOf(vmId);
    const seen = this.inFlight.get(key);
    if (seen !== undefined) this.inFlight.set(key, seen + 1);
  }

  /**
   * GET /machines/{id} soon (once at a time per VM, a bounded number at once); a newer live event during the
   * request makes it ask again.
   */
  confirm(vmId: string, attempt = 0): void {
    const key = this.keyOf(vmId);
    if (!this.d.alive() || this.inFlight.has(key)) return;
    if (this.known.queued.has(key) || this.unknown.queued.has(key)) return;
    const pool = this.d.getVm(vmId) ? this.known : this.unknown;
    if (pool.running >= pool.limit) {
      if (pool === this.unknown && pool.queued.size >= MAX_QUEUED_LOOKUPS) return;
      pool.queued.set(key, { vmId, attempt });
      return;
    }
    this.start(pool, key, vmId, attempt);
  }

  private next(pool: Pool): void {
    while (pool.running < pool.limit && pool.queued.size > 0) {
      const first = pool.queued.entries().next().value;
      if (!first) return;
      const [key, { vmId, attempt }] = first;
      pool.queued.delete(key);
      if (!this.d.alive()) {
        pool.queued.clear();
        return;
      }
      if (!this.inFlight.has(key)) this.start(pool, key, vmId, attempt);
    }
  }

  private start(pool: Pool, key: string, vmId: string, attempt: number): void {
    this.inFlight.set(key, 0);
    pool.running++;
    const done = (): void => {
      pool.running--;
      this.next(pool);
    };
    this.d.rest.getMachine(vmId).then(
      (vm) => {
        const overtaken = (this.inFlight.get(key) ?? 0) !== 0;
        this.inFlight.delete(key);
        done();
        if (!this.d.accepting()) return;
        if (overtaken && attempt < MAX_STALE_RETRIES) {
          this.confirm(vmId, attempt + 1);
          return;
        }
        const at = this.d.now();
        if (vm === null) this.d.apply({ type: 'vm-removed', hostId: this.d.hostId, vmId });
        else this.d.apply({ type: 'vm-upsert', hostId: this.d.hostId, vm, at, offline: false });
        this.watch(vmId, at);
      },
      (err: unknown) => {
        this.inFlight.delete(key);
        done();
        if (!this.d.alive()) return;
        if (errorKind(err) === 'unauthorized') this.d.onUnauthorized(errorMessage(err));
        else
          this.d.logger.warn('VM confirmation failed', { hostId: this.d.hostId, error: errorMessage(err) });
      },
    );
  }

  /** After a change: arm the "did it settle?" deadline while the VM is transitional, disarm once settled. */
  watch(vmId: string, now: number): void {
    const vm = this.d.getVm(vmId);
    // The store's id string, not the frame's: a regex capture is a slice that would keep the whole frame alive.
    if (vm && isTransitionalState(vm.state)) this.deadlines.arm(this.keyOf(vmId), vm.id, now);
    else this.forget(vmId, now);
  }

  /** The VM is gone or settled: no deadline for it. */
  forget(vmId: string, now?: number): void {
    if (this.deadlines.size > 0) this.deadlines.disarm(this.keyOf(vmId), now);
  }

  /** Connection down: no deadlines (requests in flight finish and are dropped by `accepting`). */
  clear(): void {
    this.deadlines.clear();
    this.known.queued.clear();
    this.unknown.queued.clear();
  }

  /**
   * The VM's store key (this host's VMs only, so as unique as the normalised id). Why the store key: the store
   * lookup for the same event just computed it, so this is a memo hit instead of a second hash of the frame's id.
   */
  private keyOf(vmId: string): string {
    return vmKey(this.d.hostId, vmId);
  }
}
