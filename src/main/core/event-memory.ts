// What this host's live stream said recently about each VM, for two judgements the sync makes:
// - a VM_UPDATED whose state contradicts a state event seen in the last few seconds is probably the periodic full
//   refresh's older snapshot (startAutoCacheRefresh sends it from its own goroutine), so it is confirmed first;
// - a VM whose last event was its removal is not looked up (a miss costs the server ≥ 5 s, protocol §8.2).
// Bounded: old entries are pruned, so ephemeral VM ids do not accumulate for the life of a connection.
import { vmKey } from '../../shared/model';

const MAX_ENTRIES = 512;

export class VmEventMemory {
  private readonly stateEventAt = new Map<string, number>();
  private readonly removed = new Map<string, number>();

  constructor(
    private readonly hostId: string,
    private readonly windowMs: number,
  ) {}

  noteStateEvent(vmId: string, at: number): void {
    const key = vmKey(this.hostId, vmId);
    this.removed.delete(key);
    this.stateEventAt.delete(key); // re-insert: Map order stays oldest-first for pruning
    this.stateEventAt.set(key, at);
    this.prune(this.stateEventAt, at);
  }

  noteRemoved(vmId: string, at: number): void {
    const key = vmKey(this.hostId, vmId);
    this.stateEventAt.delete(key);
    this.removed.delete(key);
    this.removed.set(key, at);
    this.prune(this.removed, at);
  }

  /** Any other event about the VM (added, updated): it is no longer "last seen removed". */
  noteSeen(vmId: string): void {
    if (this.removed.size > 0) this.removed.delete(vmKey(this.hostId, vmId));
  }

  hadRecentStateEvent(vmId: string, now: number): boolean {
    const at = this.stateEventAt.get(vmKey(this.hostId, vmId));
    return at !== undefined && now - at <= this.windowMs;
  }

  lastWasRemoval(vmId: string): boolean {
    return this.removed.has(vmKey(this.hostId, vmId));
  }

  clear(): void {
    this.stateEventAt.clear();
    this.removed.clear();
  }

  private prune(map: Map<string, number>, now: number): void {
    if (map.size <= MAX_ENTRIES) return;
    for (const [key, at] of map) {
      if (map.size <= MAX_ENTRIES && now - at <= this.windowMs) break;
      map.delete(key);
    }
  }
}
