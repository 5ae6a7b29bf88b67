import { describe, expect, it } from 'vitest';
import { diffVm, diffVms, type DiffVm } from '../../../src/main/core/diff';
import { normalizeVmState } from '../../../src/shared/model';

const vm = (id: string, name: string, state: string): DiffVm => ({ id, name, state });

describe('diffVms', () => {
  const cases: { name: string; old: DiffVm[]; fresh: DiffVm[]; expected: unknown[] }[] = [
    {
      name: 'identical lists',
      old: [vm('a', 'A', 'running')],
      fresh: [vm('a', 'A', 'running')],
      expected: [],
    },
    {
      name: 'state change',
      old: [vm('a', 'A', 'running')],
      fresh: [vm('a', 'A', 'stopped')],
      expected: [{ kind: 'state-changed', vmId: 'a', vmName: 'A', from: 'running', to: 'stopped' }],
    },
    {
      name: 'added',
      old: [],
      fresh: [vm('b', 'B', 'stopped')],
      expected: [{ kind: 'added', vmId: 'b', vmName: 'B', state: 'stopped' }],
    },
    {
      name: 'removed',
      old: [vm('a', 'A', 'running')],
      fresh: [],
      expected: [{ kind: 'removed', vmId: 'a', vmName: 'A', lastState: 'running' }],
    },
    {
      name: 'renamed',
      old: [vm('a', 'A', 'running')],
      fresh: [vm('a', 'A2', 'running')],
      expected: [{ kind: 'renamed', vmId: 'a', vmName: 'A2', from: 'A', to: 'A2' }],
    },
    {
      name: 'renamed and stopped: two changes',
      old: [vm('a', 'A', 'running')],
      fresh: [vm('a', 'A2', 'stopped')],
      expected: [
        { kind: 'renamed', vmId: 'a', vmName: 'A2', from: 'A', to: 'A2' },
        { kind: 'state-changed', vmId: 'a', vmName: 'A2', from: 'running', to: 'stopped' },
      ],
    },
    {
      name: 'ids compared case-insensitively without braces',
      old: [vm('{ABC}', 'A', 'running')],
      fresh: [vm('abc', 'A', 'running')],
      expected: [],
    },
    {
      // The server's spelling varies only before the parser: both sides arrive normalised.
      name: 'state case ignored once normalised',
      old: [vm('a', 'A', normalizeVmState('Running'))],
      fresh: [vm('a', 'A', 'running')],
      expected: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(diffVms(c.old, c.fresh)).toEqual(c.expected);
    });
  }

  it('orders removed, added, renamed, state-changed deterministically', () => {
    const kinds = diffVms(
      [vm('1', 'one', 'running'), vm('2', 'two', 'running'), vm('3', 'three', 'running')],
      [vm('1', 'one', 'stopped'), vm('3', 'THREE', 'running'), vm('4', 'four', 'running')],
    ).map((c) => c.kind);
    expect(kinds).toEqual(['removed', 'added', 'renamed', 'state-changed']);
  });

  it('sorts within each kind by name (not id), then by id for equal names', () => {
    const changes = diffVms(
      [
        vm('r1', 'zeta', 'running'),
        vm('r2', 'alpha', 'running'),
        vm('s2', 'same', 'running'),
        vm('s1', 'same', 'running'),
      ],
      [
        vm('s2', 'same', 'stopped'),
        vm('s1', 'same', 'stopped'),
        vm('a1', 'yak', 'running'),
        vm('a2', 'bee', 'running'),
      ],
    );
    expect(changes.map((c) => `${c.kind}:${c.vmId}`)).toEqual([
      'removed:r2', // alpha
      'removed:r1', // zeta
      'added:a2', // bee
      'added:a1', // yak
      'state-changed:s1',
      'state-changed:s2',
    ]);
  });
});

describe('diffVms renames', () => {
  it('several renames are sorted by their new name too', () => {
    const changes = diffVms(
      [vm('x1', 'old-1', 'running'), vm('x2', 'old-2', 'running')],
      [vm('x1', 'zulu', 'running'), vm('x2', 'alpha', 'running')],
    );
    expect(changes.map((c) => `${c.kind}:${c.vmName}`)).toEqual(['renamed:alpha', 'renamed:zulu']);
  });
});

describe('diffVm (one VM, no maps)', () => {
  const before = vm('a', 'A', 'running');
  it.each([
    ['nothing before or after', undefined, undefined, []],
    ['added', undefined, before, [{ kind: 'added', vmId: 'a', vmName: 'A', state: 'running' }]],
    ['removed', before, undefined, [{ kind: 'removed', vmId: 'a', vmName: 'A', lastState: 'running' }]],
    ['the same object', before, before, []],
    ['an equal copy', before, vm('a', 'A', 'running'), []],
    ['only the server’s casing of the state differs', before, vm('a', 'A', normalizeVmState('RUNNING')), []],
    [
      'renamed',
      before,
      vm('a', 'B', 'running'),
      [{ kind: 'renamed', vmId: 'a', vmName: 'B', from: 'A', to: 'B' }],
    ],
    [
      'renamed and stopped: rename first',
      before,
      vm('a', 'B', 'stopped'),
      [
        { kind: 'renamed', vmId: 'a', vmName: 'B', from: 'A', to: 'B' },
        { kind: 'state-changed', vmId: 'a', vmName: 'B', from: 'running', to: 'stopped' },
      ],
    ],
  ] as const)('%s', (_name, old, fresh, expected) => {
    expect(diffVm(old, fresh)).toEqual(expected);
    // The fast path agrees with the list diff on the same VM.
    expect(diffVm(old, fresh)).toEqual(diffVms(old ? [old] : [], fresh ? [fresh] : []));
  });
});
