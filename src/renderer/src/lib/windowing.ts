// Simple list windowing with per-item heights (host headers are shorter than VM rows). Pure and O(log n) per
// scroll, so 1,000+ VMs render only the ~20 rows in view.

/** offsets[i] is the top of item i; offsets[n] is the total height. */
export function layout(heights: readonly number[]): number[] {
  const offsets = new Array<number>(heights.length + 1);
  let y = 0;
  for (let i = 0; i < heights.length; i++) {
    offsets[i] = y;
    y += heights[i] ?? 0;
  }
  offsets[heights.length] = y;
  return offsets;
}

/** layout() without building the heights array first: height(i) is the height of item i of n. */
export function layoutBy(n: number, height: (index: number) => number): number[] {
  const offsets = new Array<number>(n + 1);
  let y = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = y;
    y += height(i);
  }
  offsets[n] = y;
  return offsets;
}

/** Index of the item containing y (clamped to [0, n-1]); n = offsets.length - 1. */
export function indexAt(offsets: readonly number[], y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Range {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export function visibleRange(
  offsets: readonly number[],
  scrollTop: number,
  viewportHeight: number,
  overscan = 6,
): Range {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const first = indexAt(offsets, Math.max(0, scrollTop));
  const last = indexAt(offsets, Math.max(0, scrollTop + viewportHeight - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(n, last + 1 + overscan) };
}

/** The scrollTop that brings item i fully into view, or null when it already is. */
export function scrollToReveal(
  offsets: readonly number[],
  index: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  const top = offsets[index];
  const bottom = offsets[index + 1];
  if (top === undefined || bottom === undefined) return null;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}

/**
 * Whether a list of `items` rows is windowed (only the rows in view rendered), judged by the WHOLE list: the rows
 * a first screen left out (shared/first-screen.ts, counted in `omitted`) land a frame later. Judged by its own ~45
 * rows a first screen was rendered whole, every row mounted before the first frame: at 1,000 VMs 40 rows and 547
 * DOM nodes where 13 rows and 227 nodes are in view, and the list switched to windowed as the rest landed.
 */
export function isWindowed(
  items: number,
  omitted: readonly { readonly count: number }[] | undefined,
  threshold: number,
): boolean {
  let total = items;
  if (omitted !== undefined) for (const o of omitted) total += o.count;
  return total > threshold;
}
