// Small builders for the SnapshotModel tests: hosts, VMs and a model already holding a state, plus `patch`, which
// sends the delta main would number next (base = what the model holds), so each test states only what changed.
import { expect } from 'vitest';
import type { HostSummary, Snapshot, Vm } from '../../../src/shared/model';
import { SnapshotModel } from '../../../src/shared/snapshot-model';
import type { SnapshotDelta } from '../../../src/shared/state-push';
import { sortVms } from '../../../src/shared/vm-order';
import { emptySnapshot } from '../../support/snapshots';

export function host(id: string, live = true): HostSummary {
  return {
    id,
    name: `Mac ${id}`,
    url: `https://${id}.local:3080`,
    status: live ? { tag: 'live', since: 0 } : { tag: 'connecting', attempt: 1 },
  };
}

export function vm(hostId: string, id: string, name: string, state: Vm['state'] = 'running'): Vm {
  return { hostId, id, name, state, os: 'macosx', stateSince: 0, changedWhileOffline: false };
}

/**
 * A model holding `hosts` and `vms` as push 1, the VM list sorted as main sorts it. Host ids that are not in
 * alphabetical order make "sorted by host order" and "sorted by host id" different lists.
 */
export function modelHolding(
  hosts: readonly HostSummary[],
  vms: readonly Vm[],
  over: Partial<Snapshot> = {},
) {
  const m = new SnapshotModel();
  const ids = hosts.map((h) => h.id);
  expect(
    m.apply({ generation: 1, full: { ...emptySnapshot(), hosts, vms: sortVms(vms, ids), ...over } }),
  ).toBe('applied');
  return m;
}

/** Applies the delta main would push next (base = the model's generation); expects it to apply. */
export function patch(m: SnapshotModel, d: Omit<SnapshotDelta, 'base' | 'generatedAt'>): Snapshot {
  const base = m.generation ?? 0;
  expect(m.apply({ generation: base + 1, delta: { base, generatedAt: base + 1, ...d } })).toBe('applied');
  return m.current!;
}

/** The page's rows as "host/name:state", in order. */
export const rows = (s: Snapshot | null): string[] =>
  s?.vms.map((v) => `${v.hostId}/${v.name}:${v.state}`) ?? [];
