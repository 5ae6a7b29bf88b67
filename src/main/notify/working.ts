// The notify policy's working copy while one batch of inputs is decided (see decideAll in notify-policy.ts).
// Internal to the policy: copy-on-write so a batch costs one copy of each collection it writes, at most.
import { vmKey, type HostId } from '../../shared/model';
import type { NotificationRules } from '../../shared/settings';
import type { PolicyOwnership, PolicyState } from './state';
import type { Notice } from './text';

export const MINUTE = 60_000;

/**
 * The policy state while a batch is decided. Scalars are plain fields; each collection is read from the input
 * state until the first write, which copies it into a private one. Nothing outside this module ever holds the
 * private collections before `freeze()`, and after freeze the working copy is dropped.
 */
export class Working {
  rules: NotificationRules;
  pausedUntil: number | null;
  windowEndsAt: number | null;
  sentAt: readonly number[];
  private mutedW: Set<string> | null = null;
  private settledW: Map<string, string> | null = null;
  private pendingW: Map<string, Notice> | null = null;
  private lostW: Set<HostId> | null = null;
  private settledAtW: Map<string, number> | null = null;

  /**
   * `owns`: the caller guarantees nobody but itself has seen `s.lastSettled` / `s.pending` since a working copy
   * built it (notify-runner.ts tracks this), so it may be written in place. Why: copying every VM's settled
   * state (or every queued notice) per socket read was most of a batch's policy cost with 1,000 VMs streaming.
   */
  constructor(
    private readonly s: PolicyState,
    private readonly owns: PolicyOwnership = {},
  ) {
    this.rules = s.rules;
    this.pausedUntil = s.pausedUntil;
    this.windowEndsAt = s.windowEndsAt;
    this.sentAt = s.sentAt;
  }

  get windowMs(): number {
    return this.s.windowMs;
  }
  get muted(): ReadonlySet<string> {
    return this.mutedW ?? this.s.muted;
  }
  get lastSettled(): ReadonlyMap<string, string> {
    return this.settledW ?? this.s.lastSettled;
  }
  get pending(): ReadonlyMap<string, Notice> {
    return this.pendingW ?? this.s.pending;
  }
  get settledAt(): ReadonlyMap<string, number> {
    return this.settledAtW ?? this.s.settledAt;
  }
  /**
   * Written when a VM really settles somewhere new (or is first seen). In place when owned, like lastSettled:
   * copied per batch, this map (one entry per VM of every host) made each socket read of a farm cost O(all VMs),
   * and a farm's reads are small (one host's few frames each), so CPU per event grew with the number of hosts.
   */
  writeSettledAt(): Map<string, number> {
    return (this.settledAtW ??= this.owns.settledAt
      ? (this.s.settledAt as Map<string, number>)
      : new Map(this.s.settledAt));
  }
  get lostNotified(): ReadonlySet<HostId> {
    return this.lostW ?? this.s.lostNotified;
  }
  writeMuted(): Set<string> {
    return (this.mutedW ??= new Set(this.s.muted));
  }
  writeSettled(): Map<string, string> {
    return (this.settledW ??= this.owns.settled
      ? (this.s.lastSettled as Map<string, string>)
      : new Map(this.s.lastSettled));
  }
  writeLost(): Set<HostId> {
    return (this.lostW ??= new Set(this.s.lostNotified));
  }
  /** Replace the queue (the working copy now owns a fresh map). */
  setPending(list: readonly Notice[]): void {
    const map = new Map<string, Notice>();
    for (const n of list) map.set(vmKey(n.hostId, n.vmId, n.farmHostId), n);
    this.pendingW = map;
  }
  /**
   * Queue a notice for the next summary, at most one per VM (the latest, in the VM's first place): a summary
   * counts VMs, and a farm that flaps for minutes while the rate cap defers the summary must not queue one
   * notice per event without bound. Keyed by VM so a batch costs no index rebuild (it was rebuilt per batch,
   * a 1,000-entry map per socket read while a burst waited for its summary).
   */
  pushPending(n: Notice): void {
    this.pendingW ??= this.owns.pending ? (this.s.pending as Map<string, Notice>) : new Map(this.s.pending);
    this.pendingW.set(vmKey(n.hostId, n.vmId, n.farmHostId), n);
  }

  silenced(hostId: HostId, vmId: string, now: number, farmHostId?: string): boolean {
    if (this.pausedUntil !== null && now < this.pausedUntil) return true;
    return this.muted.size > 0 && this.muted.has(vmKey(hostId, vmId, farmHostId));
  }

  rateOk(now: number): boolean {
    let recent = 0;
    for (const t of this.sentAt) if (t > now - MINUTE) recent++;
    return recent < this.s.rateCapPerMinute;
  }

  recordSend(now: number): void {
    this.sentAt = [...this.sentAt.filter((t) => t > now - MINUTE), now];
  }

  freeze(): PolicyState {
    const s = this.s;
    const unchanged =
      this.rules === s.rules &&
      this.pausedUntil === s.pausedUntil &&
      this.windowEndsAt === s.windowEndsAt &&
      this.sentAt === s.sentAt &&
      !this.mutedW &&
      !this.settledW &&
      !this.pendingW &&
      !this.lostW &&
      !this.settledAtW;
    if (unchanged) return s;
    return {
      rules: this.rules,
      windowMs: s.windowMs,
      rateCapPerMinute: s.rateCapPerMinute,
      muted: this.muted,
      pausedUntil: this.pausedUntil,
      lastSettled: this.lastSettled,
      settledAt: this.settledAt,
      windowEndsAt: this.windowEndsAt,
      pending: this.pending,
      sentAt: this.sentAt,
      lostNotified: this.lostNotified,
    };
  }
}
