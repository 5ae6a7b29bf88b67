// Named one-shot timers over the injected Timers (fake time in tests): setting a name again replaces its timer, so
// a farm's many follow-ups (per-host re-lists, per-VM checks, debounced host lists) never pile up duplicates.
import type { TimerHandle, Timers } from '../kernel/clock';

export class KeyedTimers {
  private readonly handles = new Map<string, TimerHandle>();

  constructor(private readonly timers: Timers) {}

  /** Runs `run` after `ms`, replacing any timer of the same name. */
  set(key: string, ms: number, run: () => void): void {
    this.clear(key);
    const handle = this.timers.setTimeout(
      () => {
        this.handles.delete(key);
        run();
      },
      Math.max(0, ms),
    );
    this.handles.set(key, handle);
  }

  /** Like set, but keeps an existing timer (a debounce that fires at the first request's deadline). */
  ensure(key: string, ms: number, run: () => void): void {
    if (!this.handles.has(key)) this.set(key, ms, run);
  }

  has(key: string): boolean {
    return this.handles.has(key);
  }

  clear(key: string): void {
    const handle = this.handles.get(key);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.handles.delete(key);
  }

  /** Every timer whose name starts with `prefix`. */
  clearPrefix(prefix: string): void {
    for (const key of [...this.handles.keys()]) if (key.startsWith(prefix)) this.clear(key);
  }

  clearAll(): void {
    for (const handle of this.handles.values()) this.timers.clearTimeout(handle);
    this.handles.clear();
  }
}
