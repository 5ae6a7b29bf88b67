// The popover's first-screen snapshot (shared/first-screen.ts, issue 15 "first render ≤ 100 ms at 4,000 VMs"):
// what main leaves out must never change what the first screen shows — the group order, the first rows of every
// group and the header's counts are those of the whole snapshot — and a snapshot with nothing to leave out is
// sent whole.
import { describe, expect, it } from 'vitest';
import { firstScreenOf } from '../../../src/shared/first-screen';
import type { FarmHostSummary, HostSummary, Snapshot, Vm } from '../../../src/shared/model';
import { headerCounts } from '../../../src/renderer/src/lib/status';
import type { ListItem } from '../../../src/renderer/src/lib/vm-list';
import { head, headers, listOf, snapshotAt } from './first-screen-view';

const NOW = 1_800_000_000_000;
const live = { tag: 'live', since: 0 } as const;
const STATES = ['running', 'stopped', 'suspended', 'starting', 'stopping', 'paused', 'invalid', 'Running'];

function farmHost(id: string, state: FarmHostSummary['state'] = 'live'): FarmHostSummary {
  return { id, name: `Mac ${id}`, url: `https://${id}.local`, state };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

function farm(seed: number, vmsPerGroup: number): Snapshot {
  const next = random(seed);
  const hosts: HostSummary[] = [
    { id: 'solo', name: 'Solo', url: 'https://solo', status: live },
    {
      id: 'old',
      name: 'Old',
      url: 'https://old',
      status: { tag: 'reconnecting', attempt: 1, nextAt: NOW, lastError: 'timeout' },
      dataAsOf: NOW - 60_000,
    },
    {
      id: 'orch',
      name: 'Orchestrator',
      url: 'https://orch',
      kind: 'orchestrator',
      status: live,
      farmHosts: [farmHost('a'), farmHost('b', 'unreachable'), farmHost('c')],
    },
  ];
  const groups: { hostId: string; farmHostId?: string }[] = [
    { hostId: 'solo' },
    { hostId: 'old' },
    { hostId: 'orch', farmHostId: 'a' },
    { hostId: 'orch', farmHostId: 'b' },
    { hostId: 'orch', farmHostId: 'c' },
  ];
  const vms: Vm[] = [];
  for (const g of groups)
    for (let i = 0; i < vmsPerGroup; i++) {
      // Mostly running, like a farm at work; the rest any state, stops recent or old.
      const state = next() < 0.8 ? 'running' : STATES[Math.floor(next() * STATES.length)]!;
      vms.push({
        hostId: g.hostId,
        ...(g.farmHostId === undefined ? {} : { farmHostId: g.farmHostId }),
        id: `${g.hostId}-${g.farmHostId ?? ''}-${i}`,
        name: `vm-${Math.floor(next() * 10_000)}`,
        state,
        os: 'macosx',
        stateSince: NOW - Math.floor(next() * 3_600_000),
        changedWhileOffline: false,
      });
    }
  return snapshotAt(hosts, vms, NOW);
}

const list = (s: Snapshot, now = NOW): ListItem[] => listOf(s, now);

describe('firstScreenOf', () => {
  it.each([1, 2, 3, 4, 5])(
    "gives the page the whole list's first rows, every group header and the header counts (seed %i)",
    (seed) => {
      const full = farm(seed, 300);
      const first = firstScreenOf(full, 20);
      expect(first.firstScreen).toBeDefined();
      expect(first.vms.length).toBeLessThan(full.vms.length / 2);
      expect(head(list(first), 20)).toEqual(head(list(full), 20));
      expect(headers(list(first))).toEqual(headers(list(full)));
      expect(headerCounts(first.hosts, first.vms, first.firstScreen?.omitted)).toEqual(
        headerCounts(full.hosts, full.vms),
      );
      // Every VM is either sent or counted.
      const left = full.vms.length - first.vms.length;
      expect(first.firstScreen?.omitted.reduce((n, o) => n + o.count, 0)).toBe(left);
    },
  );

  it('sends a snapshot with nothing to leave out whole, without the partial flag', () => {
    const full = farm(7, 4);
    expect(firstScreenOf(full)).toBe(full);
  });

  it('keeps the snapshot order and everything but the VMs', () => {
    const full = farm(8, 200);
    const first = firstScreenOf(full, 5);
    const order = new Map(full.vms.map((vm, i) => [vm, i]));
    const positions = first.vms.map((vm) => order.get(vm) ?? -1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect({ ...first, vms: full.vms, firstScreen: undefined }).toEqual({ ...full, firstScreen: undefined });
  });
});
