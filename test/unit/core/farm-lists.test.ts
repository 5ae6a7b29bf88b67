// A farm host's re-list never moves a VM we hold to another state on the cache's word (orchestrator-protocol.md §3.5:
// a rebooted Mac's VMs show "running" in the cache for ~5 min; §3.6: a list can be older than our events).
import { describe, expect, it } from 'vitest';
import { mergeListCautiously } from '../../../src/main/core/farm-lists';
import { mergeHostList } from '../../../src/main/core/farm-resync';
import type { FarmVmRecord } from '../../../src/main/core/farm-rules';

const held = (id: string, state: string, lastEventAt: number | null): FarmVmRecord => ({
  hostId: 'h',
  vm: { id, name: id, state, os: 'macosx' },
  lastEventAt,
  suspect: false,
});

describe('mergeListCautiously', () => {
  it('a VM found stopped long before the list keeps "stopped" and is read live, while the cache says running', () => {
    const known = [held('a', 'stopped', 1_000), held('b', 'running', null)];
    const fresh = [
      { id: 'a', name: 'a', state: 'running', os: 'macosx' },
      { id: 'b', name: 'b2', state: 'running', os: 'macosx' },
      { id: 'c', name: 'c', state: 'stopped', os: 'macosx' },
    ];
    const now = 600_000; // far beyond the 30 s guard of mergeHostList
    // What the plain merge would do: believe the stale cache.
    const plain = mergeHostList('h', known, fresh, now);
    expect(plain.steps.find((s) => s.kind === 'upsert-vm' && s.vm.id === 'a')).toMatchObject({
      vm: { state: 'running' },
    });
    const merged = mergeListCautiously('h', known, fresh, now);
    expect(merged.verify).toEqual(['a']);
    const byId = new Map(merged.steps.flatMap((s) => (s.kind === 'upsert-vm' ? [[s.vm.id, s.vm]] : [])));
    expect(byId.get('a')?.state).toBe('stopped');
    expect(byId.get('b')?.name).toBe('b2'); // names and new VMs still come from the list
    expect(byId.get('c')?.state).toBe('stopped');
  });

  it('a VM with an event newer than the list keeps its state and is read live; one gone from the list is removed', () => {
    const now = 600_000;
    const known = [held('recent', 'stopped', now - 1_000), held('gone', 'running', 1_000)];
    const fresh = [{ id: 'recent', name: 'recent', state: 'running', os: 'macosx' }];
    const merged = mergeListCautiously('h', known, fresh, now);
    expect(merged.verify).toEqual(['recent']);
    // No upsert for 'recent' (its event beats the list), and 'gone' (no recent event) is removed.
    expect(merged.steps).toEqual([{ kind: 'remove-vm', hostId: 'h', vmId: 'gone' }]);
  });
});
