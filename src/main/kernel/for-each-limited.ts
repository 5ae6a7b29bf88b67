// A bounded-concurrency loop: a farm's per-host lists and /status reads must not flood the orchestrator (each list
// or read makes it ask a host), yet forty hosts one at a time would make "live" wait for the slowest sum.

/** Runs `work` over `items` with at most `limit` in flight; the first failure rejects (the rest are not started). */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
