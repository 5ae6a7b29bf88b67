// Pure: the words of a notification (one transition, or a summary of a burst). Split from notify-policy.ts,
// which decides *whether* and *when*; this file only decides *what it says*. Never a URL or a secret here.
import type { HostId } from '../../shared/model';
import type { NotificationIntent } from './ports';

export type OutageCause = 'unreachable' | 'credentials' | 'certificate';

/** A host that stayed disconnected past the user's limit, and why. */
export interface OutageInput {
  readonly hostName: string;
  readonly seconds: number;
  readonly cause?: OutageCause;
  readonly credential?: string;
}

/** One transition the policy decided to tell about. */
export interface Notice {
  readonly hostId: HostId;
  readonly hostName: string;
  readonly vmId: string;
  readonly vmName: string;
  /** 'stopped', 'suspended', 'paused', 'added' or 'removed'. */
  readonly what: string;
  readonly from: string | null;
  readonly offline: boolean;
  /** When the change happened (the notification id is built from it only when one is shown). */
  readonly at: number;
}

/** Why lazily: most notices of a burst wait in the summary queue and are replaced; building an id string for
 * each one was garbage that lived seconds (promoted out of the young generation). */
function noticeId(n: Notice): string {
  return `${n.hostId}/${n.vmId}/${n.what}/${n.from ?? ''}@${n.at}`;
}

const OFFLINE_NOTE = 'This happened while Hubwatch was disconnected.';

export function single(n: Notice): NotificationIntent {
  const was = n.from && n.what !== 'added' && n.what !== 'removed' ? ` (was ${n.from})` : '';
  const body = `On ${n.hostName}${was}.${n.offline ? ` ${OFFLINE_NOTE}` : ''}`;
  return {
    id: noticeId(n),
    hostId: n.hostId,
    vmId: n.vmId,
    title: `${n.vmName} ${n.what}`,
    body,
    offline: n.offline,
    covers: [{ hostId: n.hostId, vmId: n.vmId }],
  };
}

export function summary(items: readonly Notice[], now: number): NotificationIntent {
  const first = items[0] as Notice;
  const n = items.length;
  const allSame = items.every((i) => i.what === first.what);
  const vms = n === 1 ? 'VM' : 'VMs';
  const title = allSame ? `${n} more ${vms} ${first.what}` : `${n} more VM ${n === 1 ? 'change' : 'changes'}`;
  const shown = items.slice(0, 5).map((i) => `${i.vmName} (${i.hostName})`);
  const rest = n > shown.length ? `, and ${n - shown.length} more` : '';
  const offline = items.every((i) => i.offline);
  const body = `${shown.join(', ')}${rest}.${offline ? ` ${OFFLINE_NOTE}` : ''}`;
  const covers = items.map((i) => ({ hostId: i.hostId, vmId: i.vmId }));
  return { id: `summary/${noticeId(first)}/${n}@${now}`, hostId: first.hostId, title, body, offline, covers };
}

/**
 * Only an unreachable host is retried on its own; rejected credentials or an untrusted certificate stop the
 * watching until the user acts, so saying "keeps retrying" there would be false (and hide the next step).
 */
export function outageText(input: OutageInput): { title: string; body: string } {
  const host = input.hostName;
  switch (input.cause) {
    case 'credentials': {
      const noun = input.credential ?? 'credentials';
      return {
        title: `${host} rejected the ${noun}`,
        body: `Hubwatch stopped watching ${host}. Open Settings to fix the ${noun}.`,
      };
    }
    case 'certificate':
      return {
        title: `${host}'s certificate is not trusted`,
        body: `Hubwatch stopped watching ${host}. Check and approve its certificate in Settings.`,
      };
    default:
      return {
        title: `Lost connection to ${host}`,
        body: `No connection for ${durationText(input.seconds)}. Hubwatch keeps retrying.`,
      };
  }
}

/** "45 s", "2 min", "1 h 5 m": a lock screen reader should not do arithmetic on "7260 s". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} m`;
}
