import { describe, expect, it } from 'vitest';
import type { HostSummary, Vm } from '../../../src/shared/model';
import { buildList } from '../../../src/renderer/src/lib/vm-list';
import {
  indexAt,
  isWindowed,
  layout,
  scrollToReveal,
  visibleRange,
} from '../../../src/renderer/src/lib/windowing';

const NOW = 1_800_000_000_000;
const live = { tag: 'live', since: 0 } as const;
const hosts: HostSummary[] = [
  { id: 'h1', name: 'Farm One', url: 'https://one', status: live },
  { id: 'h2', name: 'Farm Two', url: 'https://two', status: live },
];

function vm(hostId: string, name: string, state = 'running', stateSince = 0): Vm {
  return {
    hostId,
    id: `{${name.toUpperCase()}}`,
    name,
    state,
    os: '',
    stateSince,
    changedWhileOffline: false,
  };
}

describe('buildList', () => {
  const vms = [vm('h1', 'b'), vm('h1', 'a'), vm('h2', 'c'), vm('h2', 'stopped-now', 'stopped', NOW - 1000)];

  it('groups by host with headers when there is more than one host, a group with a fresh stop first', () => {
    const items = buildList({ hosts, vms, query: '', collapsed: new Set(), now: NOW });
    expect(items.map((i) => (i.kind === 'host' ? `#${i.name}` : i.vm.name))).toEqual([
      '#Farm Two',
      'stopped-now',
      'c',
      '#Farm One',
      'a',
      'b',
    ]);
    const two = items[0];
    expect(two?.kind === 'host' && two.attention).toBe(1);
    // Quiet groups keep the configured order.
    const quiet = buildList({ hosts, vms: vms.slice(0, 3), query: '', collapsed: new Set(), now: NOW });
    expect(quiet.filter((i) => i.kind === 'host').map((i) => i.hostId)).toEqual(['h1', 'h2']);
  });

  it('has no headers for a single host, and keys VMs by normalised id', () => {
    const items = buildList({
      hosts: [hosts[0]!],
      vms: vms.slice(0, 2),
      query: '',
      collapsed: new Set(),
      now: NOW,
    });
    expect(items.every((i) => i.kind === 'vm')).toBe(true);
    expect(items[0]?.key).toBe('vm:h1/a');
  });

  it('hides the VMs of a collapsed host but keeps its header with counts', () => {
    const items = buildList({ hosts, vms, query: '', collapsed: new Set(['h1']), now: NOW });
    expect(items.at(-1)).toMatchObject({ kind: 'host', hostId: 'h1', collapsed: true, total: 2 });
    expect(items[0]).toMatchObject({ kind: 'host', hostId: 'h2', collapsed: false });
  });

  it('opens collapsed hosts while searching and drops hosts with no match', () => {
    const items = buildList({ hosts, vms, query: 'stopped-now', collapsed: new Set(['h2']), now: NOW });
    expect(items.map((i) => (i.kind === 'host' ? `#${i.name}` : i.vm.name))).toEqual([
      '#Farm Two',
      'stopped-now',
    ]);
  });

  it('still shows VMs whose host is not (or no longer) in the host list', () => {
    const items = buildList({
      hosts: [hosts[0]!],
      vms: [vm('h1', 'a'), vm('ghost', 'z')],
      query: '',
      collapsed: new Set(),
      now: NOW,
    });
    expect(items.filter((i) => i.kind === 'vm')).toHaveLength(2);
    expect(items.find((i) => i.kind === 'host' && i.hostId === 'ghost')).toMatchObject({ name: 'ghost' });
  });
});

describe('windowing', () => {
  const offsets = layout([30, 40, 40, 40, 30, 40]);

  it('lays out cumulative offsets with the total last', () => {
    expect(offsets).toEqual([0, 30, 70, 110, 150, 180, 220]);
  });

  it('finds the item under a y coordinate, clamped', () => {
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 29)).toBe(0);
    expect(indexAt(offsets, 30)).toBe(1);
    expect(indexAt(offsets, 10_000)).toBe(5);
    expect(indexAt([0], 10)).toBe(0);
  });

  it('renders only the rows in view plus overscan', () => {
    expect(visibleRange(offsets, 70, 80, 0)).toEqual({ start: 2, end: 4 });
    expect(visibleRange(offsets, 70, 80, 1)).toEqual({ start: 1, end: 5 });
    expect(visibleRange([0], 0, 100)).toEqual({ start: 0, end: 0 });
  });

  it('keeps 1,000 rows cheap: a 500 px viewport renders a few dozen rows', () => {
    const big = layout(new Array<number>(1000).fill(44));
    const range = visibleRange(big, 20_000, 500);
    expect(range.end - range.start).toBeLessThan(30);
    expect(range.start).toBeLessThanOrEqual(indexAt(big, 20_000));
  });

  it('scrolls just enough to reveal an item', () => {
    expect(scrollToReveal(offsets, 0, 50, 100)).toBe(0);
    expect(scrollToReveal(offsets, 5, 0, 100)).toBe(120);
    expect(scrollToReveal(offsets, 2, 50, 100)).toBeNull();
    expect(scrollToReveal(offsets, 99, 0, 100)).toBeNull();
  });
});

describe('isWindowed: judged by the whole list, a first screen included', () => {
  it('a short list is rendered whole; a long one, or a first screen of a long one, is windowed', () => {
    expect(isWindowed(150, undefined, 150)).toBe(false);
    expect(isWindowed(151, undefined, 150)).toBe(true);
    // A first screen of 45 rows that stands for 1,000 VMs.
    expect(isWindowed(45, [{ count: 900 }, { count: 55 }], 150)).toBe(true);
    // A first screen of a farm just under the threshold stays whole, as the farm will.
    expect(isWindowed(45, [{ count: 100 }, { count: 5 }], 150)).toBe(false);
  });
});
