// The popover's farm grouping (issue 15): groups per Mac behind an orchestrator beside single-host groups, their
// §6.6 states, ordering, search across hosts, the host filter, and the cost at farm size.
import { describe, expect, it } from 'vitest';
import type { FarmHostState, FarmHostSummary, HostSummary, Vm } from '../../../src/shared/model';
import { farmHostHealth, hostHealth } from '../../../src/renderer/src/lib/group-health';
import {
  buildGroups,
  chosenHostOnly,
  groupIdOf,
  hostFilterSections,
  vmPlace,
} from '../../../src/renderer/src/lib/vm-groups';
import { headerCounts, statusHeadline } from '../../../src/renderer/src/lib/status';
import { buildList, type HostItem, type ListItem } from '../../../src/renderer/src/lib/vm-list';

const NOW = 1_800_000_000_000;
const live = { tag: 'live', since: 0 } as const;

function farmHost(id: string, state: FarmHostState = 'live', dataAsOf?: number): FarmHostSummary {
  return { id, name: `Mac ${id}`, url: `https://${id}.local`, state, ...(dataAsOf ? { dataAsOf } : {}) };
}

function orchestrator(farmHosts: FarmHostSummary[], overrides: Partial<HostSummary> = {}): HostSummary {
  return {
    id: 'orch',
    name: 'Orchestrator',
    url: 'https://orch',
    kind: 'orchestrator',
    status: live,
    farmHosts,
    ...overrides,
  };
}

function vm(
  hostId: string,
  name: string,
  farmHostId?: string,
  state = 'running',
  stateSince: number | null = 0,
): Vm {
  return {
    hostId,
    id: name.toUpperCase(),
    ...(farmHostId === undefined ? {} : { farmHostId }),
    name,
    state,
    os: 'macosx',
    stateSince,
    changedWhileOffline: false,
  };
}

const single: HostSummary = { id: 'solo', name: 'Solo', url: 'https://solo', status: live };

function headers(items: readonly ListItem[]): HostItem[] {
  return items.filter((i): i is HostItem => i.kind === 'host');
}

function outline(items: readonly ListItem[]): string[] {
  return items.map((i) => (i.kind === 'host' ? `#${i.name}` : i.vm.name));
}

