// The notify policy's less frequent inputs, one by one against the state they leave: forgetting a host, a
// host-level "stopped watching" / "connection lost" notice (pause and rule boundaries included), unmuting,
// baseline observations, added / removed VMs, and the defaults a new policy starts from. policy.test.ts drives
// stops and bursts; Stryker showed these paths could change without a unit test noticing.
import { describe, expect, it } from 'vitest';
import {
  createPolicyState,
  decide,
  type PolicyInput,
  type PolicyState,
} from '../../../src/main/notify/policy';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { vmKey } from '../../../src/shared/model';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../../src/shared/settings';

const RULES: NotificationRules = {
  ...DEFAULT_NOTIFICATION_RULES,
  enabled: true,
  onAdded: true,
  onRemoved: true,
  connectionLostAfterSeconds: 60,
};

function run(
  inputs: readonly [PolicyInput, number][],
  s = createPolicyState(RULES),
): { s: PolicyState; out: NotificationIntent[] } {
  const out: NotificationIntent[] = [];
  for (const [input, at] of inputs) {
    const r = decide(s, input, at);
    s = r.state;
    out.push(...r.intents);
  }
  return { s, out };
}

const vm = (hostId: string, vmId: string) => ({ hostId, hostName: hostId, vmId, vmName: vmId });
const stop = (hostId: string, vmId: string, at: number): PolicyInput => ({
  type: 'vm-state',
  ...vm(hostId, vmId),
  from: 'running',
  to: 'stopped',
  offline: false,
  at,
});

describe('a new policy', () => {
  it('starts with a 3 s window, 6 a minute, and nothing sent, settled or pending', () => {
    const s = createPolicyState(RULES);
    expect(s).toMatchObject({ windowMs: 3_000, rateCapPerMinute: 6, sentAt: [], pausedUntil: null });
    expect(s.windowEndsAt).toBeNull();
    expect([s.muted.size, s.lastSettled.size, s.pending.size, s.lostNotified.size]).toEqual([0, 0, 0, 0]);
    expect(createPolicyState(RULES, { windowMs: 5_000 }).windowMs).toBe(5_000);
  });

  it('takes new rules', () => {
    const rules = { ...RULES, onStopped: false };
    expect(run([[{ type: 'set-rules', rules }, 0]]).s.rules).toBe(rules);
  });
});

describe('forget-host', () => {
  it("drops that host's settled states, pending notices and outage flag, and nothing of another host", () => {
    const { s } = run([
      [{ type: 'vm-seen', hostId: 'a', vmId: 'v1', state: 'running', uptimeSeconds: 10 }, 0],
      [{ type: 'vm-seen', hostId: 'a', vmId: 'v2', state: 'running' }, 0],
      [{ type: 'vm-seen', hostId: 'b', vmId: 'v1', state: 'running', uptimeSeconds: 10 }, 0],
      [{ type: 'vm-seen', hostId: 'b', vmId: 'v2', state: 'running' }, 0],
      [stop('b', 'v1', 100), 100], // sent at once (leading edge)
      [stop('a', 'v1', 200), 200], // queued in the window
      [stop('b', 'v2', 300), 300], // queued in the window
      [{ type: 'connection-lost', hostId: 'a', hostName: 'a', seconds: 60 }, 400],
      [{ type: 'forget-host', hostId: 'a' }, 500],
    ]);
    expect([...s.lastSettled.keys()].sort()).toEqual([vmKey('b', 'v1'), vmKey('b', 'v2')]);
    expect([...s.settledAt.keys()].every((k) => k.startsWith('b/'))).toBe(true);
    expect([...s.pending.values()].map((n) => `${n.hostId}/${n.vmId}`)).toEqual(['b/v2']);
    expect(s.lostNotified.has('a')).toBe(false);
  });
});

describe('baseline observations (vm-seen)', () => {
  it('remember settled states, skip transitional ones, and take uptime only from a running VM', () => {
    const { s } = run([
      [{ type: 'vm-seen', hostId: 'h', vmId: 'run', state: 'running', uptimeSeconds: 60 }, 100_000],
      [{ type: 'vm-seen', hostId: 'h', vmId: 'off', state: 'stopped', uptimeSeconds: 60 }, 100_000],
      [{ type: 'vm-seen', hostId: 'h', vmId: 'busy', state: 'stopping' }, 100_000],
      [{ type: 'vm-seen', hostId: 'h', vmId: 'nan', state: 'running', uptimeSeconds: Number.NaN }, 100_000],
    ]);
    expect(s.lastSettled.get(vmKey('h', 'run'))).toBe('running');
    expect(s.lastSettled.has(vmKey('h', 'busy'))).toBe(false);
    expect(s.settledAt.get(vmKey('h', 'run'))).toBe(40_000);
    expect(s.settledAt.has(vmKey('h', 'off'))).toBe(false);
    expect(s.settledAt.has(vmKey('h', 'nan'))).toBe(false);
  });
});

