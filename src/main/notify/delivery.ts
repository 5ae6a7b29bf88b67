// The send side of the notify policy (policy.ts decides *what* happened; this decides *when* it is said): the
// leading-edge single, the burst window that folds the rest into one summary, the rate cap that defers (never
// drops) summaries, and the host-level alert when most of a host's VMs stop in one burst. Pure, on a Working copy.
import type { NotificationRules } from '../../shared/settings';
import type { NotificationIntent } from './intent';
import { hostStoppedAlert, single, summary, type Notice } from './text';
import { MINUTE, type Working } from './working';

export function wants(rules: NotificationRules, what: string): boolean {
  if (!rules.enabled) return false;
  switch (what) {
    case 'stopped':
      return rules.onStopped;
    case 'suspended':
      return rules.onSuspended;
    case 'paused':
      return rules.onPaused;
    case 'added':
      return rules.onAdded;
    case 'removed':
      return rules.onRemoved;
    default:
      return false;
  }
}

export function enqueue(w: Working, n: Notice, now: number, out: NotificationIntent[]): void {
  const windowOpen = w.windowEndsAt !== null && now < w.windowEndsAt;
  if (!windowOpen && w.rateOk(now)) {
    w.windowEndsAt = now + w.windowMs;
    w.recordSend(now);
    out.push(single(n));
    return;
  }
  w.pushPending(n);
  if (!windowOpen) w.windowEndsAt = now + w.windowMs;
}

export function tick(w: Working, now: number, out: NotificationIntent[]): void {
  if (w.windowEndsAt === null || now < w.windowEndsAt) return;
  // Anything muted or paused since it was queued stays silent.
  const pending: Notice[] = [];
  for (const n of w.pending.values())
    if (!w.silenced(n.hostId, n.vmId, now, n.farmHostId) && wants(w.rules, n.what)) pending.push(n);
  if (pending.length === 0) {
    w.setPending([]);
    w.windowEndsAt = null;
    return;
  }
  if (!w.rateOk(now)) {
    const oldest = Math.min(...w.sentAt.filter((t) => t > now - MINUTE));
    w.setPending(pending);
    w.windowEndsAt = oldest + MINUTE;
    return;
  }
  // Keep a window open after a summary, so a long burst yields at most one notification per window.
  w.setPending([]);
  w.windowEndsAt = now + w.windowMs;
  w.recordSend(now);
  out.push(hostAlert(w, pending, now) ?? summary(pending, now));
}

/** A burst this large is a host-level event (power, disk, hypervisor), not 30 separate VM problems. */
const HOST_ALERT_MIN_VMS = 5;
const HOST_ALERT_SHARE = 0.5;

/**
 * When most of one host's VMs stopped in the same burst, say that (once) instead of "29 more VMs stopped".
 * Runs once per summary, so the scan over the settled map (one entry per known VM) is not on the event path.
 */
function hostAlert(w: Working, pending: readonly Notice[], now: number): NotificationIntent | null {
  const first = pending[0];
  if (first === undefined) return null;
  if (
    pending.some(
      (n) => n.hostId !== first.hostId || n.farmHostId !== first.farmHostId || n.what !== 'stopped',
    )
  )
    return null;
  // For a farm VM the "host" is its farm host (the prefix of its VMs' keys), not the whole orchestrator entry.
  const prefix = first.farmHostId === undefined ? `${first.hostId}/` : `${first.hostId}/${first.farmHostId}/`;
  let known = 0;
  let stopped = 0;
  for (const [key, state] of w.lastSettled) {
    if (!key.startsWith(prefix)) continue;
    known++;
    if (state === 'stopped') stopped++;
  }
  if (pending.length < HOST_ALERT_MIN_VMS || stopped < known * HOST_ALERT_SHARE) return null;
  // Once per crossing, without extra state: only the burst that took the host past the share says so; the next
  // bursts of a long outage are plain summaries again (it was already said).
  if (stopped - pending.length >= known * HOST_ALERT_SHARE) return null;
  return hostStoppedAlert(pending, { stopped, known }, now);
}
