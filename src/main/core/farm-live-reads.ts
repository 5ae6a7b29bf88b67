// The farm's live reads (orchestrator-protocol.md §2.5, §6.4): `/status` is the only per-VM read that asks the host
// itself, so it decides every doubt the orchestrator's cache cannot (§3.5, §3.6). Here: the bounded reads, the one
// "read live, then resolve against what we show now" step (verifyLive), its two users (a plain check, and the
// targeted resync of a host after a link or health gap that tells the stops found), and the resync's retries.
import { errorKind, errorMessage } from './hub-ports';
import type { ChangeSource } from './sync';
import { resolveTargetedResync, vmsToVerify, type ResyncOutcome, type StatusRead } from './farm-resync';
import type { FarmVmRecord } from './farm-rules';
import type { FollowUpDeps } from './farm-follow-up-deps';
import { forEachLimited } from '../kernel/for-each-limited';

const STATUS_READS_AT_ONCE = 8;
const MAX_RESYNC_RETRIES = 3;

export class FarmLiveReads {
  private readonly resyncing = new Set<string>();

  constructor(private readonly d: FollowUpDeps) {}

  /** Reads VMs live and applies what differs; returns the states read (vm id -> state). */
  async readLive(
    hostId: string,
    vmIds: readonly string[],
    source: ChangeSource,
  ): Promise<Map<string, string>> {
    const before = this.d.state.vmsOf(hostId).filter((r) => vmIds.includes(r.vm.id));
    const verified = await this.verifyLive(hostId, before);
    if (verified === null) return new Map();
    this.d.batch(() => this.d.apply(verified.outcome.steps, source));
    const states = new Map<string, string>();
    for (const [id, r] of verified.reads) if (r.ok) states.set(id, r.state);
    return states;
  }

  /** §6.4 option 1 for one host: every VM not stopped before the gap is read live; stops found are told as such. */
  async resyncHost(hostId: string, attempt: number): Promise<void> {
    const h = this.d.state.host(hostId);
    if (!h || this.resyncing.has(hostId)) return;
    this.resyncing.add(hostId);
    h.verifying = true;
    try {
      const before = this.d.state.vmsOf(hostId);
      const verified = await this.verifyLive(hostId, before, vmsToVerify(before));
      if (verified === null || this.d.state.host(hostId) !== h) return;
      const out = verified.outcome;
      this.d.batch(() => {
        if (out.stoppedMeanwhile.length > 0)
          this.d.hooks.policy({
            type: 'farm-host-back',
            hostId: this.d.state.entryId,
            host: { farmHostId: h.id, name: h.name },
            stopped: out.stoppedMeanwhile.map((id) => ({
              vmId: id,
              vmName: this.d.state.vm(hostId, id)?.vm.name ?? id,
            })),
            cause: h.gap ?? 'link',
          });
        this.d.apply(out.steps, 'resync');
        h.verifying = false;
        if (out.unverified.length === 0) h.gap = null;
      });
      if (out.unverified.length > 0 && attempt < MAX_RESYNC_RETRIES)
        this.d.timers.set(
          `resync/${hostId}`,
          this.d.timings.resyncRetryMs,
          () => void this.resyncHost(hostId, attempt + 1),
        );
    } finally {
      this.resyncing.delete(hostId);
      h.verifying = false;
    }
  }

  /**
   * Reads `vmIds` (default: every VM of `before`) live and resolves the answers against what is shown by the time
   * they arrive (an event newer than the read wins). Null when the farm went down meanwhile: nothing to apply.
   */
  private async verifyLive(
    hostId: string,
    before: readonly FarmVmRecord[],
    vmIds: readonly string[] = before.map((r) => r.vm.id),
  ): Promise<{ outcome: ResyncOutcome; reads: ReadonlyMap<string, StatusRead> } | null> {
    const sentAt = this.d.now();
    const reads = await this.statusReads(hostId, vmIds);
    if (!this.d.isLive()) return null;
    const current = (id: string): FarmVmRecord | undefined => this.d.state.vm(hostId, id);
    return { outcome: resolveTargetedResync(hostId, before, reads, current, sentAt, this.d.now()), reads };
  }

  private async statusReads(hostId: string, vmIds: readonly string[]): Promise<Map<string, StatusRead>> {
    const reads = new Map<string, StatusRead>();
    await forEachLimited(vmIds, STATUS_READS_AT_ONCE, async (vmId) => {
      try {
        const r = await this.d.farm.vmStatus(hostId, vmId);
        reads.set(vmId, r.ok ? { ok: true, state: r.state } : { ok: false, reason: r.reason });
      } catch (err) {
        if (errorKind(err) === 'unauthorized') this.d.unauthorized(errorMessage(err));
        reads.set(vmId, { ok: false, reason: 'host-unavailable' });
      }
    });
    return reads;
  }
}
