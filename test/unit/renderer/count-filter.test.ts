// The header's state counts double as filters (issue 14); while a first screen is shown the VMs it left out are
// counted by state (shared/first-screen.ts), and a filter must count them by the same buckets as the held VMs, so
// a group header under a filter says the same number whether its VMs have arrived or not.
import { describe, expect, it } from 'vitest';
import { filterByCount, filterOmittedByCount } from '../../../src/renderer/src/lib/count-filter';
import type { OmittedVms, Vm } from '../../../src/shared/model';

const vm = (id: string, state: string): Vm => ({
  hostId: 'h',
  id,
  name: id,
  state,
  os: 'macosx',
  stateSince: null,
  changedWhileOffline: false,
});
const omitted = (state: string, count: number): OmittedVms => ({
  hostId: 'h',
  farmHostId: 'm',
  state,
  count,
});

describe('count filters over held and left-out VMs', () => {
  const states = ['running', 'stopped', 'suspended', 'paused', 'starting', 'invalid', 'weird'];
  it.each(['running', 'stopped', 'suspended', 'busy', 'other'])(
    'bucket %s: the same states pass',
    (bucket) => {
      const held = filterByCount(
        states.map((s) => vm(s, s)),
        bucket,
      ).map((v) => v.state);
      const left = filterOmittedByCount(
        states.map((s) => omitted(s, 2)),
        bucket,
      ).map((o) => o.state);
      expect(left).toEqual(held);
    },
  );

  it('passes everything without a filter, and nothing is left out of a whole snapshot', () => {
    const all = [omitted('running', 3), omitted('stopped', 1)];
    expect(filterOmittedByCount(all, null)).toBe(all);
    expect(filterOmittedByCount(undefined, 'running')).toEqual([]);
  });
});
