// Pure: the words of a notification (one transition, or a summary of a burst). Split from notify-policy.ts,
// which decides *whether* and *when*; this file only decides *what it says*. Never a URL or a secret here.
import type { HostId } from '../../shared/model';
import type { NotificationIntent } from './intent';

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
  /** Farm mode: the farm host running the VM; `hostName` is then that farm host's name. */
  readonly farmHostId?: string;
  readonly hostName: string;
  readonly vmId: string;
  readonly vmName: string;
  /** 'stopped', 'suspended', 'paused', 'added' or 'removed'. */
  readonly what: string;
  readonly from: string | null;
  /** How long it had been in `from` (ms) when known: "was running 9 h 42 m". */
  readonly wasForMs?: number | null;
  readonly offline: boolean;
  /** When the change happened (the notification id is built from it only when one is shown). */
  readonly at: number;
}

/** Why lazily: most notices of a burst wait in the summary queue and are replaced; building an id string for
 * each one was garbage that lived seconds (promoted out of the young generation). */
function noticeId(n: Notice): string {
  const scope = n.farmHostId === undefined ? n.hostId : `${n.hostId}/${n.farmHostId}`;
  return `${scope}/${n.vmId}/${n.what}/${n.from ?? ''}@${n.at}`;
}

/** What a notification covers, with the farm host only where there is one (single hosts keep their shape). */
function coverOf(n: Notice): NotificationIntent['covers'][number] {
  return n.farmHostId === undefined
    ? { hostId: n.hostId, vmId: n.vmId }
    : { hostId: n.hostId, vmId: n.vmId, farmHostId: n.farmHostId };
}

const OFFLINE_NOTE = 'This happened while Hubwatch was disconnected.';

/** "14:02": when it happened, in the user's clock (a lock screen shows the notification's age, not this). */
function clockTime(at: number): string {
  const d = new Date(at);
  return Number.isFinite(d.getTime()) ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

/**
 * Title "ci-mac-01 stopped · farm-1" (the same VM name on two farms must not look identical); body says what it
 * was doing, for how long when known, and when: "Was running 9 h 42 m; stopped 14:02."
 */
export function single(n: Notice): NotificationIntent {
  const title = `${n.vmName} ${n.what} · ${n.hostName}`;
  const when = clockTime(n.at);
  let body: string;
  if (n.what === 'added' || n.what === 'removed') {
    body = `${n.what === 'added' ? 'Added' : 'Removed'}${when ? ` at ${when}` : ''}.`;
  } else {
    const was = n.from
      ? `Was ${n.from}${n.wasForMs !== null && n.wasForMs !== undefined ? ` ${durationText(n.wasForMs / 1000)}` : ''}; `
      : '';
    body = `${was}${n.what}${when ? ` ${when}` : ''}.`;
    body = body.charAt(0).toUpperCase() + body.slice(1);
  }
  return {
    id: noticeId(n),
    hostId: n.hostId,
    vmId: n.vmId,
    ...(n.farmHostId === undefined ? {} : { farmHostId: n.farmHostId }),
    title,
    body: n.offline ? `${body} ${OFFLINE_NOTE}` : body,
    offline: n.offline,
    covers: [coverOf(n)],
  };
}

/** How long a burst took, first to last change: "in 10 s" (a lock screen has no other context). */
function spanText(items: readonly Notice[]): string {
  let min = Infinity;
  let max = -Infinity;
  for (const i of items) {
    if (i.at < min) min = i.at;
    if (i.at > max) max = i.at;
  }
  return `in ${durationText(Math.max(1, (max - min) / 1000))}`;
}

function names(items: readonly Notice[], max: number): string {
  const shown = items.slice(0, max).map((i) => i.vmName);
  return items.length > shown.length
    ? `${shown.join(', ')} and ${items.length - shown.length} more`
    : shown.join(', ');
}

/**
 * "29 more VMs stopped on farm-1 in 10 s" and the names; across hosts, names grouped per host
 * ("farm-1: a, b; farm-2: c") instead of "a (farm-1), b (farm-1)".
 */
export function summary(items: readonly Notice[], now: number): NotificationIntent {
  const first = items[0] as Notice;
  const n = items.length;
  const allSame = items.every((i) => i.what === first.what);
  const vms = n === 1 ? 'VM' : 'VMs';
  const hosts = new Map<string, Notice[]>();
  for (const i of items) {
    const list = hosts.get(i.hostName);
    if (list) list.push(i);
    else hosts.set(i.hostName, [i]);
  }
  const where = hosts.size === 1 ? `on ${first.hostName}` : `on ${hosts.size} hosts`;
  const what = allSame ? `${n} more ${vms} ${first.what}` : `${n} more VM ${n === 1 ? 'change' : 'changes'}`;
  const title = `${what} ${where} ${spanText(items)}`;
  const listed =
    hosts.size === 1
      ? names(items, 5)
      : [...hosts].map(([host, list]) => `${host}: ${names(list, 3)}`).join('; ');
  const offline = items.every((i) => i.offline);
  const body = `${listed}.${offline ? ` ${OFFLINE_NOTE}` : ''}`;
  const covers = items.map(coverOf);
  return { id: `summary/${noticeId(first)}/${n}@${now}`, hostId: first.hostId, title, body, offline, covers };
}

/** Most of one host's VMs stopped in one burst: likely the host, not the VMs. */
export function hostStoppedAlert(
  items: readonly Notice[],
  host: { readonly stopped: number; readonly known: number },
  now: number,
): NotificationIntent {
  const first = items[0] as Notice;
  return {
    id: `host-stopped/${first.hostId}${first.farmHostId === undefined ? '' : `/${first.farmHostId}`}@${now}`,
    hostId: first.hostId,
    ...(first.farmHostId === undefined ? {} : { farmHostId: first.farmHostId }),
    title: `Most VMs on ${first.hostName} stopped`,
    body: `${host.stopped} of ${host.known} VMs are stopped; ${items.length} more stopped ${spanText(items)}. This looks like a problem with the host.`,
    offline: items.every((i) => i.offline),
    covers: items.map(coverOf),
  };
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

/**
 * The credential of a host we were watching stopped working (rejected, expired, or invalidated by a server
 * restart): same words as the credentials outage, plus the server's reason, since nothing retries until it is fixed.
 */
export function stoppedWatchingText(
  hostName: string,
  reason: string,
  credential = 'credentials',
): { title: string; body: string } {
  return {
    title: `${hostName} rejected the ${credential}`,
    body: `Hubwatch stopped watching ${hostName} (${reason.replace(/\.$/, '')}). Open Settings to fix the ${credential}.`,
  };
}

/** "45 s", "2 min", "1 h 5 m": a lock screen reader should not do arithmetic on "7260 s". */
function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} m`;
}
