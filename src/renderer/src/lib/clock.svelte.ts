// One ticker for every relative time on the page. It ticks every 30 s normally, every second while a countdown
// is on screen, and not at all while the page is hidden (the popover does no work while hidden).
export const SLOW_TICK_MS = 30_000;
export const FAST_TICK_MS = 1_000;

export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;
  #period = 0;

  /** (Re)starts ticking at the given period; a no-op when already ticking at that period. */
  run(periodMs: number): void {
    if (this.#timer !== null && this.#period === periodMs) return;
    this.stop();
    this.now = Date.now();
    this.#period = periodMs;
    this.#timer = setInterval(() => {
      this.now = Date.now();
    }, periodMs);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#period = 0;
  }
}
