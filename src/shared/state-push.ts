// What main pushes to the popover on 'state:changed': the whole Snapshot only when the page has nothing to build
// on (first load, a reload, a gap), otherwise what changed since the previous push. Why: a full snapshot per push
// was 904 KB at 4,000 VMs, ~57 times a second while a farm streams, and its structured clone was 42% of main's
// CPU (issue 15, "Scale"). Every push is numbered; a delta names the push it builds on, so a page that missed one
// (or holds nothing yet) sees the gap and asks for a full one ('state:resync') instead of showing wrong data.
import type { HostSummary, HubEvent, NotificationHealth, PendingAction, Snapshot, Vm } from './model';

/** What changed since push number `base`. Absent fields did not change. */
export interface SnapshotDelta {
  readonly base: number;
  /** The whole host list when any host's summary changed (a handful of objects; their order is the VM order). */
  readonly hosts?: readonly HostSummary[];
  /** VMs added or changed, whole (a VM is ~200 bytes). */
  readonly upserts?: readonly Vm[];
  /** vmKeyOf keys of VMs that are gone. */
  readonly removed?: readonly string[];
  /**
   * Event-log entries added or rewritten (a settled stop folds into its entry, same id), oldest first, and the id
   * of the oldest entry still kept (the log is a bounded window): older ones are dropped.
   */
  readonly events?: { readonly changed: readonly HubEvent[]; readonly oldestId: string | null };
  readonly pending?: readonly PendingAction[];
  readonly mutedVms?: readonly string[];
  readonly notificationsPausedUntil?: number | null;
  readonly notificationHealth?: NotificationHealth;
  readonly generatedAt: number;
}

export type StatePush =
  | { readonly generation: number; readonly full: Snapshot }
  | { readonly generation: number; readonly delta: SnapshotDelta };

/**
 * The push generation main gave a pulled whole snapshot ('vm:snapshot' `pushGeneration`, a first screen's
 * `rest.pushGeneration`; main/ipc/push-deltas.ts adopt), checked like a push's numbers: a positive whole number,
 * or null (absent or malformed), when the page simply waits for a full push as before.
 */
export function readPushGeneration(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/**
 * The page's check of a push before it touches its state: the numbers that keep the stream consistent must be
 * what they claim, and the payload one of the two forms. (Main is trusted, but a page that applied a malformed
 * delta would show wrong data until the next reload; asking for a full snapshot costs one push.)
 */
export function readStatePush(value: unknown): StatePush | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.generation)) return null;
  if ('full' in v) {
    const s = v.full as Record<string, unknown> | null;
    const ok = typeof s === 'object' && s !== null && Array.isArray(s.vms) && Array.isArray(s.hosts);
    return ok ? (value as StatePush) : null;
  }
  if ('delta' in v) {
    const d = v.delta as Record<string, unknown> | null;
    const ok = typeof d === 'object' && d !== null && Number.isSafeInteger(d.base);
    return ok ? (value as StatePush) : null;
  }
  return null;
}
