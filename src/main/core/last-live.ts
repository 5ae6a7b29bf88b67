// When each host stopped being live, so its last-known VMs can be shown "as of" that time (HostSummary.dataAsOf)
// instead of looking current. Pure bookkeeping: the caller passes the previous status and the time.
import type { ConnectionStatus, ConnectionTag, HostId } from '../../shared/model';

export class LastLiveTracker {
  readonly #at = new Map<HostId, number>();

  /** Host ids -> epoch ms they were last live; only hosts that were live and no longer are. */
  get map(): ReadonlyMap<HostId, number> {
    return this.#at;
  }

  /** Records the moment a live host leaves 'live'; a host that becomes live again is current. */
  note(hostId: HostId, previous: ConnectionTag | undefined, next: ConnectionStatus, now: number): void {
    if (next.tag === 'live') this.#at.delete(hostId);
    else if (previous === 'live') this.#at.set(hostId, now);
  }

  forget(hostId: HostId): void {
    this.#at.delete(hostId);
  }
}