describe('farm groups', () => {
  const hosts = [single, orchestrator([farmHost('a'), farmHost('b')])];
  const vms = [
    vm('solo', 's1'),
    vm('orch', 'a1', 'a'),
    vm('orch', 'a2', 'a', 'stopped'),
    vm('orch', 'b1', 'b'),
    // The same VM id on two Macs is two VMs (keyed by entry, farm host and id, §6.1).
    vm('orch', 'same', 'a'),
    vm('orch', 'same', 'b'),
  ];

  it('groups VMs by farm host, a single host being its own group, in the configured order', () => {
    const items = buildList({ hosts, vms, query: '', collapsed: new Set(), now: NOW });
    expect(outline(items)).toEqual(['#Solo', 's1', '#Mac a', 'a1', 'a2', 'same', '#Mac b', 'b1', 'same']);
    const [solo, a, b] = headers(items);
    expect(solo).toMatchObject({ groupId: 'solo', hostId: 'solo', total: 1, running: 1, stopped: 0 });
    expect(solo?.farmHostId).toBeUndefined();
    expect(a).toMatchObject({
      groupId: 'orch/a',
      hostId: 'orch',
      farmHostId: 'a',
      total: 3,
      running: 2,
      stopped: 1,
    });
    expect(b).toMatchObject({ groupId: 'orch/b', farmHostId: 'b', total: 2 });
    const keys = items.filter((i) => i.kind === 'vm').map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('vm:orch/a/same');
    expect(keys).toContain('vm:orch/b/same');
  });

  it('shows group headers for an orchestrator even with one Mac (its state must be visible)', () => {
    const items = buildList({
      hosts: [orchestrator([farmHost('a', 'polling')])],
      vms: [vm('orch', 'a1', 'a')],
      query: '',
      collapsed: new Set(),
      now: NOW,
    });
    expect(headers(items)[0]?.health.words).toBe('Live events offline; polling');
  });

  it('puts groups with trouble first: down, then fresh stops, then degraded, fine, and disabled last', () => {
    const farm = orchestrator([
      farmHost('fine'),
      farmHost('off', 'disabled', NOW - 60_000),
      farmHost('poll', 'polling'),
      farmHost('stop'),
      farmHost('down', 'unreachable', NOW - 60_000),
    ]);
    const items = buildList({
      hosts: [farm],
      vms: [
        vm('orch', 'f', 'fine'),
        vm('orch', 'o', 'off'),
        vm('orch', 'p', 'poll'),
        vm('orch', 'x', 'stop', 'stopped', NOW - 1000),
        vm('orch', 'd', 'down'),
      ],
      query: '',
      collapsed: new Set(),
      now: NOW,
    });
    expect(headers(items).map((h) => h.farmHostId)).toEqual(['down', 'stop', 'poll', 'fine', 'off']);
  });

  it('dims the VMs of an unreachable or disabled Mac with the time they are from, and only those', () => {
    const asOf = NOW - 5 * 60_000;
    const items = buildList({
      hosts: [orchestrator([farmHost('a', 'unreachable', asOf), farmHost('b'), farmHost('c', 'disabled')])],
      vms: [vm('orch', 'a1', 'a'), vm('orch', 'b1', 'b'), vm('orch', 'c1', 'c')],
      query: '',
      collapsed: new Set(),
      now: NOW,
    });
    const stale = Object.fromEntries(items.filter((i) => i.kind === 'vm').map((i) => [i.vm.name, i.stale]));
    expect(stale).toEqual({ a1: { asOf }, b1: undefined, c1: { asOf: null } });
  });

  it('search matches a Mac by name (all its VMs), the orchestrator by name (the farm), and VM names across hosts', () => {
    const base = { hosts, vms, collapsed: new Set<string>(), now: NOW };
    expect(outline(buildList({ ...base, query: 'mac b' }))).toEqual(['#Mac b', 'b1', 'same']);
    expect(outline(buildList({ ...base, query: 'orchestrator' })).filter((s) => s.startsWith('#'))).toEqual([
      '#Mac a',
      '#Mac b',
    ]);
    expect(outline(buildList({ ...base, query: 'same' }))).toEqual(['#Mac a', 'same', '#Mac b', 'same']);
  });

  it('the host filter shows one group only; collapsed groups stay collapsed unless searching', () => {
    const base = { hosts, vms, query: '', now: NOW };
    expect(outline(buildList({ ...base, collapsed: new Set(), hostFilter: 'orch/b' }))).toEqual([
      '#Mac b',
      'b1',
      'same',
    ]);
    expect(outline(buildList({ ...base, collapsed: new Set(['orch/b']), hostFilter: 'orch/b' }))).toEqual([
      '#Mac b',
    ]);
    expect(outline(buildList({ ...base, query: 'b1', collapsed: new Set(['orch/b']) }))).toEqual([
      '#Mac b',
      'b1',
    ]);
    expect(buildList({ ...base, collapsed: new Set(), hostFilter: 'solo', query: 'b1' })).toEqual([]);
  });

  it('a group header says how many of its VMs are shown: all without a search, the matches with one', () => {
    const base = { hosts, vms, collapsed: new Set<string>(), now: NOW };
    const shown = (items: readonly ListItem[]): string[] =>
      headers(items).map((h) => `${h.name} ${h.shown}/${h.total}`);
    expect(shown(buildList({ ...base, query: '' }))).toEqual(['Solo 1/1', 'Mac a 3/3', 'Mac b 2/2']);
    expect(shown(buildList({ ...base, query: '', hostFilter: 'orch/a' }))).toEqual(['Mac a 3/3']);
    expect(shown(buildList({ ...base, query: 'same' }))).toEqual(['Mac a 1/3', 'Mac b 1/2']);
    expect(shown(buildList({ ...base, query: 'a', hostFilter: 'orch/a' }))).toEqual(['Mac a 3/3']);
    expect(shown(buildList({ ...base, query: 'a2', hostFilter: 'orch/a' }))).toEqual(['Mac a 1/3']);
  });

  it('lists the filter choices: single hosts, then each orchestrator’s Macs under its name', () => {
    expect(hostFilterSections(buildGroups(hosts, vms))).toEqual([
      { label: null, options: [{ value: 'solo', label: 'Solo' }] },
      {
        label: 'Orchestrator',
        options: [
          { value: 'orch/a', label: 'Mac a' },
          { value: 'orch/b', label: 'Mac b' },
        ],
      },
    ]);
  });

  it('before its options are filled in, the closed filter holds only the chosen host, under its section', () => {
    const sections = hostFilterSections(buildGroups(hosts, vms));
    expect(chosenHostOnly(sections, null)).toEqual([]);
    expect(chosenHostOnly(sections, 'orch/b')).toEqual([
      { label: 'Orchestrator', options: [{ value: 'orch/b', label: 'Mac b' }] },
    ]);
    expect(chosenHostOnly(sections, 'solo')).toEqual([
      { label: null, options: [{ value: 'solo', label: 'Solo' }] },
    ]);
    expect(chosenHostOnly(sections, 'orch/gone')).toEqual([]);
  });

  it('keeps VMs of a Mac the orchestrator no longer lists, under its id', () => {
    const items = buildList({
      hosts,
      vms: [vm('orch', 'z1', 'gone')],
      query: '',
      collapsed: new Set(),
      now: NOW,
    });
    expect(headers(items).find((h) => h.farmHostId === 'gone')).toMatchObject({ name: 'gone', total: 1 });
  });

  it('names where a VM runs for its action panel', () => {
    expect(vmPlace(hosts, vm('orch', 'a1', 'a'))).toBe('Mac a via Orchestrator');
    expect(vmPlace(hosts, vm('solo', 's1'))).toBe('Solo');
    expect(vmPlace(hosts, vm('orch', 'z', 'gone'))).toBe('gone via Orchestrator');
  });

  it('groups 4,000 VMs on 100 Macs with work linear in the farm (a 4x farm reads its data about 4x, not 16x)', () => {
    // Counted, not timed: every property read of a VM or a farm-host summary goes through a counting proxy, so a
    // per-group scan of the hosts or of the VMs shows up as quadratic growth whatever the machine's load.
    let reads = 0;
    const counted = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const farm = (n: number): { hosts: HostSummary[]; vms: Vm[] } => {
      const fhs = Array.from({ length: n }, (_, i) =>
        counted(farmHost(`m${i}`, i % 10 === 0 ? 'unreachable' : 'live', NOW)),
      );
      const list = fhs.flatMap((fh) =>
        Array.from({ length: 40 }, (_, j) =>
          counted(vm('orch', `${fh.id}-vm-${j}`, fh.id, j % 7 === 0 ? 'stopped' : 'running')),
        ),
      );
      return { hosts: [orchestrator(counted(fhs))], vms: counted(list) };
    };
    const work = (n: number, query: string): number => {
      const input = { ...farm(n), query, collapsed: new Set<string>(), now: NOW };
      reads = 0;
      buildList(input);
      return reads;
    };
    const big = buildList({ ...farm(100), query: '', collapsed: new Set(), now: NOW });
    expect(headers(big)).toHaveLength(100);
    expect(big).toHaveLength(4100);
    for (const query of ['', 'vm-3']) {
      const ratio = work(100, query) / work(25, query);
      // Linear is 4; a scan of every host per group, or of every VM per host, would be ~16.
      expect(ratio).toBeGreaterThan(3);
      expect(ratio).toBeLessThan(5);
    }
  });
});

