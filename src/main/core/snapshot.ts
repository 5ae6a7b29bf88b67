// Pure: the Snapshot the popover renders, from the core's parts. Host URLs are shown without credentials or
// query strings, whatever the user typed.
import type {
  ConnectionStatus,
  FarmHostSummary,
  HostId,
  HostKind,
  HostSummary,
  HubEvent,
  PendingAction,
  Snapshot,
  Vm,
} from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { PolicyState } from '../notify/policy';
import { selectVms, type StoreState } from './store';

/** Whether two configs point at the same server as the same principal (else the host's data is forgotten). */
export function sameIdentity(a: HostConfig, b: HostConfig): boolean {
  return a.url === b.url && a.auth === b.auth && a.username === b.username;
}

export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

export function buildSnapshot(p: {
  hosts: readonly HostConfig[];
  store: StoreState;
  versions: ReadonlyMap<HostId, string | null>;
  /** When each host that is no longer live was last live (see HostSummary.dataAsOf). */
  lastLiveAt?: ReadonlyMap<HostId, number>;
  events: readonly HubEvent[];
  pending: readonly PendingAction[];
  policy: Pick<PolicyState, 'muted' | 'pausedUntil'>;
  now: number;
  /** The sorted VM list; app-core passes a memoised one (createVmSelector). */
  selectVms?: (state: StoreState, hostOrder: readonly HostId[]) => Vm[];
  /** Farm mode: an entry's kind and farm hosts (farm-entries.ts). */
  extras?: (hostId: HostId) => { kind?: HostKind; farmHosts?: readonly FarmHostSummary[] };
}): Snapshot {
  return {
    hosts: hostSummaries(p),
    vms: (p.selectVms ?? selectVms)(
      p.store,
      p.hosts.map((h) => h.id),
    ),
    events: p.events,
    pending: p.pending,
    mutedVms: [...p.policy.muted],
    notificationsPausedUntil: p.policy.pausedUntil,
    generatedAt: p.now,
  };
}

export interface HostSummaryInputs {
  hosts: readonly HostConfig[];
  store: Pick<StoreState, 'hosts'>;
  versions: ReadonlyMap<HostId, string | null>;
  lastLiveAt?: ReadonlyMap<HostId, number>;
  /** Farm mode: an entry's kind and farm hosts (farm-entries.ts). */
  extras?: (hostId: HostId) => { kind?: HostKind; farmHosts?: readonly FarmHostSummary[] };
}

/**
 * The snapshot's host list alone (pushes and the tray read it without building the VM list; they read it through
 * host-summaries.ts, which keeps unchanged hosts' summaries).
 */
export function hostSummaries(p: HostSummaryInputs): HostSummary[] {
  return p.hosts.map((h) => {
    const status: ConnectionStatus = h.enabled
      ? (p.store.hosts.get(h.id) ?? { tag: 'connecting', attempt: 0 })
      : { tag: 'stopped' };
    const v = p.versions.get(h.id);
    const asOf = status.tag === 'live' ? undefined : p.lastLiveAt?.get(h.id);
    return {
      id: h.id,
      name: h.name,
      url: displayUrl(h.url),
      status,
      auth: h.auth,
      ...(v ? { serverVersion: v } : {}),
      ...(asOf === undefined ? {} : { dataAsOf: asOf }),
      ...p.extras?.(h.id),
    };
  });
}
