// What the notify policy hands to the shell: the only shape that crosses from notify/ to a native notification.
import type { HostId } from '../../shared/model';

/** What the notify policy decided to show. The shell turns it into a native notification. */
export interface NotificationIntent {
  /** Stable id of the transition (dedupe key), e.g. `${hostId}/${vmId}/stopped/${eventId}`. */
  readonly id: string;
  readonly hostId: HostId;
  /** Absent for summaries and host-level notifications. */
  readonly vmId?: string;
  /** Farm mode: the farm host of `vmId` (or the one farm host a host-level notification is about). */
  readonly farmHostId?: string;
  readonly title: string;
  readonly body: string;
  readonly offline: boolean;
  /** Every VM transition this notification tells about (one for a single, all of them for a summary). */
  readonly covers: readonly {
    readonly hostId: HostId;
    readonly vmId: string;
    readonly farmHostId?: string;
  }[];
}

export interface NotificationSink {
  show(intent: NotificationIntent): void;
}
