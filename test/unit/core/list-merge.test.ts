import { describe, expect, it } from 'vitest';
import { mergeListWithLiveEvents } from '../../../src/main/core/list-merge';
import type { ParsedVm } from '../../../src/main/core/hub-ports';
import type { Vm } from '../../../src/shared/model';

// A re-list answered from the server's cache can be older than the live events applied while it was in flight
// (issue 16: list-merge.ts decides whether a stop seen live is overwritten by a stale "running" list, and had no
// test of its own). What the caller observes is the list it will store: these tests check exactly that.
const HOST = 'h1';

const listed = (id: string, state: ParsedVm['state'], extra: Partial<ParsedVm> = {}): ParsedVm => ({
  id,
  name: `list-${id}`,
  state,
  os: 'ubuntu',
  ...extra,
});

const held = (id: string, state: Vm['state'], extra: Pick<Vm, 'uptimeSeconds' | 'ip' | 'user'> = {}): Vm => ({
  hostId: HOST,
  id,
  name: `live-${id}`,
  state,
  os: 'macosx',
  stateSince: 1_000,
  changedWhileOffline: false,
  ...extra,
});

const lookup =
  (...vms: Vm[]) =>
  (id: string): Vm | undefined =>
    vms.find((vm) => vm.id === id);

const byId = (vms: readonly ParsedVm[]): ParsedVm[] => [...vms].sort((a, b) => a.id.localeCompare(b.id));

describe('mergeListWithLiveEvents', () => {
  it('takes the list as it is when no event touched a VM meanwhile, as a copy the caller may keep', () => {
    const list = [listed('a', 'running'), listed('b', 'stopped')];
    const merged = mergeListWithLiveEvents(HOST, list, new Set(), lookup(held('a', 'stopped')));
    expect(merged).toEqual(list);
    expect(merged).not.toBe(list);
  });

  it('keeps a stop seen live over a stale "running" in the list, with the live name and os', () => {
    const list = [listed('a', 'running'), listed('b', 'running')];
    const merged = mergeListWithLiveEvents(HOST, list, new Set(['a']), lookup(held('a', 'stopped')));
    expect(byId(merged)).toEqual([
      { id: 'a', name: 'live-a', state: 'stopped', os: 'macosx' },
      listed('b', 'running'),
    ]);
  });

  it('carries the live uptime, ip and user of a touched VM, and no undefined keys when it has none', () => {
    const live = held('a', 'running', { uptimeSeconds: 42, ip: '10.0.0.7', user: 'ci' });
    const withAll = mergeListWithLiveEvents(HOST, [listed('a', 'stopped')], new Set(['a']), lookup(live));
    expect(withAll).toEqual([
      {
        id: 'a',
        name: 'live-a',
        state: 'running',
        os: 'macosx',
        uptimeSeconds: 42,
        ip: '10.0.0.7',
        user: 'ci',
      },
    ]);

    const listedWithAll = listed('a', 'running', { uptimeSeconds: 9, ip: '10.0.0.9', user: 'old' });
    const bare = mergeListWithLiveEvents(HOST, [listedWithAll], new Set(['a']), lookup(held('a', 'paused')));
    expect(bare).toEqual([{ id: 'a', name: 'live-a', state: 'paused', os: 'macosx' }]);
    expect(Object.keys(bare[0] ?? {}).sort()).toEqual(['id', 'name', 'os', 'state']);
  });

  it('drops a VM a live event removed, even though the older list still has it', () => {
    const list = [listed('a', 'running'), listed('b', 'running')];
    const merged = mergeListWithLiveEvents(HOST, list, new Set(['a']), lookup());
    expect(merged).toEqual([listed('b', 'running')]);
  });

  it('adds a VM a live event created that the older list does not have yet', () => {
    const merged = mergeListWithLiveEvents(
      HOST,
      [listed('b', 'stopped')],
      new Set(['new']),
      lookup(held('new', 'running')),
    );
    expect(byId(merged)).toEqual([
      listed('b', 'stopped'),
      { id: 'new', name: 'live-new', state: 'running', os: 'macosx' },
    ]);
  });

  it('keeps every untouched VM of the list as listed when several VMs were touched', () => {
    const list = [
      listed('a', 'running'),
      listed('b', 'running'),
      listed('c', 'stopped'),
      listed('d', 'running'),
    ];
    const merged = mergeListWithLiveEvents(
      HOST,
      list,
      new Set(['b', 'd']),
      lookup(held('b', 'stopped'), held('d', 'suspended')),
    );
    expect(byId(merged)).toEqual([
      listed('a', 'running'),
      { id: 'b', name: 'live-b', state: 'stopped', os: 'macosx' },
      listed('c', 'stopped'),
      { id: 'd', name: 'live-d', state: 'suspended', os: 'macosx' },
    ]);
  });
});
