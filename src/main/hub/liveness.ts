// The "no frame or ping for N s" deadline of one connection attempt, kept lazily: a sign of life only records its
// time, and the one timer, when it runs out, compares that time with the window and re-arms for what is left.
// Why (issue 15 Scale): re-arming a timer on every socket read (clearTimeout + setTimeout) was paid per read on
// every host, and a farm's reads are small (one host's frame or two each), so it grew with the number of hosts.
// A sign of life that comes after half the window re-arms at once instead: an idle link (a hub ping every 30 s,
// a 45 s window) then never wakes the process between pings, while a busy one re-arms at most twice a window.
// Same verdicts as a timer re-armed per read: the attempt is dead exactly windowMs after its last sign of life.
import type { Clock, TimerHandle, Timers } from '../kernel/clock';

export class LivenessDeadline {
  private timer: TimerHandle | null = null;
  private armedAt = 0;
  private lastAliveAt = 0;
  /**
   * A sign of life came after the timer was armed. Checked together with the time: a wall clock stepped back
   * (NTP, a manual change) makes the elapsed time look short, and without this flag the window could stretch by
   * the size of the step; with it, a link silent since the last arming is dead when the timer runs out.
   */
  private aliveSinceArmed = false;

  constructor(
    private readonly o: { clock: Clock; timers: Timers; windowMs: number; onExpired: () => void },
  ) {}

  /** A frame, a ping or a pong: no timer work while the running timer was armed less than half a window ago. */
  alive(): void {
    const now = this.o.clock.now();
    this.lastAliveAt = now;
    if (this.timer !== null && now - this.armedAt < this.o.windowMs / 2) {
      this.aliveSinceArmed = true;
      return;
    }
    this.stop();
    this.arm(this.o.windowMs);
  }

  stop(): void {
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.armedAt = this.o.clock.now();
    this.aliveSinceArmed = false;
    this.timer = this.o.timers.setTimeout(() => this.due(), ms);
  }

  private due(): void {
    this.timer = null;
    if (this.aliveSinceArmed) {
      const left = this.o.windowMs - (this.o.clock.now() - this.lastAliveAt);
      if (left > 0) {
        this.arm(Math.min(left, this.o.windowMs));
        return;
      }
    }
    this.o.onExpired();
  }
}
