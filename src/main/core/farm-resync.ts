// The resync of one farm host after a gap (orchestrator-protocol.md §6.4) as pure functions: which VMs to read
// live, what the reads say changed (and which VMs stopped while we could not see them), and how to merge a fresh
// (possibly stale) per-host list without overwriting newer events. The orchestrator itself never tells what
// happened during a link or health gap (§3.5), so these decide whether a stop is missed.
import type { ParsedVm } from '../hub/channels/pdfm';
import type { FarmFollowUp, FarmStep, FarmVmRecord } from './farm-rules';

/** A list may be this much older than it claims (§3.6 stale overwrite by the full refresh): verify, do not apply. */
const LIST_OVERWRITE_GUARD_MS = 30_000;

export type StatusRead =
  | { ok: true; state: string }
  /** Not in the orchestrator's cache, or the host is not reachable now: nothing learned. */
  | { ok: false; reason: 'not-in-cache' | 'host-unavailable' };

/** §6.4 option 1: every VM of the host that was not `stopped` before the gap gets a live `/status` read. */
export function vmsToVerify(before: readonly FarmVmRecord[]): string[] {
  return before.filter((r) => r.vm.state !== 'stopped').map((r) => r.vm.id);
}

/** Healthy but unlinked host: poll these every 60 s (§6.4 last paragraph). */
export function vmsToPoll(known: readonly FarmVmRecord[]): string[] {
  return known
    .filter((r) => r.vm.state === 'running' || r.vm.state === 'paused' || r.vm.state === 'suspended')
    .map((r) => r.vm.id);
}

interface ResyncChange {
  vmId: string;
  from: string;
  to: string;
}

export interface ResyncOutcome {
  steps: FarmStep[];
  /** Every VM whose live state differs from what we showed. */
  changes: ResyncChange[];
  /** Subset of `changes`: was not stopped before the gap, is stopped now. Notify these, "found after the outage". */
  stoppedMeanwhile: string[];
  /** No answer: still suspect; try again later. */
  unverified: string[];
}

/**
 * Applies live reads made after a gap. `current` is what we know now (an event may have arrived while the reads
 * were in flight: such a VM keeps the event's state, because the event is newer than the read was sent).
 */
export function resolveTargetedResync(
  hostId: string,
  before: readonly FarmVmRecord[],
  reads: ReadonlyMap<string, StatusRead>,
  current: (vmId: string) => FarmVmRecord | undefined,
  readsSentAt: number,
  now: number,
): ResyncOutcome {
  const outcome: ResyncOutcome = { steps: [], changes: [], stoppedMeanwhile: [], unverified: [] };
  for (const record of before) {
    const vmId = record.vm.id;
    const read = reads.get(vmId);
    if (read === undefined) continue;
    if (!read.ok) {
      outcome.unverified.push(vmId);
      continue;
    }
    const latest = current(vmId);
    if (!latest) continue; // removed by an event meanwhile
    if (latest.lastEventAt !== null && latest.lastEventAt > readsSentAt) {
      outcome.steps.push({ kind: 'vm-verified', hostId, vmId, at: now });
      continue;
    }
    const shown = latest.vm.state;
    if (read.state !== shown) {
      outcome.changes.push({ vmId, from: shown, to: read.state });
      outcome.steps.push({ kind: 'set-vm-state', hostId, vmId, state: read.state, at: now });
      if (record.vm.state !== 'stopped' && read.state === 'stopped') outcome.stoppedMeanwhile.push(vmId);
    }
    outcome.steps.push({ kind: 'vm-verified', hostId, vmId, at: now });
  }
  return outcome;
}

export interface ListMerge {
  steps: FarmStep[];
  /** VMs whose recent events beat the list: read them live instead of trusting either. */
  followUps: FarmFollowUp[];
}

/**
 * Replaces one host's VMs from a fresh `GET …/hosts/{id}/machines`, except where an event is newer than the list
 * could be (§6.4 last rules): those keep their state and get a `/status` read. A VM missing from the list is removed
 * unless a recent event introduced it (HOST_VM_ADDED can beat the cache write it follows).
 */
export function mergeHostList(
  hostId: string,
  known: readonly FarmVmRecord[],
  fresh: readonly ParsedVm[],
  listSentAt: number,
): ListMerge {
  const guardFrom = listSentAt - LIST_OVERWRITE_GUARD_MS;
  const byId = new Map(known.map((r) => [r.vm.id, r]));
  const freshIds = new Set<string>();
  const merge: ListMerge = { steps: [], followUps: [] };
  for (const vm of fresh) {
    freshIds.add(vm.id);
    const record = byId.get(vm.id);
    if (record && record.lastEventAt !== null && record.lastEventAt > guardFrom) {
      if (record.vm.state !== vm.state)
        merge.followUps.push({ kind: 'verify-later', hostId, vmId: vm.id, afterMs: 0 });
      continue;
    }
    merge.steps.push({ kind: 'upsert-vm', hostId, vm, at: null, placeholder: false });
  }
  for (const record of known) {
    if (freshIds.has(record.vm.id)) continue;
    if (record.lastEventAt !== null && record.lastEventAt > guardFrom) continue;
    merge.steps.push({ kind: 'remove-vm', hostId, vmId: record.vm.id });
  }
  return merge;
}
