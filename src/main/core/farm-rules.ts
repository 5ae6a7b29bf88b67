// The event rules of orchestrator-protocol.md §6.3 as a pure planner: given a read-only view of what we know about
// the farm and one parsed `orchestrator` message, the steps to apply (state changes) and the follow-up reads to
// schedule. No I/O and no copy of the farm per event: the caller owns the state and applies the steps.
import type { OrchestratorMessage } from '../hub/channels/orchestrator';
import type { ParsedVm } from '../hub/channels/pdfm';

export interface FarmHostRecord {
  id: string;
  name: string;
  /** From HOST_HEALTH_UPDATE and `host_state` (§6.1 `stored`). */
  stored: 'healthy' | 'unhealthy' | null;
  /** The orchestrator's link to the host (`has_websocket_events`, HOST_WEBSOCKET_*). */
  link: boolean;
}

export interface FarmVmRecord {
  hostId: string;
  vm: ParsedVm;
  /** When the last event about this VM arrived (epoch ms); null if we only know it from a list. */
  lastEventAt: number | null;
  /** Its state may be stale (after a gap) until §6.4 verifies it. */
  suspect: boolean;
}

/** What the planner may read. Implemented by whatever store the app keeps; lookups must be O(1). */
export interface FarmView {
  host(id: string): FarmHostRecord | undefined;
  hostIds(): Iterable<string>;
  vm(hostId: string, vmId: string): FarmVmRecord | undefined;
}

export type FarmStep =
  | { kind: 'set-vm-state'; hostId: string; vmId: string; state: string; at: number }
  | { kind: 'set-vm-uptime'; hostId: string; vmId: string; uptimeSeconds: number | undefined }
  /**
   * `at`: when the event arrived, or null for a VM read from a list. `placeholder`: a VM we had never heard of,
   * known only by its id until its host is re-listed.
   */
  | { kind: 'upsert-vm'; hostId: string; vm: ParsedVm; at: number | null; placeholder: boolean }
  /** A live `/status` read confirmed the VM's state: no longer suspect. */
  | { kind: 'vm-verified'; hostId: string; vmId: string; at: number }
  | { kind: 'remove-vm'; hostId: string; vmId: string }
  | { kind: 'set-host'; hostId: string; stored?: 'healthy' | 'unhealthy'; link?: boolean }
  /** The host and all its VMs (HOST_REMOVED sends no per-VM removals, §3.3). */
  | { kind: 'remove-host'; hostId: string }
  /** Mark every VM of the host suspect: its state may have changed unseen. */
  | { kind: 'mark-host-suspect'; hostId: string }
  /** The host just became unreachable from the orchestrator: one notification for the host, VMs frozen. */
  | { kind: 'host-unreachable'; hostId: string };

export type FarmFollowUp =
  /** A transitional state that has not settled after `afterMs`: read `/status` (§6.3 first rule). */
  | { kind: 'verify-later'; hostId: string; vmId: string; afterMs: number }
  | { kind: 'relist-host'; hostId: string }
  /** Debounced by the caller (§6.3: HOST_ADDED / HOST_DEPLOYED / unknown host_id). */
  | { kind: 'relist-hosts' }
  /** The link may have been dropped by a disable or an update: re-read that host (§6.3). */
  | { kind: 'refetch-host'; hostId: string }
  /** Run the §6.4 targeted resync for the host (farm-resync.ts). */
  | { kind: 'resync-host'; hostId: string }
  /** Healthy but unlinked: poll `/status` every 60 s (on), or stop (off) (§6.4 last paragraph). */
  | { kind: 'poll-unlinked'; hostId: string; on: boolean };

export interface FarmPlan {
  steps: FarmStep[];
  followUps: FarmFollowUp[];
}

/** prlctl's in-between states (events-hub-protocol.md §7): confirm them if nothing final follows. */
const TRANSITIONAL = new Set([
  'starting',
  'stopping',
  'suspending',
  'resuming',
  'pausing',
  'resetting',
  'restarting',
]);
export const TRANSITIONAL_VERIFY_MS = 15_000;

const EMPTY: FarmPlan = { steps: [], followUps: [] };

/** HOST_REMOVED carries the DELETE path value: an id in any case, or a host name (§3.8). */
function resolveRemovedHost(view: FarmView, key: string): string | null {
  const k = key.toLowerCase();
  let byName: string | null = null;
  for (const id of view.hostIds()) {
    if (id.toLowerCase() === k) return id;
    if (byName === null && view.host(id)?.name.toLowerCase() === k) byName = id;
  }
  return byName;
}

