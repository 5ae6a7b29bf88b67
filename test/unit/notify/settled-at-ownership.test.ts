// Issue 15 Scale: the "since when" of every VM's settled state (the "Was running 2 m" of a stop notification) is
// written in place while the runner owns it. Copied per batch, that one-entry-per-VM map made each small socket read
// of a farm cost O(all VMs of all hosts). These tests pin what callers observe: a state handed out never changes,
// durations stay right across in-place writes, and the pure policy only writes in place when told it may.
import { describe, expect, it } from 'vitest';
import { createPolicyState, decideAll, type PolicyInput } from '../../../src/main/notify/policy';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';
import { fakeTimeRunner } from '../../support/notify-runner';

const H = 'farm';
const MINUTE = 60_000;

const move = (vmId: string, from: string, to: string, at: number): PolicyInput => ({
  type: 'vm-state',
  hostId: H,
  hostName: 'Farm',
  vmId,
  vmName: `ci-${vmId}`,
  from,
  to,
  offline: false,
  at,
});

describe('settle times (notify runner)', () => {
  it('a state handed out keeps its settle times while later batches move on', () => {
    const { runner, time } = fakeTimeRunner();
    runner.inputs([move('1', 'stopped', 'running', time.now())]);
    runner.inputs([move('2', 'stopped', 'running', time.now())]);
    const held = runner.state;
    const heldSince = [...held.settledAt];

    time.advance(MINUTE);
    runner.inputs([move('1', 'running', 'stopped', time.now())]);
    runner.inputs([move('2', 'running', 'suspended', time.now())]);
    runner.inputs([move('3', 'stopped', 'running', time.now())]);

    expect([...held.settledAt]).toEqual(heldSince);
    expect(runner.state.settledAt.get(`${H}/3`)).toBe(time.now());
  });

  it('durations stay right over many batches written in place', () => {
    const { runner, time, shown } = fakeTimeRunner();
    runner.inputs([move('1', 'stopped', 'running', time.now())]);
    time.advance(2 * MINUTE);
    // Other VMs' batches in between: each writes the same map, none may disturb VM 1's start.
    for (let i = 0; i < 5; i++) runner.inputs([move(`x${i}`, 'stopped', 'running', time.now())]);
    time.advance(MINUTE);
    runner.inputs([move('1', 'running', 'stopped', time.now())]);
    expect(shown.at(-1)?.body).toMatch(/^Was running 3 min; stopped/);
  });
});

describe('settle times (pure policy)', () => {
  const start = (): ReturnType<typeof createPolicyState> => {
    const s = createPolicyState(DEFAULT_NOTIFICATION_RULES);
    return decideAll(s, [move('1', 'stopped', 'running', 0)], 0).state;
  };

  it('writes a copy unless the caller owns the map', () => {
    const s = start();
    const before = [...s.settledAt];
    const next = decideAll(s, [move('1', 'running', 'stopped', MINUTE)], MINUTE).state;
    expect(next.settledAt).not.toBe(s.settledAt);
    expect([...s.settledAt]).toEqual(before);
    expect(next.settledAt.get(`${H}/1`)).toBe(MINUTE);
  });

  it('writes in place when the caller owns the map', () => {
    const s = start();
    const next = decideAll(s, [move('1', 'running', 'stopped', MINUTE)], MINUTE, { settledAt: true }).state;
    expect(next.settledAt).toBe(s.settledAt);
    expect(next.settledAt.get(`${H}/1`)).toBe(MINUTE);
  });
});
