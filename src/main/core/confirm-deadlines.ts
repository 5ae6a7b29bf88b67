// When to confirm VMs that sit in a transitional state ("stopping", "starting", ...) with GET /machines/{id}:
// each VM gets a deadline one window after its latest transitional event, and ONE timer serves them all.
// Why: a timer per VM meant a clearTimeout + setTimeout for every streaming event, a tenth of the per-event
// cost when a farm changes at once. Entries are updated in place (no allocation, no Map churn per event) and
// the timer scans them all when it fires; it fires at most once per CHECK_GRANULARITY_MS, so a confirmation
// may come up to that much after its deadline, never before.
import type { TimerHandle, Timers } from '../kernel/clock';

export const CHECK_GRANULARITY_MS = 250;

interface Entry {
  vmId: string;
  /** waiting: deadline `at`; confirming: a GET is in flight; idle: settled (since `at`), kept for reuse. */
  phase: 'waiting' | 'confirming' | 'idle';
  at: number;
  rearms: number;
}

export interface ConfirmDeadlinesDeps {
  timers: Timers;
  now: () => number;
  windowMs: number;
  /** A VM that never settles stops costing GETs after this many re-arms; the periodic reconcile covers it. */
  maxRearms: number;
  /**
   * A deadline passed. Returns true when a confirmation was started (the entry waits for its answer) and false
   * when the VM no longer needs one.
   */
  onDue: (vmId: string) => boolean;
}

export class ConfirmDeadlines {
  private readonly entries = new Map<string, Entry>();
  /** Entries waiting or confirming. */
  private active = 0;
  private timer: TimerHandle | null = null;

  constructor(private readonly d: ConfirmDeadlinesDeps) {}

  /** How many VMs are waiting for their deadline or for a confirmation's answer. */
  get size(): number {
    return this.active;
  }

  /** Entries kept, including settled ones waiting to be pruned (diagnostics and tests). */
  get retained(): number {
    return this.entries.size;
  }

  /** The VM (by its normalised key) is transitional: (re)start its window, counting re-arms. */
  arm(key: string, vmId: string, now: number = this.d.now()): void {
    let e = this.entries.get(key);
    if (e === undefined) {
      e = { vmId, phase: 'idle', at: now, rearms: -1 };
      this.entries.set(key, e);
    }
    e.rearms = e.phase === 'idle' ? 0 : e.rearms + 1;
    if (e.phase === 'idle') this.active++;
    e.vmId = vmId;
    if (e.rearms > this.d.maxRearms) {
      this.settle(e, now);
      return;
    }
    e.phase = 'waiting';
    e.at = now + this.d.windowMs;
    // A running timer is never moved: it was set at most one window ago for at most one window, so it fires no
    // later than this new deadline (the timers run on elapsed time). Moving it "earlier" by comparing wall-clock
    // deadlines only ever happened after the wall clock was set back, and then postponed the VMs already waiting.
    if (this.timer === null) this.schedule(e.at);
  }

  /** The VM settled or is gone. The timer is left alone: a check that finds nothing to do just stops. */
  disarm(key: string, now: number = this.d.now()): void {
    if (this.active === 0) return;
    const e = this.entries.get(key);
    if (e !== undefined && e.phase !== 'idle') this.settle(e, now);
  }

  clear(): void {
    this.entries.clear();
    this.active = 0;
    if (this.timer !== null) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private settle(e: Entry, now: number): void {
    e.phase = 'idle';
    e.at = now;
    this.active--;
  }

  /** Only called with no timer running (arm, or check after its timer fired). */
  private schedule(at: number): void {
    // A wall clock set back must not postpone confirmations by hours: never wait longer than one window.
    const delay = Math.min(Math.max(0, at - this.d.now()), this.d.windowMs);
    this.timer = this.d.timers.setTimeout(() => {
      this.timer = null;
      this.check();
    }, delay);
  }

  private check(): void {
    const now = this.d.now();
    const window = this.d.windowMs;
    let next = Infinity;
    for (const [key, e] of this.entries) {
      if (e.phase === 'idle') {
        // Settled for a whole window: forget it (removed VMs must not accumulate).
        if (e.at + window <= now || e.at > now + window) this.entries.delete(key);
        continue;
      }
      if (e.phase === 'confirming') continue;
      // A deadline more than one window ahead can only come from a wall clock set back: it is due now.
      if (e.at <= now || e.at > now + window) {
        if (this.d.onDue(e.vmId)) e.phase = 'confirming';
        else this.settle(e, now);
      } else if (e.at < next) next = e.at;
    }
    if (next !== Infinity) this.schedule(Math.max(next, now + CHECK_GRANULARITY_MS));
  }
}
