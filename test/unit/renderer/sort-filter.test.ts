import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../src/shared/model';
import { actionsFor, needsConfirmation } from '../../../src/renderer/src/lib/actions';
import { filterVms, parseQuery } from '../../../src/renderer/src/lib/filter';
import { Attention, RECENT_STOP_MS, attentionOf, rankVms, sortVms } from '../../../src/shared/vm-attention';

const NOW = 1_800_000_000_000;

function vm(name: string, state: string, extra: Partial<Vm> = {}): Vm {
  return {
    hostId: 'h1',
    id: `id-${name}`,
    name,
    state,
    os: 'macosx',
    stateSince: NOW - 3_600_000,
    changedWhileOffline: false,
    ...extra,
  };
}

describe('attention ordering', () => {
  it('a VM already stopped when Hubwatch first listed it is not "recently stopped"', () => {
    expect(attentionOf(vm('long-stopped', 'stopped', { stateSince: null }), NOW)).toBe(Attention.Normal);
    expect(attentionOf(vm('just-stopped', 'stopped', { stateSince: NOW - 1_000 }), NOW)).not.toBe(
      Attention.Normal,
    );
  });

  it('puts recently stopped first, then errors/unknown, then transitional, then by natural name', () => {
    const vms = [
      vm('mac-10', 'running'),
      vm('mac-2', 'running'),
      vm('old-stop', 'stopped'),
      vm('busy', 'starting'),
      vm('weird', 'deleting state'),
      vm('broken', 'invalid'),
      vm('fresh-stop', 'stopped', { stateSince: NOW - 60_000 }),
    ];
    expect(sortVms(vms, NOW).map((v) => v.name)).toEqual([
      'fresh-stop',
      'broken',
      'weird',
      'busy',
      'mac-2',
      'mac-10',
      'old-stop',
    ]);
  });

  it('pairs each VM with the same rank attentionOf gives it, in sorted order', () => {
    const vms = [
      vm('mac-1', 'running'),
      vm('fresh-stop', 'stopped', { stateSince: NOW - 60_000 }),
      vm('busy', 'starting'),
    ];
    const ranked = rankVms(vms, NOW);
    expect(ranked.map((r) => r.vm.name)).toEqual(sortVms(vms, NOW).map((v) => v.name));
    expect(ranked.map((r) => r.rank)).toEqual(ranked.map((r) => attentionOf(r.vm, NOW)));
    expect(ranked.map((r) => r.rank)).toEqual([
      Attention.RecentlyStopped,
      Attention.Transitional,
      Attention.Normal,
    ]);
  });

  it('lets a stop age out of the top at exactly RECENT_STOP_MS', () => {
    const justInside = vm('a', 'stopped', { stateSince: NOW - RECENT_STOP_MS + 1 });
    const atLimit = vm('b', 'stopped', { stateSince: NOW - RECENT_STOP_MS });
    expect(attentionOf(justInside, NOW)).toBe(Attention.RecentlyStopped);
    expect(attentionOf(atLimit, NOW)).toBe(Attention.Normal);
  });

  it('does not mutate its input and is stable for equal names via id', () => {
    const a = vm('same', 'running', { id: 'b-id' });
    const b = vm('same', 'running', { id: 'a-id' });
    const input = [a, b];
    expect(sortVms(input, NOW).map((v) => v.id)).toEqual(['a-id', 'b-id']);
    expect(input).toEqual([a, b]);
  });
});

describe('filter', () => {
  const vms = [
    vm('mac-builder-1', 'running'),
    vm('ubuntu-ci', 'stopped', { hostId: 'h2', os: 'ubuntu' }),
    vm('win-runner', 'suspended', { os: 'win-11' }),
  ];
  const hostName = (id: string): string => (id === 'h2' ? 'Farm Two' : 'Farm One');

  it('returns everything for an empty or blank query', () => {
    expect(filterVms(vms, '   ', hostName)).toBe(vms);
  });

  it('matches name, state, host name and OS case-insensitively', () => {
    expect(filterVms(vms, 'BUILDER', hostName).map((v) => v.name)).toEqual(['mac-builder-1']);
    expect(filterVms(vms, 'stopped', hostName).map((v) => v.name)).toEqual(['ubuntu-ci']);
    expect(filterVms(vms, 'two', hostName).map((v) => v.name)).toEqual(['ubuntu-ci']);
    expect(filterVms(vms, 'win-11', hostName).map((v) => v.name)).toEqual(['win-runner']);
  });

  it('requires every term and supports field prefixes', () => {
    expect(filterVms(vms, 'farm running', hostName).map((v) => v.name)).toEqual(['mac-builder-1']);
    expect(filterVms(vms, 'state:run', hostName).map((v) => v.name)).toEqual(['mac-builder-1']);
    // "ci" appears in no state, so state:ci matches nothing even though a name contains it.
    expect(filterVms(vms, 'state:ci', hostName)).toEqual([]);
  });

  it('treats a dangling prefix as plain text', () => {
    expect(parseQuery('state:')).toEqual([{ field: null, text: 'state:' }]);
  });
});

describe('actions by state', () => {
  it.each([
    ['running', ['stop', 'suspend', 'restart']],
    ['stopped', ['start']],
    ['suspended', ['resume']],
    ['paused', ['resume']],
    ['starting', []],
    ['invalid', []],
    ['deleting state', []],
  ])('%s offers %j', (state, expected) => {
    expect(actionsFor(state)).toEqual(expected);
  });

  it('confirms stop but not start', () => {
    expect(needsConfirmation('stop')).toBe(true);
    expect(needsConfirmation('start')).toBe(false);
  });
});
