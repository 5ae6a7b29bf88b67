// The notify policy over whole passes (decideAll), where the earlier files fed one input at a time: hosts lost in
// one pass (unreachable ones told together, a rejected credential told alone), a VM whose earlier state we never
// saw, how long a VM was in its state after another host is forgotten or when it was first seen not running, the
// farm's host-level input through the policy itself, and a farm VM's notice naming its farm host.
import { describe, expect, it } from 'vitest';
import {
  createPolicyState,
  decideAll,
  type PolicyInput,
  type PolicyState,
} from '../../../src/main/notify/policy';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../../src/shared/settings';

const RULES: NotificationRules = {
  ...DEFAULT_NOTIFICATION_RULES,
  enabled: true,
  connectionLostAfterSeconds: 60,
};
const NOW = 1_000_000;

/** Each batch is one pass at its time; returns every intent in order and the final state. */
function passes(
  batches: readonly [readonly PolicyInput[], number][],
  s: PolicyState = createPolicyState(RULES),
): { s: PolicyState; out: NotificationIntent[] } {
  const out: NotificationIntent[] = [];
  for (const [inputs, at] of batches) {
    const r = decideAll(s, inputs, at);
    s = r.state;
    out.push(...r.intents);
  }
  return { s, out };
}

const lost = (hostId: string, cause?: 'unreachable' | 'credentials'): PolicyInput => ({
  type: 'connection-lost',
  hostId,
  hostName: `${hostId}-name`,
  seconds: 90,
  ...(cause === undefined ? {} : { cause }),
});

const vmState = (
  hostId: string,
  vmId: string,
  from: string | null,
  to: string,
  at: number,
  farmHostId?: string,
): PolicyInput => ({
  type: 'vm-state',
  hostId,
  ...(farmHostId === undefined ? {} : { farmHostId }),
  hostName: hostId,
  vmId,
  vmName: vmId,
  from,
  to,
  offline: false,
  at,
});

describe('hosts lost in one pass', () => {
  it('unreachable hosts (cause "unreachable" or not given) become ONE notification naming them', () => {
    const { out } = passes([[[lost('a'), lost('b', 'unreachable')], NOW]]);
    expect(out).toEqual([
      {
        id: `a/connection-lost@${NOW}`,
        hostId: 'a',
        title: 'Lost connection to 2 hosts',
        body: 'a-name and b-name: no connection for 1 min. Hubwatch keeps retrying.',
        offline: false,
        covers: [],
      },
    ]);
  });

  it('a rejected credential is told on its own, host by host, even in a pass with others', () => {
    const { out } = passes([[[lost('a', 'credentials'), lost('b', 'credentials'), lost('c')], NOW]]);
    expect(out).toEqual([
      {
        id: `a/connection-lost@${NOW}`,
        hostId: 'a',
        title: 'a-name rejected the credentials',
        body: 'Hubwatch stopped watching a-name. Open Settings to fix the credentials.',
        offline: false,
        covers: [],
      },
      expect.objectContaining({ id: `b/connection-lost@${NOW}`, title: 'b-name rejected the credentials' }),
      expect.objectContaining({ id: `c/connection-lost@${NOW}`, title: 'Lost connection to c-name' }),
    ]);
  });
});

describe('a VM whose earlier state we never saw', () => {
  it('a stop with no known previous state says nothing (nothing new is known to have happened)', () => {
    expect(passes([[[vmState('h', 'v', null, 'stopped', NOW)], NOW]]).out).toEqual([]);
  });

  it('a stop whose event names the previous state is told with it', () => {
    const { out } = passes([[[vmState('h', 'v', 'running', 'stopped', NOW)], NOW]]);
    expect(out.map((i) => i.body)).toEqual([expect.stringMatching(/^Was running; stopped/)]);
  });
});

describe('how long a VM was in its state', () => {
  const seenRunning = (hostId: string): PolicyInput => ({
    type: 'vm-seen',
    hostId,
    vmId: 'v',
    state: 'running',
    uptimeSeconds: 600,
  });

  it("forgetting one host keeps another host's running-since (also a host whose id starts the same)", () => {
    const forget: PolicyInput = { type: 'forget-host', hostId: 'h' };
    const told = (batch: PolicyInput[]) =>
      passes([
        [batch, NOW],
        [[vmState('h2', 'v', 'running', 'stopped', NOW + 60_000)], NOW + 60_000],
      ]).out.map((i) => i.body);
    expect(told([seenRunning('h2'), forget])).toEqual(told([seenRunning('h2')]));
    expect(told([seenRunning('h2'), forget])).toEqual([
      expect.stringMatching(/^Was running 11 min; stopped/),
    ]);
  });

  it('a VM first seen not running has no "since" from its uptime (prlctl uptime is a running VM’s)', () => {
    const { out } = passes([
      [[{ type: 'vm-seen', hostId: 'h', vmId: 'v', state: 'suspended', uptimeSeconds: 600 }], NOW],
      [[vmState('h', 'v', 'suspended', 'stopped', NOW + 60_000)], NOW + 60_000],
    ]);
    expect(out.map((i) => i.body)).toEqual([expect.stringMatching(/^Was suspended; stopped/)]);
  });
});

describe('farm mode through the policy', () => {
  it('farm hosts lost together are one notification', () => {
    const { out } = passes([
      [
        [
          {
            type: 'farm-hosts-unreachable',
            hostId: 'orch',
            farmName: 'farm-1',
            hosts: [{ farmHostId: 'id-7', name: 'mac-07' }],
          },
        ],
        NOW,
      ],
    ]);
    expect(out.map((i) => [i.title, i.farmHostId])).toEqual([['mac-07 is unreachable · farm-1', 'id-7']]);
  });

  it('a farm host back with VMs found stopped is one notice, and their later resync stops stay silent', () => {
    const host = { farmHostId: 'id-7', name: 'mac-07' };
    const { out } = passes([
      [
        [
          {
            type: 'farm-host-back',
            hostId: 'orch',
            host,
            stopped: [{ vmId: 'v', vmName: 'runner' }],
            cause: 'unreachable',
          },
          vmState('orch', 'v', 'running', 'stopped', NOW, 'id-7'),
        ],
        NOW,
      ],
    ]);
    expect(out.map((i) => [i.title, i.farmHostId])).toEqual([
      ['mac-07 is back — 1 VM stopped while it was unreachable', 'id-7'],
    ]);
  });

  it("a farm VM's stop names its farm host, in the notice and in what it covers", () => {
    const { out } = passes([[[vmState('orch', 'v', 'running', 'stopped', NOW, 'id-7')], NOW]]);
    expect(out).toHaveLength(1);
    expect(out[0]?.farmHostId).toBe('id-7');
    expect(out[0]?.covers).toEqual([{ hostId: 'orch', vmId: 'v', farmHostId: 'id-7' }]);
  });
});
