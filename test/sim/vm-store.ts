// The simulator's truth about its VMs (what `prlctl list` would say), plus deterministic generation.
import type { Rng } from './rng';
import type { SimVm } from './types';

const KINDS: readonly { os: string; label: string; weight: number }[] = [
  { os: 'macosx', label: 'mac', weight: 5 },
  { os: 'ubuntu', label: 'ubuntu', weight: 2 },
  { os: 'win-11', label: 'win', weight: 2 },
  { os: 'debian', label: 'debian', weight: 1 },
];
const STATES: readonly { state: string; weight: number }[] = [
  { state: 'running', weight: 6 },
  { state: 'stopped', weight: 2 },
  { state: 'suspended', weight: 1 },
  { state: 'paused', weight: 1 },
];

function weighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1] as T;
}

export function generateVm(rng: Rng, index: number, overrides: Partial<SimVm> = {}): SimVm {
  const kind = weighted(rng, KINDS);
  const state = overrides.state ?? weighted(rng, STATES).state;
  const vm: SimVm = {
    id: rng.uuid(),
    name: `ci-${kind.label}-${String(index).padStart(2, '0')}`,
    state,
    os: kind.os,
    uptime: state === 'running' ? String(60 + rng.int(200_000)) : '0',
    user: rng.chance(0.85) ? 'ci' : 'alice',
  };
  return { ...vm, ...overrides };
}

export function generateVms(rng: Rng, count: number): SimVm[] {
  // The first VM is always a running mac: demos and tests can rely on "there is something to stop".
  return Array.from({ length: count }, (_, i) =>
    generateVm(rng, i + 1, i === 0 ? { state: 'running', os: 'macosx', name: 'ci-mac-01' } : {}),
  );
}

export class VmStore {
  private readonly list: SimVm[];

  constructor(initial: SimVm[]) {
    this.list = initial.map((vm) => ({ ...vm }));
  }

  all(): SimVm[] {
    return this.list.map((vm) => ({ ...vm }));
  }

  /** Exact id match (what monitor-events / the fast path uses). */
  byId(id: string): SimVm | undefined {
    return this.list.find((vm) => vm.id === id);
  }

  /** GET /machines/{id}: the ID or the name, case-insensitively. */
  byIdOrName(key: string): SimVm | undefined {
    const k = key.toLowerCase();
    return (
      this.list.find((vm) => vm.id.toLowerCase() === k) ?? this.list.find((vm) => vm.name.toLowerCase() === k)
    );
  }

  add(vm: SimVm): void {
    this.list.push({ ...vm });
  }

  remove(id: string): SimVm | undefined {
    const i = this.list.findIndex((vm) => vm.id === id);
    if (i < 0) return undefined;
    return this.list.splice(i, 1)[0];
  }

  /** Mutates in place; returns a copy of the VM before the change. */
  update(id: string, patch: Partial<Omit<SimVm, 'id'>>): { before: SimVm; after: SimVm } | undefined {
    const vm = this.byId(id);
    if (!vm) return undefined;
    const before = { ...vm };
    Object.assign(vm, patch);
    return { before, after: { ...vm } };
  }

  get size(): number {
    return this.list.length;
  }
}
