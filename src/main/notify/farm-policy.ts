// The notification policy for an orchestrator's farm hosts (orchestrator-protocol.md §6): a farm host that became
// unreachable, and one that came back with VMs found stopped meanwhile. Host-level inputs, handled apart from the
// per-VM fold in policy.ts; they share its working copy, so the same batch stays one pure fold.
import { vmKey, type HostId } from '../../shared/model';
import { farmHostBackText, farmHostsUnreachableText, type FarmGapCause, type FarmHostRef } from './farm-text';
import { wants } from './delivery';
import type { NotificationIntent } from './intent';
import type { Working } from './working';

export type FarmPolicyInput =
  /** Farm hosts of one orchestrator entry that became unreachable together (coalesced by the runner): one notice. */
  | { type: 'farm-hosts-unreachable'; hostId: HostId; farmName: string; hosts: readonly FarmHostRef[] }
  /**
   * A farm host is back and the resync found these VMs stopped meanwhile: ONE notice for them all. Sent before the
   * resync's own state changes in the same batch, which then re-confirm a settled stop and stay silent.
   */
  | {
      type: 'farm-host-back';
      hostId: HostId;
      host: FarmHostRef;
      stopped: readonly { readonly vmId: string; readonly vmName: string }[];
      cause: FarmGapCause;
    };

export function stepFarm(w: Working, input: FarmPolicyInput, now: number, out: NotificationIntent[]): void {
  switch (input.type) {
    case 'farm-hosts-unreachable':
      if (!w.rules.enabled || input.hosts.length === 0) return;
      if (w.pausedUntil !== null && now < w.pausedUntil) return;
      // Host-level, already coalesced across hosts by the runner: one notification, never one per VM.
      w.recordSend(now);
      out.push(farmHostsUnreachableText(input.hostId, input.farmName, input.hosts, now));
      return;
    case 'farm-host-back': {
      const stopped = input.stopped.filter(
        (s) => !w.silenced(input.hostId, s.vmId, now, input.host.farmHostId),
      );
      // Each stop is settled here, so the resync's own offline changes that follow re-confirm it silently.
      for (const s of input.stopped) {
        const key = vmKey(input.hostId, s.vmId, input.host.farmHostId);
        w.writeSettled().set(key, 'stopped');
        w.writeSettledAt().set(key, now);
      }
      if (stopped.length === 0 || !wants(w.rules, 'stopped')) return;
      w.recordSend(now);
      out.push(farmHostBackText(input.hostId, input.host, stopped, input.cause, now));
      return;
    }
  }
}
