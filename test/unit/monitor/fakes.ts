// Deterministic clock + timers for monitor unit tests: time moves only when the test says so.
import type { Clock, TimerHandle, Timers } from '../../../src/main/monitor/ports';

export class FakeTime implements Clock, Timers {
  private t: number;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; run: () => void }>();

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + Math.max(0, ms), run: callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle as number);
  }

  get timerCount(): number {
    return this.pending.size;
  }

  /** Advance time, firing due timers in order (timers scheduled while advancing fire too if due). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; run: () => void }] | undefined;
      for (const e of this.pending) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.pending.delete(next[0]);
      this.t = next[1].at;
      next[1].run();
    }
    this.t = end;
  }
}
