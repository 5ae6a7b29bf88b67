// app-core's farm bookkeeping: which kind each entry is (configured, or detected once per session), each
// orchestrator entry's FarmState and farm-host summaries, the names notifications use for farm hosts, and the
// direct-to-host path for an action the orchestrator cannot forward (§6.7).
import type { FarmHostSummary, HostId, HostKind } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { PolicyInput } from '../notify/policy';
import type { FarmHostRef } from '../notify/farm-text';
import { FarmState } from './farm-state';
import { farmSession } from './farm-monitor';
import type { FarmTimings } from './farm-types';
import type { SessionBuilder } from './monitor-session';

export interface FarmEntriesDeps {
  hostName(hostId: HostId): string;
  emit(): void;
  policy(input: PolicyInput): void;
  farmHostUnreachable(hostId: HostId, farmName: string, host: FarmHostRef): void;
  farmHostReachable(hostId: HostId, farmHostId: string): void;
  timings?: Partial<FarmTimings>;
  random?: () => number;
  actionConfirmMs?: number;
}

export class FarmEntries {
  /** What each entry turned out to be when its kind was not configured: detected once per session. */
  readonly detected = new Map<HostId, HostKind>();
  private readonly states = new Map<HostId, FarmState>();
  private readonly summaries = new Map<HostId, readonly FarmHostSummary[]>();

  constructor(private readonly d: FarmEntriesDeps) {}

  /** The kind to watch the entry as; undefined = detect first. */
  kindOf(config: HostConfig): HostKind | undefined {
    return config.kind ?? this.detected.get(config.id);
  }

  isFarm(hostId: HostId): boolean {
    return this.states.has(hostId);
  }

  /** A fresh farm session builder for an orchestrator entry (a new FarmState: the store slice is rebuilt). */
  sessionFor(hostId: HostId): SessionBuilder {
    const state = new FarmState(hostId);
    this.states.set(hostId, state);
    return farmSession({
      state,
      hooks: {
        entryName: () => this.d.hostName(hostId),
        setFarmHosts: (hosts) => {
          if (this.states.get(hostId) !== state) return;
          this.summaries.set(hostId, hosts);
          this.d.emit();
        },
        farmHostUnreachable: (host) => this.d.farmHostUnreachable(hostId, this.d.hostName(hostId), host),
        farmHostReachable: (farmHostId) => this.d.farmHostReachable(hostId, farmHostId),
        policy: (input) => this.d.policy(input),
      },
      ...(this.d.timings ? { timings: this.d.timings } : {}),
      ...(this.d.random ? { random: this.d.random } : {}),
      ...(this.d.actionConfirmMs === undefined ? {} : { actionConfirmMs: this.d.actionConfirmMs }),
    });
  }

  /** The name a notification uses: the farm host's for a farm VM ("ci-mac-01 stopped · mac-07"). */
  nameOf(hostId: HostId, farmHostId?: string): string {
    if (farmHostId !== undefined) {
      const name = this.states.get(hostId)?.host(farmHostId)?.name;
      if (name !== undefined) return name;
    }
    return this.d.hostName(hostId);
  }

  /** What the snapshot adds to an entry's summary. */
  summaryOf(hostId: HostId): { kind?: HostKind; farmHosts?: readonly FarmHostSummary[] } {
    if (!this.states.has(hostId)) return this.detected.get(hostId) === 'host' ? { kind: 'host' } : {};
    return { kind: 'orchestrator', farmHosts: this.summaries.get(hostId) ?? [] };
  }

  /** The entry stopped being watched as a farm (removed, disabled, identity or kind changed). */
  forget(hostId: HostId, alsoDetection: boolean): void {
    this.states.delete(hostId);
    this.summaries.delete(hostId);
    if (alsoDetection) this.detected.delete(hostId);
  }
}

/**
 * The single-host entry for the same Mac as a farm host, if the user configured one: the orchestrator's `host` is
 * `http://h:3080/api` (§2.2), a Hubwatch entry is `http://h:3080` with the default `/api` prefix implied.
 */
export function directEntryFor(
  farmHostUrl: string,
  hosts: readonly HostConfig[],
  isFarm: (id: HostId) => boolean,
): HostConfig | undefined {
  const target = comparableUrl(farmHostUrl);
  if (target === null) return undefined;
  return hosts.find((h) => h.enabled && !isFarm(h.id) && comparableUrl(h.url) === target);
}

function comparableUrl(url: string): string | null {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
    return `${u.protocol}//${u.host.toLowerCase()}${path}`;
  } catch {
    return null;
  }
}
