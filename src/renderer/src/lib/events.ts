// The "Recent events" list: which events to show and how many. Pure, so the windowing rules are unit-tested.
import type { HubEvent } from '../../../shared/model';

/** Rows rendered when the popover opens: the pane shows about six, so this fills it with some to spare. */
export const EVENTS_FIRST_PAGE = 10;
/** Rows added each time the user scrolls near the end or asks for more. */
export const EVENTS_PAGE = 20;
/** Never more rows than this, however long the log is. */
export const EVENTS_MAX = 100;

/** Event ids are decimal counters from main; anything else compares as text so the order is still total. */
export function compareEventIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first: by time, then by id (two events in the same millisecond keep the order main gave them ids in). */
function compareOldestFirst(a: HubEvent, b: HubEvent): number {
  return a.at - b.at || compareEventIds(a.id, b.id);
}

/**
 * The newest `limit` events, newest first. Main appends to its log, so the input is almost always already oldest
 * first: then this is one O(n) check plus a slice, instead of copying and sorting the whole log on every push.
 * Anything out of order (an offline event stamped earlier, a merged multi-host log) falls back to a full sort.
 */
export function recentEvents(events: readonly HubEvent[], limit: number): HubEvent[] {
  const count = Math.floor(limit);
  if (!(count > 0) || events.length === 0) return [];
  let ordered = true;
  for (let i = 1; i < events.length; i++) {
    if (compareOldestFirst(events[i - 1] as HubEvent, events[i] as HubEvent) > 0) {
      ordered = false;
      break;
    }
  }
  const oldestFirst = ordered ? events.slice(-count) : [...events].sort(compareOldestFirst).slice(-count);
  return oldestFirst.reverse();
}

/**
 * How many rows to render after the user wants more: one more page, capped by what exists and by EVENTS_MAX.
 * Never shrinks, so a push while the user is scrolled down does not yank rows away.
 */
export function nextEventLimit(current: number, available: number): number {
  const cap = Math.min(EVENTS_MAX, Math.max(0, available));
  return Math.max(current, Math.min(cap, current + EVENTS_PAGE));
}

/** True when the scrolled list is within `slack` px of its end, i.e. time to render the next page. */
export function nearEnd(scrollTop: number, clientHeight: number, scrollHeight: number, slack = 48): boolean {
  return scrollTop + clientHeight >= scrollHeight - slack;
}
