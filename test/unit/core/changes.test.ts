import { describe, expect, it } from 'vitest';
import { logEntryFor, policyInputFor, stateLogEntry, statePolicyInput } from '../../../src/main/core/changes';
import type { VmChange } from '../../../src/main/core/diff';

const stateChange = (from: string, to: string): VmChange => ({
  kind: 'state-changed',
  vmId: 'v1',
  vmName: 'ci-01',
  from,
  to,
});

describe('changes -> log entries and policy inputs', () => {
  it('every state change is logged, offline ones marked', () => {
    expect(logEntryFor(stateChange('running', 'stopping'), 'h', 5, false)).toEqual({
      at: 5,
      hostId: 'h',
      kind: 'state-changed',
      vmId: 'v1',
      vmName: 'ci-01',
      from: 'running',
      to: 'stopping',
    });
    expect(logEntryFor(stateChange('running', 'stopped'), 'h', 5, true).offline).toBe(true);
  });

  it('a move into a transitional state is not a policy input (the policy waits for the settled state)', () => {
    for (const to of ['stopping', 'starting', 'suspending', 'resetting'])
      expect(policyInputFor(stateChange('running', to), 'h', 'Farm', 5, false)).toBeNull();
  });

  it('a move into a settled state is one, with host name, time and offline flag', () => {
    expect(policyInputFor(stateChange('stopping', 'stopped'), 'h', 'Farm', 5, true)).toEqual({
      type: 'vm-state',
      hostId: 'h',
      hostName: 'Farm',
      vmId: 'v1',
      vmName: 'ci-01',
      from: 'stopping',
      to: 'stopped',
      offline: true,
      at: 5,
    });
  });

  it('a rename is logged but never notified', () => {
    const renamed: VmChange = { kind: 'renamed', vmId: 'v1', vmName: 'new', from: 'old', to: 'new' };
    expect(logEntryFor(renamed, 'h', 1, false).kind).toBe('renamed');
    expect(policyInputFor(renamed, 'h', 'Farm', 1, false)).toBeNull();
  });
});

describe('a state change from its parts (the streaming path, core/batch.ts) = the same change built first', () => {
  // [from, to, offline, farm host]
  const cases: [string, string, boolean, string | undefined][] = [
    ['running', 'stopping', false, undefined],
    ['stopping', 'stopped', false, undefined],
    ['stopped', 'running', true, undefined],
    ['running', 'suspended', false, 'mac-07'],
    ['running', 'starting', true, 'mac-07'],
  ];
  it.each(cases)('%s -> %s (offline %s, farm host %s)', (from, to, offline, farm) => {
    const c = stateChange(from, to);
    expect(stateLogEntry('v1', 'ci-01', from, to, 'h', 5, offline, farm)).toStrictEqual(
      logEntryFor(c, 'h', 5, offline, farm),
    );
    expect(statePolicyInput('v1', 'ci-01', from, to, 'h', 'Host', 5, offline, farm)).toStrictEqual(
      policyInputFor(c, 'h', 'Host', 5, offline, farm),
    );
  });
});
