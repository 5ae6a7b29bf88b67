// Aggregate connection status and the banners that tell the user what to do next. Pure; `now` is passed in.
import type { ConnectionTag, FirstScreenPart, HostId, HostSummary, Vm } from '../../../shared/model';
import { isTransitionalState } from '../../../shared/model';
import { severityOf } from '../../../shared/connection-severity';
import { credentialNoun } from '../../../shared/settings';
import { clockTime, countdown } from './format';
import { groupIdOf } from './vm-groups';

export function aggregateStatus(hosts: readonly HostSummary[]): ConnectionTag {
  if (hosts.length === 0) return 'unconfigured';
  let worst: ConnectionTag = 'stopped';
  for (const host of hosts) {
    if (severityOf(host.status.tag) < severityOf(worst)) worst = host.status.tag;
  }
  return worst;
}

/** One line for the header next to the status dot. */
export function statusHeadline(hosts: readonly HostSummary[]): string {
  const tag = aggregateStatus(hosts);
  const n = hosts.length;
  const affected = hosts.filter((h) => h.status.tag === tag).length;
  const which = n === 1 ? '' : ` (${affected} of ${n} hosts)`;
  switch (tag) {
    case 'live': {
      // Every entry is live, but a Mac behind an orchestrator may not be: never "All live" then.
      const tally = liveHostTally(hosts);
      if (tally.live < tally.total) return `${tally.live} of ${tally.total} hosts live`;
      return n === 1 ? 'Live' : `All ${n} hosts live`;
    }
    case 'unconfigured':
      return n === 0 ? 'No hosts configured' : `Needs setup${which}`;
    case 'connecting':
      return `Connecting…${which}`;
    case 'syncing':
      return `Syncing…${which}`;
    case 'reconnecting':
      return `Reconnecting${which}`;
    case 'auth-failed':
      return `Credentials rejected${which}`;
    case 'tls-untrusted':
      return `Certificate not trusted${which}`;
    case 'stopped':
      return 'Monitoring off';
  }
}

/** 'fix' opens settings on the banner's host with its credential field focused. */
type BannerAction = 'retry' | 'settings' | 'fix';

export interface Banner {
  readonly kind: ConnectionTag;
  readonly hostId: HostId | null;
  readonly title: string;
  readonly detail: string | null;
  readonly action: BannerAction | null;
  readonly actionLabel: string | null;
}

function bannerFor(host: HostSummary, now: number): Banner | null {
  const name = host.name || host.url;
  const base = { kind: host.status.tag, hostId: host.id };
  const status = host.status;
  switch (status.tag) {
    case 'live':
      return null;
    case 'connecting':
      return {
        ...base,
        title: `Connecting to ${name}…`,
        detail: status.attempt > 1 ? `Attempt ${status.attempt}` : null,
        action: null,
        actionLabel: null,
      };
    case 'syncing':
      return { ...base, title: `Syncing ${name}…`, detail: null, action: null, actionLabel: null };
    case 'reconnecting':
      return {
        ...base,
        title: `Can't reach ${name}`,
        detail: [`Next try ${countdown(status.nextAt, now)}`, status.lastError].filter((s) => s).join(' · '),
        action: 'retry',
        actionLabel: 'Retry now',
      };
    case 'auth-failed': {
      const noun = credentialNoun(host.auth);
      const said = serverReason(status.message);
      return {
        ...base,
        title: `${name} rejected the ${noun}`,
        detail: `Hubwatch stopped watching it until the ${noun} is fixed.${said ? ` Server said: ${said}` : ''}`,
        action: 'fix',
        actionLabel: 'Fix in Settings…',
      };
    }
    case 'tls-untrusted':
      return {
        ...base,
        title: `${name}'s certificate is not trusted`,
        detail: `Check and approve fingerprint ${status.fingerprint} in Settings.`,
        action: 'settings',
        actionLabel: 'Open settings',
      };
    case 'unconfigured':
      return {
        ...base,
        title: `${name} is not set up`,
        detail: 'Add its credentials in Settings.',
        action: 'settings',
        actionLabel: 'Open settings',
      };
    case 'stopped':
      return {
        ...base,
        title: `Monitoring ${name} is off`,
        detail: null,
        action: 'settings',
        actionLabel: 'Open settings',
      };
  }
}

/**
 * The part of an auth failure's message the banner's title does not already say: the hub's messages read
 * "Credentials rejected by the host (Token is expired)", and repeating "Credentials rejected" helps nobody.
 */
function serverReason(message: string): string {
  const m = /^credentials rejected(?: by the host)?\s*(?:\((.*)\))?\.?$/i.exec(message.trim());
  if (m === null) return message.trim();
  return m[1]?.trim() ?? '';
}

/** Banners worst first; with no hosts at all, the one next step is to add one. */
export function bannersFor(hosts: readonly HostSummary[], now: number): Banner[] {
  if (hosts.length === 0) {
    return [
      {
        kind: 'unconfigured',
        hostId: null,
        title: 'No hosts yet',
        detail: 'Add an Events Hub host to start watching your VMs.',
        action: 'settings',
        actionLabel: 'Add a host',
      },
    ];
  }
  return [...hosts]
    .sort((a, b) => severityOf(a.status.tag) - severityOf(b.status.tag))
    .map((h) => bannerFor(h, now))
    .filter((b): b is Banner => b !== null);
}

/** A countdown is on screen, so the clock must tick every second (otherwise every 30 s is enough). */
export function needsFastClock(hosts: readonly HostSummary[]): boolean {
  return hosts.some((h) => h.status.tag === 'reconnecting');
}

