// Lists of a farm host's VMs after the first one (§6.2 after a reconnect of ours, §6.5 every 5 min, §6.3 re-lists):
// the orchestrator's cache can be minutes stale (§3.5: a Mac that rebooted shows its VMs running for ~5 min) and a
// list can be older than the events we applied (§3.6 stale overwrite). So a list adds and removes VMs, refreshes
// names, but never moves a VM we hold to another state on its own word: a disagreement is read live (`/status`).
import { normalizeVmId } from '../../shared/model';
import type { ParsedVm } from '../hub/channels/pdfm';
import type { FarmFollowUp, FarmStep, FarmVmRecord } from './farm-rules';
import { mergeHostList } from './farm-resync';

export interface CautiousMerge {
  steps: FarmStep[];
  /** VMs whose listed state differs from ours: read them with /status (§2.5, the only live per-VM read). */
  verify: string[];
}

export function mergeListCautiously(
  hostId: string,
  known: readonly FarmVmRecord[],
  fresh: readonly ParsedVm[],
  listSentAt: number,
): CautiousMerge {
  const merged = mergeHostList(hostId, known, fresh, listSentAt);
  const byId = new Map(known.map((r) => [normalizeVmId(r.vm.id), r]));
  const verify = new Set<string>();
  for (const f of merged.followUps as FarmFollowUp[]) if (f.kind === 'verify-later') verify.add(f.vmId);
  const steps: FarmStep[] = merged.steps.map((step) => {
    if (step.kind !== 'upsert-vm') return step;
    const held = byId.get(normalizeVmId(step.vm.id));
    if (!held || held.vm.state === step.vm.state) return step;
    verify.add(held.vm.id);
    return { ...step, vm: { ...step.vm, state: held.vm.state } };
  });
  return { steps, verify: [...verify] };
}