describe('unmuting', () => {
  it('a VM muted and unmuted notifies again', () => {
    const { out } = run([
      [{ type: 'vm-seen', hostId: 'h', vmId: 'v', state: 'running' }, 0],
      [{ type: 'set-muted', hostId: 'h', vmId: 'v', muted: true }, 0],
      [{ type: 'set-muted', hostId: 'h', vmId: 'v', muted: false }, 0],
      [stop('h', 'v', 10), 10],
    ]);
    expect(out.map((i) => i.vmId)).toEqual(['v']);
  });
});

describe('stopped-watching', () => {
  const input: PolicyInput = {
    type: 'stopped-watching',
    hostId: 'h',
    hostName: 'farm-1',
    message: 'Token is expired.',
    credential: 'token',
  };

  it('is one host-level notice, counted against the rate cap', () => {
    const { s, out } = run([[input, 1_000]]);
    expect(out).toEqual([
      {
        id: 'h/stopped-watching@1000',
        hostId: 'h',
        title: 'farm-1 rejected the token',
        body: 'Hubwatch stopped watching farm-1 (Token is expired). Open Settings to fix the token.',
        offline: false,
        covers: [],
      },
    ]);
    expect(s.sentAt).toEqual([1_000]);
  });

  it('is silent while notifications are off or paused, and speaks again the moment the pause ends', () => {
    expect(run([[input, 0]], createPolicyState({ ...RULES, enabled: false })).out).toEqual([]);
    const paused = run([[{ type: 'set-paused', until: 5_000 }, 0]]).s;
    expect(run([[input, 4_999]], paused).out).toEqual([]);
    expect(run([[input, 5_000]], paused).out).toHaveLength(1);
  });
});

describe('connection-lost', () => {
  const lost = (seconds: number): PolicyInput => ({
    type: 'connection-lost',
    hostId: 'h',
    hostName: 'farm-1',
    seconds,
  });

  it('speaks once the outage reaches the limit (not before), once per outage', () => {
    expect(run([[lost(59), 0]]).out).toEqual([]);
    const { s, out } = run([
      [lost(60), 1_000],
      [lost(120), 2_000],
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: 'h/connection-lost@1000', hostId: 'h', offline: false, covers: [] });
    expect(s.sentAt).toEqual([1_000]);
  });

  it('never when the limit is off (null) or notifications are off', () => {
    expect(
      run([[lost(10_000), 0]], createPolicyState({ ...RULES, connectionLostAfterSeconds: null })).out,
    ).toEqual([]);
    expect(run([[lost(10_000), 0]], createPolicyState({ ...RULES, enabled: false })).out).toEqual([]);
  });

  it('while paused it is remembered as said (no late notice), and after the pause it is said', () => {
    const paused = run([[{ type: 'set-paused', until: 5_000 }, 0]]).s;
    const during = run(
      [
        [lost(60), 4_999],
        [lost(90), 6_000],
      ],
      paused,
    );
    expect(during.out).toEqual([]);
    expect(during.s.lostNotified.has('h')).toBe(true);
    expect(run([[lost(60), 5_000]], paused).out).toHaveLength(1);
  });
});

describe('added and removed VMs', () => {
  it('an added VM is settled in its state (unless transitional) and notified; a removed one is forgotten', () => {
    const added = (vmId: string, state: string): PolicyInput => ({
      type: 'vm-added',
      ...vm('h', vmId),
      state,
      offline: false,
      at: 0,
    });
    const { s, out } = run([
      [added('a', 'running'), 0],
      [added('b', 'starting'), 0],
      [{ type: 'vm-seen', hostId: 'h', vmId: 'c', state: 'running', uptimeSeconds: 5 }, 0],
      [{ type: 'vm-removed', ...vm('h', 'c'), offline: false, at: 0 }, 0],
    ]);
    expect(s.lastSettled.get(vmKey('h', 'a'))).toBe('running');
    expect(s.lastSettled.has(vmKey('h', 'b'))).toBe(false);
    expect(s.lastSettled.has(vmKey('h', 'c'))).toBe(false);
    expect(s.settledAt.has(vmKey('h', 'c'))).toBe(false);
    expect(out.map((i) => i.vmId)).toEqual(['a']); // the leading edge; b and c wait in the window
    expect([...s.pending.values()].map((n) => `${n.vmId}:${n.what}`)).toEqual(['b:added', 'c:removed']);
  });

  // States reach the policy lower-cased: the parsers normalise them once (test/unit/hub/state-normalise.test.ts), so
  // the policy no longer case-folds and has no capitalised input to test.
});
