// How often a crashed renderer is reloaded: a page that crashes on load would otherwise reload in a tight loop,
// burning CPU forever. PURE, with an injected clock.
const MAX_RELOADS = 3;
const RELOAD_WINDOW_MS = 60_000;

export interface CrashLimiter {
  /** Record a crash; true when one more reload is allowed. */
  allowReload(): boolean;
}

export function createCrashLimiter(
  now: () => number,
  max = MAX_RELOADS,
  windowMs = RELOAD_WINDOW_MS,
): CrashLimiter {
  let crashes: number[] = [];
  return {
    allowReload() {
      const t = now();
      crashes = [...crashes.filter((at) => t - at < windowMs), t];
      return crashes.length <= max;
    },
  };
}
