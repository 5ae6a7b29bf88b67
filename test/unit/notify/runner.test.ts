import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../../src/main/notify/policy';
import { fakeTimeRunner } from '../../support/notify-runner';

const H = 'farm';

const setup = () => fakeTimeRunner();

const state = (vmId: string, from: string, to: string): PolicyInput => ({
  type: 'vm-state',
  hostId: H,
  hostName: 'Farm',
  vmId,
  vmName: `ci-${vmId}`,
  from,
  to,
  offline: false,
  at: 0,
});

describe('notify runner', () => {
  it('a state handed out (e.g. to a snapshot) never changes under its reader, while batches reuse their maps', () => {
    const { runner, time, shown } = setup();
    runner.inputs(['1', '2', '3'].map((id) => ({ type: 'vm-seen', hostId: H, vmId: id, state: 'running' })));
    runner.inputs([state('1', 'running', 'stopped')]); // shown at once, opens the burst window
    runner.inputs([state('2', 'running', 'stopped')]); // queued for the summary
    const held = runner.state;
    const heldSettled = [...held.lastSettled];
    const heldPending = [...held.pending.values()].map((n) => n.vmId);

    // More batches after the hand-out: they must write copies, not the maps `held` points at.
    runner.inputs([state('3', 'running', 'stopped')]);
    runner.inputs([state('2', 'stopped', 'running')]);
    runner.inputs([state('2', 'running', 'stopped')]);
    expect([...held.lastSettled]).toEqual(heldSettled);
    expect([...held.pending.values()].map((n) => n.vmId)).toEqual(heldPending);

    // One queued notice per VM however often it flapped, in the order VMs first queued.
    expect([...runner.state.pending.values()].map((n) => n.vmId)).toEqual(['2', '3']);
    time.advance(3_000);
    expect(shown.map((i) => i.title)).toEqual(['ci-1 stopped · Farm', '2 more VMs stopped on Farm in 1 s']);
    expect(runner.state.pending.size).toBe(0);
  });
});
