// The edges of the §6.4 resync planners (farm-resync.ts, orchestrator-protocol.md §6.4) that decide whether a stop
// during a farm host's gap is found, reported, or overwritten by a stale list (issue 16: the module left the
// mutation scope when the farm planners were split out; these pin what a caller of each planner observes).
import { describe, expect, it } from 'vitest';
import {
  mergeHostList,
  resolveTargetedResync,
  vmsToPoll,
  vmsToVerify,
  type StatusRead,
} from '../../../src/main/core/farm-resync';
import type { FarmVmRecord } from '../../../src/main/core/farm-rules';

const H = 'host-1';
const SENT = 1_000_000;
const NOW = SENT + 2_000;
const GUARD_MS = 30_000;

function rec(id: string, state: string, lastEventAt: number | null = null): FarmVmRecord {
  return { hostId: H, vm: { id, name: `vm-${id}`, state, os: 'macosx' }, lastEventAt, suspect: true };
}

const lookup =
  (...records: FarmVmRecord[]) =>
  (id: string): FarmVmRecord | undefined =>
    records.find((r) => r.vm.id === id);

const reads = (...entries: [string, StatusRead][]) => new Map<string, StatusRead>(entries);

describe('which VMs a gap puts in doubt', () => {
  it('verifies every state but stopped, transitional ones included', () => {
    const before = ['running', 'paused', 'suspended', 'stopping', 'starting', 'stopped', 'unknown'].map(
      (s, i) => rec(String(i), s),
    );
    expect(vmsToVerify(before)).toEqual(['0', '1', '2', '3', '4', '6']);
  });

  it('polls an unlinked host only for VMs that can still stop: running, paused, suspended', () => {
    const known = ['running', 'paused', 'suspended', 'stopped', 'stopping', 'starting'].map((s, i) =>
      rec(String(i), s),
    );
    expect(vmsToPoll(known)).toEqual(['0', '1', '2']);
  });
});