describe('group health (orchestrator-protocol.md §6.6)', () => {
  it('says each farm host state in words and colour', () => {
    const o = orchestrator([]);
    const words = (['live', 'verifying', 'polling', 'unreachable', 'disabled'] as const).map((s) => {
      const h = farmHostHealth(o, farmHost('x', s, NOW));
      return [h.words, h.tone, h.stale];
    });
    expect(words).toEqual([
      [null, 'ok', false],
      ['Verifying…', 'busy', false],
      ['Live events offline; polling', 'warn', false],
      ['Unreachable from orchestrator', 'bad', true],
      ['Disabled on orchestrator', 'off', true],
    ]);
    expect(farmHostHealth(o, farmHost('x', 'unreachable', NOW)).asOf).toBe(NOW);
  });

  it('gives no host verdicts while the orchestrator itself is unreachable: every Mac greyed, as of its last update', () => {
    const o = orchestrator([], {
      status: { tag: 'reconnecting', attempt: 2, nextAt: NOW + 5000, lastError: 'refused' },
      dataAsOf: NOW - 60_000,
    });
    expect(farmHostHealth(o, farmHost('x', 'live'))).toMatchObject({
      words: 'Orchestrator unreachable',
      tone: 'warn',
      stale: true,
      asOf: NOW - 60_000,
    });
  });

  it('keeps the single-host rules: stale only while not live and data is kept', () => {
    expect(hostHealth(single)).toMatchObject({ words: null, stale: false });
    const down = {
      ...single,
      status: { tag: 'reconnecting', attempt: 1, nextAt: 0, lastError: '' },
      dataAsOf: 5,
    } as const;
    expect(hostHealth(down)).toMatchObject({ words: "Can't reach", stale: true, asOf: 5 });
    expect(groupIdOf('h', 'f')).toBe('h/f');
    expect(groupIdOf('h')).toBe('h');
  });
});

describe('the header with a farm', () => {
  const farm = orchestrator([
    farmHost('a'),
    farmHost('b', 'unreachable', NOW - 60_000),
    farmHost('c', 'disabled'),
  ]);
  const vms = [
    vm('orch', 'a1', 'a'),
    vm('orch', 'a2', 'a', 'stopped'),
    vm('orch', 'b1', 'b'),
    vm('orch', 'c1', 'c'),
    vm('solo', 's1'),
  ];

  it('counts only the VMs of live Macs and says so', () => {
    expect(headerCounts([farm, single], vms)).toEqual({
      counts: [
        { state: 'running', count: 2 },
        { state: 'stopped', count: 1 },
      ],
      asOf: null,
      note: 'live hosts only (2 of 4)',
    });
    expect(headerCounts([orchestrator([farmHost('a')]), single], vms.slice(0, 2)).note).toBeNull();
  });

  it('does not say "all live" while a Mac is unreachable from its orchestrator or disabled on it', () => {
    expect(statusHeadline([farm, single])).toBe('2 of 4 hosts live');
    expect(statusHeadline([farm])).toBe('1 of 3 hosts live');
    expect(statusHeadline([orchestrator([farmHost('a')]), single])).toBe('All 2 hosts live');
  });
});
