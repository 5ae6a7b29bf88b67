// The first screen of a REAL farm (issue 15: 100 Macs × 40 VMs behind one orchestrator, a CI mix of states). The
// cut used to keep 40 running VMs of EACH group, so at this shape it kept everything: the "first screen" was the
// whole farm, cloned before the first frame. It must be about one screen, and the page must not see a difference
// in what it shows first or in any count.
import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_ROWS, RECENT_STOP_MARGIN_MS, firstScreenOf } from '../../../src/shared/first-screen';
import type { FarmHostSummary, HostSummary, Snapshot, Vm } from '../../../src/shared/model';
import { RECENT_STOP_MS } from '../../../src/shared/vm-attention';
import { headerCounts } from '../../../src/renderer/src/lib/status';
import type { ListItem } from '../../../src/renderer/src/lib/vm-list';
import { head, headers, listOf, snapshotAt } from './first-screen-view';

const NOW = 1_800_000_000_000;
const live = { tag: 'live', since: 0 } as const;
const ORCH = 'orch-1';

const macId = (g: number): string => `host-${String(g).padStart(3, '0')}`;

/** 100 Macs × 40 VMs: mostly running, every 10th stopped long ago, every 17th suspended. */
function farmVms(groups = 100, perGroup = 40): Vm[] {
  const vms: Vm[] = [];
  for (let g = 1; g <= groups; g++)
    for (let i = 1; i <= perGroup; i++) {
      const n = g * perGroup + i;
      vms.push({
        hostId: ORCH,
        farmHostId: macId(g),
        id: `vm-${n}`,
        name: `ci-${String(g).padStart(3, '0')}-${String(i).padStart(2, '0')}`,
        state: n % 10 === 0 ? 'stopped' : n % 17 === 0 ? 'suspended' : 'running',
        os: 'macosx',
        stateSince: n % 10 === 0 ? null : NOW - 3_600_000,
        changedWhileOffline: false,
      });
    }
  return vms;
}

function snapshotOf(vms: Vm[], farmHosts: FarmHostSummary[], extraHosts: HostSummary[] = []): Snapshot {
  const hosts: HostSummary[] = [
    ...extraHosts,
    { id: ORCH, name: 'Orchestrator', url: 'https://orch', kind: 'orchestrator', status: live, farmHosts },
  ];
  // main's own order (store-selectors.ts): by entry, then name — NOT by farm host.
  return snapshotAt(hosts, vms, NOW);
}

function macs(groups = 100): FarmHostSummary[] {
  return Array.from({ length: groups }, (_, i) => ({
    id: macId(i + 1),
    name: `mac-${String(i + 1).padStart(3, '0')}`,
    url: '',
    state: 'live' as const,
  }));
}

const list = (s: Snapshot, now = NOW): ListItem[] => listOf(s, now);

const with_ = (vms: Vm[], id: string, change: Partial<Vm>): Vm[] =>
  vms.map((vm) => (vm.id === id ? { ...vm, ...change } : vm));