export function planOrchestratorMessage(view: FarmView, message: OrchestratorMessage, now: number): FarmPlan {
  if (message.type === 'noise') return EMPTY;
  if (message.type === 'host-added' || message.type === 'host-deployed')
    return { steps: [], followUps: [{ kind: 'relist-hosts' }] };
  if (message.type === 'host-removed') {
    const id = resolveRemovedHost(view, message.hostId);
    return id === null
      ? { steps: [], followUps: [{ kind: 'relist-hosts' }] }
      : { steps: [{ kind: 'remove-host', hostId: id }], followUps: [] };
  }
  const host = view.host(message.hostId);
  // Events can precede HOST_ADDED, and a removed host's link relays until the next monitor tick (§3.6).
  if (!host) return { steps: [], followUps: [{ kind: 'relist-hosts' }] };
  const hostId = host.id;

  switch (message.type) {
    case 'host-vm-state-changed': {
      const known = view.vm(hostId, message.vmId);
      const followUps: FarmFollowUp[] = [];
      const steps: FarmStep[] = [];
      if (!known) {
        // Do not call /orchestrator/machines/{id}: a miss takes ~10 s and then 404s (§6.3). Re-list the host.
        const vm: ParsedVm = { id: message.vmId, name: message.vmId, state: message.currentState, os: '' };
        steps.push({ kind: 'upsert-vm', hostId, vm, at: now, placeholder: true });
        followUps.push({ kind: 'relist-host', hostId });
      } else {
        steps.push({
          kind: 'set-vm-state',
          hostId,
          vmId: message.vmId,
          state: message.currentState,
          at: now,
        });
      }
      if (TRANSITIONAL.has(message.currentState))
        followUps.push({ kind: 'verify-later', hostId, vmId: message.vmId, afterMs: TRANSITIONAL_VERIFY_MS });
      return { steps, followUps };
    }
    case 'host-vm-upsert':
      // new_vm is complete: no fetch needed, unless it was not a recognisable VM.
      return message.vm === null
        ? { steps: [], followUps: [{ kind: 'relist-host', hostId }] }
        : {
            steps: [
              {
                kind: 'upsert-vm',
                hostId,
                vm: { ...message.vm, id: message.vmId },
                at: now,
                placeholder: false,
              },
            ],
            followUps: [],
          };
    case 'host-vm-removed':
      return view.vm(hostId, message.vmId)
        ? { steps: [{ kind: 'remove-vm', hostId, vmId: message.vmId }], followUps: [] }
        : EMPTY;
    case 'host-vm-uptime':
      return view.vm(hostId, message.vmId)
        ? {
            steps: [
              { kind: 'set-vm-uptime', hostId, vmId: message.vmId, uptimeSeconds: message.uptimeSeconds },
            ],
            followUps: [],
          }
        : EMPTY;
    case 'host-vm-snapshots':
    case 'host-mac-vms-running':
      return EMPTY;
    case 'host-health':
      return planHealth(host, message.state);
    case 'host-link':
      return planLink(host, message.link);
  }
}

/** A level, not an edge (§6.3): only a change of the stored state has consequences. */
function planHealth(host: FarmHostRecord, state: 'healthy' | 'unhealthy'): FarmPlan {
  const hostId = host.id;
  if (state === 'unhealthy') {
    if (host.stored === 'unhealthy') return EMPTY;
    return {
      steps: [
        { kind: 'set-host', hostId, stored: 'unhealthy' },
        { kind: 'host-unreachable', hostId },
      ],
      followUps: [{ kind: 'poll-unlinked', hostId, on: false }],
    };
  }
  if (host.stored === 'healthy') return EMPTY;
  const followUps: FarmFollowUp[] = [];
  // Back after being unreachable: anything may have happened meanwhile (§6.3, §6.4).
  if (host.stored === 'unhealthy') followUps.push({ kind: 'resync-host', hostId });
  if (!host.link) followUps.push({ kind: 'poll-unlinked', hostId, on: true });
  const steps: FarmStep[] = [{ kind: 'set-host', hostId, stored: 'healthy' }];
  if (host.stored === 'unhealthy') steps.push({ kind: 'mark-host-suspect', hostId });
  return { steps, followUps };
}

function planLink(host: FarmHostRecord, link: 'connected' | 'disconnected' | 'degraded'): FarmPlan {
  const hostId = host.id;
  if (link === 'degraded') return EMPTY; // a warning; a DISCONNECTED usually follows (§6.3)
  if (link === 'disconnected') {
    const followUps: FarmFollowUp[] = [{ kind: 'refetch-host', hostId }];
    if (host.stored !== 'unhealthy') followUps.push({ kind: 'poll-unlinked', hostId, on: true });
    return host.link
      ? { steps: [{ kind: 'set-host', hostId, link: false }], followUps }
      : { steps: [], followUps };
  }
  // CONNECTED: also "healthy"; the orchestrator's cache is still pre-outage, so resync once (§6.3, §3.5).
  return {
    steps: [
      { kind: 'set-host', hostId, link: true, stored: 'healthy' },
      { kind: 'mark-host-suspect', hostId },
    ],
    followUps: [
      { kind: 'poll-unlinked', hostId, on: false },
      { kind: 'resync-host', hostId },
    ],
  };
}
