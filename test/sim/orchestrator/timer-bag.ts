// A set of timers that can be cleared at once: one bag per host link (cleared when the link drops) and one for the
// orchestrator's background loops (cleared on close), so no timer outlives what it simulates.

export class TimerBag {
  private readonly handles = new Set<NodeJS.Timeout>();

  /** One-shot; forgets itself when it fires. */
  after(ms: number, run: () => void): void {
    const t = setTimeout(() => {
      this.handles.delete(t);
      run();
    }, ms);
    t.unref();
    this.handles.add(t);
  }

  every(ms: number, run: () => void): void {
    const t = setInterval(run, ms);
    t.unref();
    this.handles.add(t);
  }

  /** Resolves after `ms` (or never, if the bag is cleared first: whatever waited is being torn down). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  clear(): void {
    for (const t of this.handles) clearTimeout(t);
    this.handles.clear();
  }

  get size(): number {
    return this.handles.size;
  }
}