describe('firstScreenOf at farm shape (100 Macs × 40 VMs via an orchestrator)', () => {
  it('is about one screen, not the farm, and every count is still the whole farm’s', () => {
    const full = snapshotOf(farmVms(), macs());
    const first = firstScreenOf(full);
    expect(first.vms.length).toBeLessThanOrEqual(100);
    expect(first.vms.length).toBeGreaterThanOrEqual(FIRST_SCREEN_ROWS);
    expect(headerCounts(first.hosts, first.vms, first.firstScreen?.omitted)).toEqual(
      headerCounts(full.hosts, full.vms),
    );
    expect(headers(list(first))).toEqual(headers(list(full)));
    expect(head(list(first), FIRST_SCREEN_ROWS)).toEqual(head(list(full), FIRST_SCREEN_ROWS));
    expect(first.firstScreen?.omitted.reduce((n, o) => n + o.count, 0)).toBe(
      full.vms.length - first.vms.length,
    );
  });

  it('sends a VM that stopped minutes ago on Mac 97, a transitional one and one in error, wherever they are', () => {
    let vms = farmVms();
    const on = (g: number, i: number): string => `vm-${g * 40 + i}`;
    vms = with_(vms, on(97, 3), { state: 'stopped', stateSince: NOW - 60_000 });
    vms = with_(vms, on(88, 5), { state: 'starting', stateSince: NOW - 5_000 });
    vms = with_(vms, on(99, 7), { state: 'invalid', stateSince: null });
    const full = snapshotOf(vms, macs());
    const first = firstScreenOf(full);
    const sent = new Set(first.vms.map((vm) => vm.id));
    expect([...[on(97, 3), on(88, 5), on(99, 7)]].filter((id) => !sent.has(id))).toEqual([]);
    // Mac 97 rises to the top (a group whose VMs need attention); the page's first rows are the whole list's.
    expect(head(list(first), FIRST_SCREEN_ROWS)).toEqual(head(list(full), FIRST_SCREEN_ROWS));
    expect(list(first)[0]).toMatchObject({ kind: 'host', farmHostId: macId(97) });
  });

  it('leaves out a long-stopped VM beyond the budget, and counts it as stopped in its group', () => {
    const full = snapshotOf(farmVms(), macs());
    const longStopped = full.vms.find((vm) => vm.farmHostId === macId(60) && vm.state === 'stopped')!;
    expect(longStopped.stateSince).toBeNull();
    const first = firstScreenOf(full);
    expect(first.vms).not.toContain(longStopped);
    expect(first.firstScreen?.omitted).toContainEqual({
      hostId: ORCH,
      farmHostId: macId(60),
      state: 'stopped',
      count: full.vms.filter((vm) => vm.farmHostId === macId(60) && vm.state === 'stopped').length,
    });
  });

  it('sends a stop just past the page’s window (the page’s clock may be behind main’s)', () => {
    const vms = with_(farmVms(), 'vm-3203', {
      state: 'stopped',
      stateSince: NOW - RECENT_STOP_MS - RECENT_STOP_MARGIN_MS / 2,
    });
    const full = snapshotOf(vms, macs());
    const first = firstScreenOf(full);
    expect(first.vms.map((vm) => vm.id)).toContain('vm-3203');
    // The page's clock reads a little earlier than main's (read at load, ticking every 30 s): whatever it reads
    // within the margin, the rows it shows first are there.
    for (const pageNow of [NOW, NOW - 30_000, NOW - RECENT_STOP_MARGIN_MS])
      expect(head(list(first, pageNow), FIRST_SCREEN_ROWS)).toEqual(
        head(list(full, pageNow), FIRST_SCREEN_ROWS),
      );
  });

  it('follows the page’s group order, not main’s VM order: Macs named against their VM names, one down', () => {
    // Mac ids (and VM names) ascend while the Macs' names descend: the page lists mac-a… first, main's snapshot
    // order (by name) starts with the other end. The last Mac is unreachable: its group goes first.
    const hosts = macs(30).map((m, i) => ({ ...m, name: `mac-${String.fromCharCode(122 - i)}` }));
    hosts.sort((a, b) => a.name.localeCompare(b.name));
    hosts[10] = { ...hosts[10]!, state: 'unreachable', dataAsOf: NOW - 60_000 };
    const full = snapshotOf(farmVms(30), hosts);
    const first = firstScreenOf(full);
    expect(first.firstScreen).toBeDefined();
    expect(head(list(first), FIRST_SCREEN_ROWS)).toEqual(head(list(full), FIRST_SCREEN_ROWS));
    expect(headers(list(first))).toEqual(headers(list(full)));
  });

  it('cuts a single-host entry beside the farm the same way (pdfm and orchestrator entries together)', () => {
    const solo: Vm[] = Array.from({ length: 300 }, (_, i) => ({
      hostId: 'solo',
      id: `solo-${i}`,
      name: `build-${i}`,
      state: i % 9 === 0 ? 'stopped' : 'running',
      os: 'macosx',
      stateSince: i % 27 === 0 ? NOW - 120_000 : null,
      changedWhileOffline: false,
    }));
    const full = snapshotOf([...solo, ...farmVms(20)], macs(20), [
      { id: 'solo', name: 'Solo', url: 'https://solo', status: live },
    ]);
    const first = firstScreenOf(full);
    expect(first.vms.length).toBeLessThanOrEqual(100);
    expect(head(list(first), FIRST_SCREEN_ROWS)).toEqual(head(list(full), FIRST_SCREEN_ROWS));
    expect(headers(list(first))).toEqual(headers(list(full)));
    expect(headerCounts(first.hosts, first.vms, first.firstScreen?.omitted)).toEqual(
      headerCounts(full.hosts, full.vms),
    );
  });

  it('keeps the header of a group the hosts no longer list (a Mac gone from the orchestrator, an entry removed)', () => {
    const gone: Vm[] = ['vm-x1', 'vm-x2'].map((id) => ({
      hostId: 'removed-entry',
      id,
      name: id,
      state: 'running',
      os: 'macosx',
      stateSince: null,
      changedWhileOffline: false,
    }));
    // Mac 100 is no longer listed by the orchestrator, but its VMs are still there.
    const full = snapshotOf([...farmVms(), ...gone], macs(99));
    const first = firstScreenOf(full);
    expect(headers(list(first))).toEqual(headers(list(full)));
    expect(head(list(first), FIRST_SCREEN_ROWS)).toEqual(head(list(full), FIRST_SCREEN_ROWS));
    expect(first.vms.length).toBeLessThanOrEqual(100);
  });

  it('orders names in ONE collation on both sides, where locales disagree (Swedish puts "ä" after "z")', () => {
    const names = ['zulu', 'ärlig', 'alpha', 'Ångström', 'beta'];
    // The case exists: a default-locale collator in a Swedish session orders these differently from 'en'.
    const sv = [...names].sort(new Intl.Collator('sv').compare);
    const en = [...names].sort(new Intl.Collator('en').compare);
    expect(sv).not.toEqual(en);
    const vms: Vm[] = names.flatMap((name, i) =>
      Array.from({ length: 20 }, (_, j) => ({
        hostId: 'solo',
        id: `${i}-${j}`,
        name: `${name}-${j}`,
        state: 'running',
        os: 'macosx',
        stateSince: null,
        changedWhileOffline: false,
      })),
    );
    const full = snapshotOf(vms, [], [{ id: 'solo', name: 'Solo', url: 'https://solo', status: live }]);
    const first = firstScreenOf(full, 30);
    expect(first.vms.length).toBe(30);
    expect(head(list(first), 30)).toEqual(head(list(full), 30));
    // …and that order is 'en': alpha, Ångström, ärlig, beta (numeric within: -2 before -10).
    const shown = list(first).flatMap((item) => (item.kind === 'vm' ? [item.vm.name] : []));
    expect(shown.slice(0, 3)).toEqual(['alpha-0', 'alpha-1', 'alpha-2']);
    expect(shown[20]).toBe('Ångström-0');
  });
});
