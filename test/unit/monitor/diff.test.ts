import { describe, expect, it } from 'vitest';
import { diffVms, type DiffVm } from '../../../src/main/monitor/diff';

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
      name: 'state case ignored',
      old: [vm('a', 'A', 'Running')],
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
});
