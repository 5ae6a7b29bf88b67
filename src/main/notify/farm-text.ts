// Pure: the words of the farm-host notifications (issue 15): a Mac behind an orchestrator becoming unreachable (one
// notification per host, or one naming the count when several go at once) and coming back with VMs that stopped
// while nobody could see them. Never a URL or a secret here.
import type { HostId } from '../../shared/model';
import type { NotificationIntent } from './intent';

export interface FarmHostRef {
  readonly farmHostId: string;
  readonly name: string;
}

/**
 * Why we could not see the farm host: the orchestrator lost it, only its live events (its link) were down, or the
 * orchestrator itself restarted (everything a Mac did meanwhile was lost, orchestrator-protocol.md §6.2 step 6).
 */
export type FarmGapCause = 'unreachable' | 'link' | 'orchestrator-restart';

function listNames(names: readonly string[], max: number): string {
  const shown = names.slice(0, max);
  return names.length > shown.length
    ? `${shown.join(', ')} and ${names.length - shown.length} more`
    : shown.join(', ');
}

/** "mac-07 is unreachable · farm-1", or "4 farm hosts unreachable · farm-1" naming them. */
export function farmHostsUnreachableText(
  hostId: HostId,
  farmName: string,
  hosts: readonly FarmHostRef[],
  now: number,
): NotificationIntent {
  const one = hosts.length === 1 ? hosts[0] : undefined;
  const title = one
    ? `${one.name} is unreachable · ${farmName}`
    : `${hosts.length} farm hosts unreachable · ${farmName}`;
  const body = one
    ? `The orchestrator lost ${one.name}. Its VMs are shown as last known until it is back.`
    : `The orchestrator lost ${listNames(
        hosts.map((h) => h.name),
        5,
      )}. Their VMs are shown as last known until they are back.`;
  return {
    id: `farm-unreachable/${hostId}/${hosts.map((h) => h.farmHostId).join(',')}@${now}`,
    hostId,
    ...(one ? { farmHostId: one.farmHostId } : {}),
    title,
    body,
    offline: false,
    covers: [],
  };
}

/**
 * "mac-07 is back — 3 VMs stopped while it was unreachable", naming them. After an orchestrator restart the Mac never
 * went away, so it is not "back": "mac-07 — 3 VMs stopped while the orchestrator was restarting".
 */
export function farmHostBackText(
  hostId: HostId,
  host: FarmHostRef,
  stopped: readonly { readonly vmId: string; readonly vmName: string }[],
  cause: FarmGapCause,
  now: number,
): NotificationIntent {
  const n = stopped.length;
  const while_ =
    cause === 'unreachable'
      ? 'is back — {n} stopped while it was unreachable'
      : cause === 'link'
        ? 'is back — {n} stopped while its live events were down'
        : '— {n} stopped while the orchestrator was restarting';
  return {
    id: `farm-back/${hostId}/${host.farmHostId}@${now}`,
    hostId,
    farmHostId: host.farmHostId,
    title: `${host.name} ${while_.replace('{n}', `${n} ${n === 1 ? 'VM' : 'VMs'}`)}`,
    body: `Found after the outage: ${listNames(
      stopped.map((s) => s.vmName),
      5,
    )}.`,
    offline: true,
    covers: stopped.map((s) => ({ hostId, vmId: s.vmId, farmHostId: host.farmHostId })),
  };
}
