// What this host's live stream said recently about each VM, for two judgements the sync makes:
// - a VM_UPDATED whose state contradicts a state event seen in the last few seconds is probably the periodic full
//   refresh's older snapshot (startAutoCacheRefresh sends it from its own goroutine), so it is confirmed first;
// - a VM whose last event was its removal is not looked up (a miss costs the server ≥ 5 s, protocol §8.2).
// Bounded, so ephemeral VM ids do not accumulate for the life of a connection:
// - state events in two generations of at most GENERATION_ENTRIES each: a full current generation becomes the
//   previous one and the one before is dropped. Why not an exact LRU: re-ordering a Map per event (delete + set, and a
//   prune walk once full) was the largest single cost of a streaming host (~0.8 µs of ~6 µs per event, 1,000 VMs);
//   a generation swap costs one set per event. Every answer is checked against the window anyway, so a VM noted
//   among the last GENERATION_ENTRIES + 1 VMs noted is always remembered, and at most 2 × (GENERATION_ENTRIES + 1)
//   are kept. A generation holds a whole streaming host (see GENERATION_ENTRIES), so in steady streaming a note
//   overwrites its VM's entry and no generation is ever swapped;
// - removals (rare; they carry no window) in an exact oldest-first map, pruned once over MAX_ENTRIES.
import { vmKey } from '../../shared/model';

const MAX_ENTRIES = 512;
/**
 * Why larger than MAX_ENTRIES: with a host's VMs outnumbering a generation, every note was a new entry and every
 * ~generation's worth of notes swapped in a fresh Map that regrew through each capacity — ~110 of the ~1,500 bytes
 * allocated per event at 1,000 streaming VMs, all of it young garbage. The bound still holds for ephemeral ids: at
 * most 2 × 2,049 keys (a few hundred KB) per host, and only when that many distinct VMs streamed within a window.
 */
const GENERATION_ENTRIES = 2048;

export class VmEventMemory {
  private stateEventAt = new Map<string, number>();
  /** The generation before `stateEventAt` (read only; dropped at the next swap). */
  private olderStateEventAt = new Map<string, number>();
  private readonly removed = new Map<string, number>();

  constructor(
    private readonly hostId: string,
    private readonly windowMs: number,
  ) {}

  noteStateEvent(vmId: string, at: number): void {
    const key = vmKey(this.hostId, vmId);
    if (this.removed.size > 0) this.removed.delete(key);
    this.stateEventAt.set(key, at);
    if (this.stateEventAt.size > GENERATION_ENTRIES) {
      this.olderStateEventAt = this.stateEventAt;
      this.stateEventAt = new Map();
    }
  }

  noteRemoved(vmId: string, at: number): void {
    const key = vmKey(this.hostId, vmId);
    this.stateEventAt.delete(key);
    this.olderStateEventAt.delete(key);
    this.removed.delete(key);
    this.removed.set(key, at);
    this.prune(this.removed, at);
  }

  /** Any other event about the VM (added, updated): it is no longer "last seen removed". */
  noteSeen(vmId: string): void {
    if (this.removed.size > 0) this.removed.delete(vmKey(this.hostId, vmId));
  }

  hadRecentStateEvent(vmId: string, now: number): boolean {
    const key = vmKey(this.hostId, vmId);
    const at = this.stateEventAt.get(key) ?? this.olderStateEventAt.get(key);
    return at !== undefined && now - at <= this.windowMs;
  }

  lastWasRemoval(vmId: string): boolean {
    return this.removed.has(vmKey(this.hostId, vmId));
  }

  clear(): void {
    this.stateEventAt.clear();
    this.olderStateEventAt.clear();
    this.removed.clear();
  }

  /** Oldest-first: once over MAX_ENTRIES, the excess goes, and so does every entry older than a window. */
  private prune(map: Map<string, number>, now: number): void {
    if (map.size <= MAX_ENTRIES) return;
    for (const [key, at] of map) {
      if (map.size <= MAX_ENTRIES && now - at <= this.windowMs) break;
      map.delete(key);
    }
  }
}