describe('resolveTargetedResync', () => {
  it('a VM that was running and reads stopped is a change, a stop found meanwhile, and verified', () => {
    const out = resolveTargetedResync(
      H,
      [rec('a', 'running')],
      reads(['a', { ok: true, state: 'stopped' }]),
      lookup(rec('a', 'running')),
      SENT,
      NOW,
    );
    expect(out).toEqual({
      steps: [
        { kind: 'set-vm-state', hostId: H, vmId: 'a', state: 'stopped', at: NOW },
        { kind: 'vm-verified', hostId: H, vmId: 'a', at: NOW },
      ],
      changes: [{ vmId: 'a', from: 'running', to: 'stopped' }],
      stoppedMeanwhile: ['a'],
      unverified: [],
    });
  });

  it('a read that agrees only verifies; a change to another state than stopped is no stop to report', () => {
    const out = resolveTargetedResync(
      H,
      [rec('same', 'running'), rec('susp', 'running')],
      reads(['same', { ok: true, state: 'running' }], ['susp', { ok: true, state: 'suspended' }]),
      lookup(rec('same', 'running'), rec('susp', 'running')),
      SENT,
      NOW,
    );
    expect(out.steps).toEqual([
      { kind: 'vm-verified', hostId: H, vmId: 'same', at: NOW },
      { kind: 'set-vm-state', hostId: H, vmId: 'susp', state: 'suspended', at: NOW },
      { kind: 'vm-verified', hostId: H, vmId: 'susp', at: NOW },
    ]);
    expect(out.changes).toEqual([{ vmId: 'susp', from: 'running', to: 'suspended' }]);
    expect(out.stoppedMeanwhile).toEqual([]);
  });

  it('a VM already stopped before the gap is not "stopped meanwhile", even when an older event showed it running', () => {
    const out = resolveTargetedResync(
      H,
      [rec('a', 'stopped')],
      reads(['a', { ok: true, state: 'stopped' }]),
      lookup(rec('a', 'running', SENT - 1)),
      SENT,
      NOW,
    );
    expect(out.changes).toEqual([{ vmId: 'a', from: 'running', to: 'stopped' }]);
    expect(out.stoppedMeanwhile).toEqual([]);
  });

  it('compares the read with what is shown now, not with the state before the gap', () => {
    // An event before the reads were sent already moved the VM to "stopped": the read agrees, nothing to change.
    const out = resolveTargetedResync(
      H,
      [rec('a', 'running')],
      reads(['a', { ok: true, state: 'stopped' }]),
      lookup(rec('a', 'stopped', SENT - 1)),
      SENT,
      NOW,
    );
    expect(out.changes).toEqual([]);
    expect(out.stoppedMeanwhile).toEqual([]);
    expect(out.steps).toEqual([{ kind: 'vm-verified', hostId: H, vmId: 'a', at: NOW }]);
  });

  it('an event at the very time the reads were sent does not beat the read; one after it does', () => {
    const at = resolveTargetedResync(
      H,
      [rec('a', 'running')],
      reads(['a', { ok: true, state: 'stopped' }]),
      lookup(rec('a', 'running', SENT)),
      SENT,
      NOW,
    );
    expect(at.stoppedMeanwhile).toEqual(['a']);
    const after = resolveTargetedResync(
      H,
      [rec('a', 'running')],
      reads(['a', { ok: true, state: 'stopped' }]),
      lookup(rec('a', 'running', SENT + 1)),
      SENT,
      NOW,
    );
    expect(after).toEqual({
      steps: [{ kind: 'vm-verified', hostId: H, vmId: 'a', at: NOW }],
      changes: [],
      stoppedMeanwhile: [],
      unverified: [],
    });
  });

  it('skips a VM removed meanwhile and one with no read; a failed read of either kind stays unverified', () => {
    const out = resolveTargetedResync(
      H,
      [rec('gone', 'running'), rec('unread', 'running'), rec('cache', 'running'), rec('down', 'running')],
      reads(
        ['gone', { ok: true, state: 'stopped' }],
        ['cache', { ok: false, reason: 'not-in-cache' }],
        ['down', { ok: false, reason: 'host-unavailable' }],
      ),
      lookup(rec('unread', 'running'), rec('cache', 'running'), rec('down', 'running')),
      SENT,
      NOW,
    );
    expect(out).toEqual({ steps: [], changes: [], stoppedMeanwhile: [], unverified: ['cache', 'down'] });
  });
});

describe('mergeHostList', () => {
  const listed = (id: string, state: string) => ({ id, name: `vm-${id}`, state, os: 'macosx' });

  it('a list replaces VMs known only from lists, and removes those it no longer has', () => {
    const merge = mergeHostList(
      H,
      [rec('a', 'running'), rec('old', 'running')],
      [listed('a', 'stopped')],
      SENT,
    );
    expect(merge).toEqual({
      steps: [
        { kind: 'upsert-vm', hostId: H, vm: listed('a', 'stopped'), at: null, placeholder: false },
        { kind: 'remove-vm', hostId: H, vmId: 'old' },
      ],
      followUps: [],
    });
  });

  it('an event up to 30 s before the list was sent beats it: kept, and read live only if they disagree', () => {
    const recent = SENT - GUARD_MS + 1;
    const merge = mergeHostList(
      H,
      [rec('agree', 'stopped', recent), rec('differ', 'stopped', recent), rec('added', 'running', recent)],
      [listed('agree', 'stopped'), listed('differ', 'running')],
      SENT,
    );
    expect(merge).toEqual({
      steps: [],
      followUps: [{ kind: 'verify-later', hostId: H, vmId: 'differ', afterMs: 0 }],
    });
  });

  it('an event exactly 30 s or more before the list no longer beats it', () => {
    const old = SENT - GUARD_MS;
    const merge = mergeHostList(
      H,
      [rec('a', 'stopped', old), rec('b', 'running', old)],
      [listed('a', 'running')],
      SENT,
    );
    expect(merge).toEqual({
      steps: [
        { kind: 'upsert-vm', hostId: H, vm: listed('a', 'running'), at: null, placeholder: false },
        { kind: 'remove-vm', hostId: H, vmId: 'b' },
      ],
      followUps: [],
    });
  });
});
