// What a VM group's header says about its host: the state in words and a colour, whether its rows are history
// (dimmed, "as of") and how urgently the group belongs at the top. A group is one single-host entry, or one Mac
// behind an orchestrator; the words for a farm host are orchestrator-protocol.md §6.6's "What to display". Pure.
// The ranks are shared/group-order.ts's: main's first-screen cut orders the groups by the same rule.
import { FARM_HOST_RANK, hostRank, type GroupRank } from '../../../shared/group-order';
import type { ConnectionTag, FarmHostState, FarmHostSummary, HostSummary } from '../../../shared/model';

/** The status dot's colour, shared by the header's aggregate dot and the group headers. */
export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'off';

export interface GroupHealth {
  /** The state in words; null when all is well (a live group says nothing). */
  readonly words: string | null;
  readonly tone: Tone;
  /** The rows are what the host last reported, not the present: dimmed and marked "as of". */
  readonly stale: boolean;
  /** When stale rows are from (epoch ms), or null when nobody knows. */
  readonly asOf: number | null;
  /** Groups are ordered by this (lower first): shared/group-order.ts GroupRank. */
  readonly rank: GroupRank;
}

export function connectionTone(tag: ConnectionTag): Tone {
  switch (tag) {
    case 'live':
      return 'ok';
    case 'auth-failed':
    case 'tls-untrusted':
      return 'bad';
    case 'reconnecting':
      return 'warn';
    case 'connecting':
    case 'syncing':
      return 'busy';
    case 'unconfigured':
    case 'stopped':
      return 'off';
  }
}

const CONNECTION_WORDS: Readonly<Record<ConnectionTag, string | null>> = {
  live: null,
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  reconnecting: "Can't reach",
  'auth-failed': 'Credentials rejected',
  'tls-untrusted': 'Certificate not trusted',
  unconfigured: 'Not set up',
  stopped: 'Monitoring off',
};

/** A single-host entry's group: its own connection status, stale (as today) while not live with data kept. */
export function hostHealth(host: HostSummary): GroupHealth {
  const tag = host.status.tag;
  const stale = tag !== 'live' && host.dataAsOf !== undefined;
  return {
    words: CONNECTION_WORDS[tag],
    tone: connectionTone(tag),
    stale,
    asOf: stale ? (host.dataAsOf ?? null) : null,
    rank: hostRank(host),
  };
}

const FARM_HEALTH: Readonly<Record<FarmHostState, Omit<GroupHealth, 'asOf'>>> = {
  live: { words: null, tone: 'ok', stale: false, rank: FARM_HOST_RANK.live },
  // Its VMs are suspect until the §6.4 resync has read them: blue, like any other "working on it".
  verifying: { words: 'Verifying…', tone: 'busy', stale: false, rank: FARM_HOST_RANK.verifying },
  // §6.6: amber; states may lag by up to the poll period, but they are read live, so not stale.
  polling: {
    words: 'Live events offline; polling',
    tone: 'warn',
    stale: false,
    rank: FARM_HOST_RANK.polling,
  },
  unreachable: {
    words: 'Unreachable from orchestrator',
    tone: 'bad',
    stale: true,
    rank: FARM_HOST_RANK.unreachable,
  },
  // Switched off by an operator on purpose: greyed, last in the list, not an alarm.
  disabled: { words: 'Disabled on orchestrator', tone: 'off', stale: true, rank: FARM_HOST_RANK.disabled },
};

/**
 * A Mac behind an orchestrator. While the orchestrator itself is not live, §6.6 says: everything greyed with the
 * last-update age, and no host verdicts, so the orchestrator's own status speaks for every one of its hosts.
 * `farmHost` is absent for VMs of a host the orchestrator no longer lists (shown under its id until they go).
 */
export function farmHostHealth(
  orchestrator: HostSummary,
  farmHost: FarmHostSummary | undefined,
): GroupHealth {
  const tag = orchestrator.status.tag;
  if (tag !== 'live') {
    const words =
      tag === 'reconnecting' ? 'Orchestrator unreachable' : `Orchestrator: ${CONNECTION_WORDS[tag]}`;
    const asOf = orchestrator.dataAsOf ?? farmHost?.dataAsOf ?? null;
    return { ...hostHealth(orchestrator), words, stale: asOf !== null, asOf };
  }
  if (farmHost === undefined) return { ...FARM_HEALTH.live, asOf: null };
  const health = FARM_HEALTH[farmHost.state];
  return { ...health, asOf: health.stale ? (farmHost.dataAsOf ?? null) : null };
}
