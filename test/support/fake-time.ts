// The one manual Clock + Timers for tests: nothing fires and no time passes until the test says so.
// (Replaces two near-copies that lived in test/unit/hub and test/unit/monitor.)
import type { Clock, TimerHandle, Timers } from '../../src/main/kernel/clock';

interface Entry {
  readonly id: number;
  readonly at: number;
  readonly ms: number;
  readonly callback: () => void;
}

export class FakeTime implements Clock, Timers {
  private current: number;
  private nextId = 1;
  private readonly entries = new Map<number, Entry>();

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** A negative delay is due now (as setTimeout treats it), never in the past. */
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.entries.set(id, { id, at: this.current + Math.max(0, ms), ms, callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'object' && handle !== null && 'id' in handle)
      this.entries.delete((handle as { id: number }).id);
  }

  /** Pending timers, soonest first (equal due times in the order they were set). */
  pending(): { at: number; ms: number }[] {
    return this.sorted().map(({ at, ms }) => ({ at, ms }));
  }

  get pendingCount(): number {
    return this.entries.size;
  }

  /** Moves time forward, firing every timer that falls due (in order, including ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.sorted()[0];
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.current = target;
  }

  /** Jumps to the soonest timer and fires it; returns its delay, or null if none. */
  fireNext(): number | null {
    const next = this.sorted()[0];
    if (!next) return null;
    this.fire(next);
    return next.ms;
  }

  /** Moves the wall clock only (timers untouched), e.g. to make a token near expiry. */
  setNow(ms: number): void {
    this.current = ms;
  }

  private sorted(): Entry[] {
    return [...this.entries.values()].sort((a, b) => a.at - b.at || a.id - b.id);
  }

  private fire(entry: Entry): void {
    this.entries.delete(entry.id);
    this.current = Math.max(this.current, entry.at);
    entry.callback();
  }
}
