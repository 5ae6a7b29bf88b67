// The notify policy's farm-host inputs (notify/farm-policy.ts, split out of policy.ts): when a farm host that became
// unreachable is told, and when a host back with stops found meanwhile is told, and what is remembered so the
// resync's own changes stay silent (issue 16: the module left the mutation scope with the split). Through the
// policy's public fold (decideAll), as the notify runner calls it.
import { describe, expect, it } from 'vitest';
import {
  createPolicyState,
  decideAll,
  type PolicyInput,
  type PolicyState,
} from '../../../src/main/notify/policy';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../../src/shared/settings';

const NOW = 1_000_000;
const ORCH = 'orch';
const mac = { farmHostId: 'mac-07', name: 'mac-07' };
const stops = ['a', 'b'].map((id) => ({ vmId: id, vmName: `vm-${id}` }));

const unreachable = (hosts = [mac]): PolicyInput => ({
  type: 'farm-hosts-unreachable',
  hostId: ORCH,
  farmName: 'farm-1',
  hosts,
});
const back = (stopped = stops): PolicyInput => ({
  type: 'farm-host-back',
  hostId: ORCH,
  host: mac,
  stopped,
  cause: 'unreachable',
});
const offlineStop = (vmId: string): PolicyInput => ({
  type: 'vm-state',
  hostId: ORCH,
  farmHostId: mac.farmHostId,
  hostName: mac.name,
  vmId,
  vmName: `vm-${vmId}`,
  from: 'running',
  to: 'stopped',
  offline: true,
  at: NOW,
});

const state = (rules: Partial<NotificationRules> = {}): PolicyState =>
  createPolicyState({ ...DEFAULT_NOTIFICATION_RULES, ...rules });

describe('farm hosts unreachable', () => {
  it('told once, and counted as a notification sent', () => {
    const d = decideAll(state(), [unreachable()], NOW);
    expect(d.intents.map((i) => i.title)).toEqual(['mac-07 is unreachable · farm-1']);
    expect(d.state.sentAt).toEqual([NOW]);
  });

  it('nothing when notifications are off, when no host is named, or while paused; told again once the pause ends', () => {
    expect(decideAll(state({ enabled: false }), [unreachable()], NOW).intents).toEqual([]);
    const none = decideAll(state(), [unreachable([])], NOW);
    expect(none.intents).toEqual([]);
    expect(none.state.sentAt).toEqual([]);
    const paused = decideAll(state(), [{ type: 'set-paused', until: NOW + 1 }, unreachable()], NOW);
    expect(paused.intents).toEqual([]);
    expect(paused.state.sentAt).toEqual([]);
    const ended = decideAll(state(), [{ type: 'set-paused', until: NOW }, unreachable()], NOW);
    expect(ended.intents).toHaveLength(1);
  });
});

describe('farm host back with stops found meanwhile', () => {
  it('one notice naming them all, counted as sent; the resync changes that follow stay silent', () => {
    const d = decideAll(state(), [back(), offlineStop('a'), offlineStop('b')], NOW);
    expect(d.intents.map((i) => i.title)).toEqual([
      'mac-07 is back — 2 VMs stopped while it was unreachable',
    ]);
    expect(d.intents[0]?.covers).toEqual([
      { hostId: ORCH, vmId: 'a', farmHostId: 'mac-07' },
      { hostId: ORCH, vmId: 'b', farmHostId: 'mac-07' },
    ]);
    expect(d.state.sentAt).toEqual([NOW]);
  });

  it('a muted VM is left out of the notice; with every VM muted there is none', () => {
    const muteA: PolicyInput = {
      type: 'set-muted',
      hostId: ORCH,
      farmHostId: 'mac-07',
      vmId: 'a',
      muted: true,
    };
    const d = decideAll(state(), [muteA, back()], NOW);
    expect(d.intents.map((i) => i.covers.map((c) => c.vmId))).toEqual([['b']]);
    const muteB: PolicyInput = { ...muteA, vmId: 'b' } as PolicyInput;
    const none = decideAll(state(), [muteA, muteB, back()], NOW);
    expect(none.intents).toEqual([]);
    expect(none.state.sentAt).toEqual([]);
  });

  it('a VM of the same id on another farm host being muted does not hide this one', () => {
    const other: PolicyInput = {
      type: 'set-muted',
      hostId: ORCH,
      farmHostId: 'mac-99',
      vmId: 'a',
      muted: true,
    };
    const d = decideAll(state(), [other, back()], NOW);
    expect(d.intents[0]?.covers.map((c) => c.vmId)).toEqual(['a', 'b']);
  });

  it('not told while paused, nor when stops are not wanted; either way the stops are settled, so the resync stays silent', () => {
    for (const [s, pre] of [
      [state(), [{ type: 'set-paused', until: NOW + 60_000 }]],
      [state({ onStopped: false }), []],
      [state({ enabled: false }), []],
    ] as const) {
      const d = decideAll(s, [...pre, back()], NOW);
      expect(d.intents).toEqual([]);
      expect(d.state.sentAt).toEqual([]);
      // Pause lifted / stops wanted again: the offline stop of a settled VM still says nothing new.
      const later = decideAll(
        { ...d.state, pausedUntil: null, rules: DEFAULT_NOTIFICATION_RULES },
        [offlineStop('a')],
        NOW + 1,
      );
      expect(later.intents).toEqual([]);
    }
  });

  it('nothing stopped meanwhile: no notice', () => {
    const d = decideAll(state(), [back([])], NOW);
    expect(d.intents).toEqual([]);
    expect(d.state.sentAt).toEqual([]);
  });
});