export interface StateCount {
  readonly state: string;
  readonly count: number;
}

const COUNT_ORDER = ['running', 'stopped', 'suspended', 'paused'];

/**
 * The header's one-line summary: settled states individually, transitional ones as "busy", anything else
 * (invalid, unknown, unrecognised) as "other" — so the line never wraps however creative prlctl gets.
 */
export function summarizeCounts(vms: readonly Vm[], more: readonly StateCount[] = []): StateCount[] {
  const out: StateCount[] = [];
  let busy = 0;
  let other = 0;
  for (const c of countStates(vms, more)) {
    if (COUNT_ORDER.includes(c.state)) out.push(c);
    else if (isTransitionalState(c.state)) busy += c.count;
    else other += c.count;
  }
  if (busy > 0) out.push({ state: 'busy', count: busy });
  if (other > 0) out.push({ state: 'other', count: other });
  return out;
}

/**
 * Counts per state for the header: settled states in a fixed order, then the rest by count. `more`: VMs counted
 * but not held (those a first screen left out, shared/first-screen.ts), by state.
 */
export function countStates(vms: readonly Vm[], more: readonly StateCount[] = []): StateCount[] {
  const counts = new Map<string, number>();
  const add = (state: string, n: number): void => {
    const key = state === '' ? '(no state)' : state;
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  for (const vm of vms) add(vm.state, 1);
  for (const m of more) add(m.state, m.count);
  const rank = (s: string): number => {
    const i = COUNT_ORDER.indexOf(s);
    return i >= 0 ? i : isTransitionalState(s) ? COUNT_ORDER.length : COUNT_ORDER.length + 1;
  };
  return [...counts.entries()]
    .map(([state, count]) => ({ state, count }))
    .sort((a, b) => rank(a.state) - rank(b.state) || b.count - a.count || a.state.localeCompare(b.state));
}

/** Hosts whose rows are history (not live, but we still show what they last reported) -> since when. */
function staleHosts(hosts: readonly HostSummary[]): ReadonlyMap<HostId, number> {
  const out = new Map<HostId, number>();
  for (const h of hosts) if (h.status.tag !== 'live' && h.dataAsOf !== undefined) out.set(h.id, h.dataAsOf);
  return out;
}

export interface HeaderCounts {
  readonly counts: StateCount[];
  /** Set when the counts shown are NOT live (no host is live): the time they are from. */
  readonly asOf: number | null;
  /** A short note that says what the counts cover when that is not "everything, live". */
  readonly note: string | null;
}

/**
 * Macs behind a live orchestrator whose VMs are last-known (unreachable from it, or disabled on it), as group ids.
 * Their rows are history like a stale host's, so the header does not count them as live.
 */
function staleFarmHosts(hosts: readonly HostSummary[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const h of hosts)
    if (h.status.tag === 'live')
      for (const fh of h.farmHosts ?? [])
        if (fh.state === 'unreachable' || fh.state === 'disabled') out.add(groupIdOf(h.id, fh.id));
  return out;
}

/** How many hosts the user watches: an orchestrator counts its Macs. */
const hostCount = (h: HostSummary): number => (h.kind === 'orchestrator' ? (h.farmHosts?.length ?? 0) : 1);

/** Hosts live and watched, a Mac behind an orchestrator counting as one (and live only if the farm says so). */
export function liveHostTally(hosts: readonly HostSummary[]): { live: number; total: number } {
  let live = 0;
  let total = 0;
  for (const h of hosts) {
    total += hostCount(h);
    if (h.status.tag === 'live') live += hostCount(h);
  }
  return { live: live - staleFarmHosts(hosts).size, total };
}

/**
 * The header's counts never mix live and old numbers: with any host live they count live hosts only (and say
 * so); with none live they show the last-known numbers, marked "as of" the oldest of them. A Mac behind an
 * orchestrator that is unreachable from it or disabled is not live either (orchestrator-protocol.md §6.6).
 */
export function headerCounts(
  hosts: readonly HostSummary[],
  vms: readonly Vm[],
  omitted: FirstScreenPart['omitted'] = [],
): HeaderCounts {
  const live = new Set(hosts.filter((h) => h.status.tag === 'live').map((h) => h.id));
  const stale = staleHosts(hosts);
  // Which VMs the counts cover; the VMs a first-screen snapshot left out are counted by the same rule.
  // (null: every VM, without copying the list.)
  const count = (keep: ((hostId: HostId, farmHostId?: string) => boolean) | null): StateCount[] => {
    const kept = keep === null ? vms : vms.filter((vm) => keep(vm.hostId, vm.farmHostId));
    return summarizeCounts(
      kept,
      keep === null ? omitted : omitted.filter((o) => keep(o.hostId, o.farmHostId)),
    );
  };
  if (live.size > 0) {
    const staleFarm = staleFarmHosts(hosts);
    if (live.size === hosts.length && staleFarm.size === 0)
      return { counts: count(null), asOf: null, note: null };
    const tally = liveHostTally(hosts);
    return {
      counts: count(
        (hostId, farmHostId) =>
          live.has(hostId) && (farmHostId === undefined || !staleFarm.has(groupIdOf(hostId, farmHostId))),
      ),
      asOf: null,
      note: `live hosts only (${tally.live} of ${tally.total})`,
    };
  }
  if (stale.size === 0) return { counts: count(null), asOf: null, note: null };
  const asOf = Math.min(...stale.values());
  return {
    counts: count((hostId) => stale.has(hostId)),
    asOf,
    note: `as of ${clockTime(asOf)}`,
  };
}
