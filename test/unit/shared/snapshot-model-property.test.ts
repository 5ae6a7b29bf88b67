// Model-based check of the popover's VM list (shared/snapshot-model.ts): after every delta of a random stream, the
// page's list equals sortVms over the whole state, which is how main builds the snapshot's list (vm-order.ts).
// The stream mixes what main can send: state changes (kept in place), new VMs, renames, removals, ids in another
// case or braced (the same VM), and host lists reordered, shortened or extended while VMs stay. Fixed seeds and a
// bounded number of steps, so a failure names its seed and step and replays exactly.
import { describe, expect, it } from 'vitest';
import { vmKeyOf, type HostSummary, type Vm } from '../../../src/shared/model';
import type { SnapshotDelta } from '../../../src/shared/state-push';
import { sortVms } from '../../../src/shared/vm-order';
import { createRng, type Rng } from '../../sim/rng';
import { host, modelHolding, vm } from './snapshot-model-fixtures';

const HOST_POOL = ['zulu', 'alpha', 'mike', 'bravo'];
const STATES: Vm['state'][] = ['running', 'stopped', 'suspended', 'paused'];
const STEPS = 150;

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One random delta over the current state; `vms` (by key) and the returned host list are updated to match. */
function step(rng: Rng, vms: Map<string, Vm>, hosts: readonly HostSummary[]) {
  const d: { -readonly [K in keyof SnapshotDelta]?: SnapshotDelta[K] } = {};
  const known = [...vms.values()];
  const upserts = new Map<string, Vm>();
  const removed = new Set<string>();
  for (let n = rng.int(4); n > 0; n--) {
    const pick = known.length > 0 && rng.chance(0.7) ? rng.pick(known) : undefined;
    let next: Vm;
    if (pick === undefined) {
      next = vm(rng.pick(HOST_POOL), `vm-${rng.int(60)}`, `ci-${rng.int(30)}`, rng.pick(STATES));
    } else if (rng.chance(0.15)) {
      removed.add(vmKeyOf(pick));
      upserts.delete(vmKeyOf(pick));
      continue;
    } else {
      const id = rng.chance(0.2) ? `{${pick.id.toUpperCase()}}` : pick.id; // the same VM, spelled otherwise
      const name = rng.chance(0.2) ? `ci-${rng.int(30)}` : pick.name;
      next = { ...pick, id, name, state: rng.pick(STATES) };
    }
    removed.delete(vmKeyOf(next));
    upserts.set(vmKeyOf(next), next);
  }
  if (upserts.size > 0) d.upserts = [...upserts.values()];
  if (removed.size > 0) d.removed = [...removed];
  if (rng.chance(0.25)) {
    const ids = shuffled(rng, HOST_POOL).slice(0, 1 + rng.int(HOST_POOL.length));
    d.hosts = ids.map((id) => host(id, rng.chance(0.8)));
  }
  for (const key of removed) vms.delete(key);
  for (const [key, v] of upserts) vms.set(key, v);
  return { delta: d, hosts: d.hosts ?? hosts };
}

describe('SnapshotModel against the whole state (random deltas, fixed seeds)', () => {
  it.each([1, 2, 3, 42, 2026])(
    'seed %i: after every delta the list is sortVms of the whole state',
    (seed) => {
      const rng = createRng(seed);
      let hosts: readonly HostSummary[] = HOST_POOL.slice(0, 3).map((id) => host(id));
      const vms = new Map<string, Vm>();
      for (let i = 0; i < 12; i++) {
        const v = vm(rng.pick(HOST_POOL), `vm-${i}`, `ci-${rng.int(30)}`);
        vms.set(vmKeyOf(v), v);
      }
      const m = modelHolding(hosts, [...vms.values()]);
      for (let i = 1; i <= STEPS; i++) {
        const next = step(rng, vms, hosts);
        hosts = next.hosts;
        const at = `seed ${seed}, step ${i}`;
        expect(m.apply({ generation: i + 1, delta: { base: i, generatedAt: i, ...next.delta } }), at).toBe(
          'applied',
        );
        const expected = sortVms(
          vms.values(),
          hosts.map((h) => h.id),
        );
        expect(m.current!.vms, at).toEqual(expected);
        expect(m.current!.hosts, at).toBe(hosts);
      }
    },
  );
});
