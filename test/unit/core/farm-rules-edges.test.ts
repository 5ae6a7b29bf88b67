// The edges of the §6.3 event rules (farm-rules.ts, orchestrator-protocol.md §6.3) that farm-plan.test.ts leaves
// open: which events change nothing, which ask for a re-list, and the health/link levels from every starting point
// (issue 16: the planner left the mutation scope when the farm code was split out; a wrong step here hides a stop
// or a host outage from the user).
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrchestratorMessage } from '../../../src/main/hub/channels/orchestrator';
import { planOrchestratorMessage, TRANSITIONAL_VERIFY_MS } from '../../../src/main/core/farm-rules';
import { MemoryFarm } from '../../support/farm-memory';

const H = 'host-a';
const NOW = 5_000_000;
const EMPTY = { steps: [], followUps: [] };
let farm: MemoryFarm;

beforeEach(() => {
  farm = new MemoryFarm();
  farm.addHost({ id: H, name: 'mac-a', stored: 'healthy', link: true });
  farm.apply([
    {
      kind: 'upsert-vm',
      hostId: H,
      vm: { id: '1', name: 'one', state: 'running', os: '' },
      at: null,
      placeholder: false,
    },
  ]);
});

const plan = (m: OrchestratorMessage) => planOrchestratorMessage(farm, m, NOW);
const setHost = (stored: 'healthy' | 'unhealthy' | null, link: boolean) => {
  const host = farm.host(H);
  if (host) Object.assign(host, { stored, link });
};

describe('VM events', () => {
  it.each(['starting', 'stopping', 'suspending', 'resuming', 'pausing', 'resetting', 'restarting'])(
    'a VM left "%s" is read live if it does not settle',
    (state) => {
      const p = plan({
        type: 'host-vm-state-changed',
        hostId: H,
        vmId: '1',
        previousState: null,
        currentState: state,
      });
      expect(p.followUps).toEqual([
        { kind: 'verify-later', hostId: H, vmId: '1', afterMs: TRANSITIONAL_VERIFY_MS },
      ]);
    },
  );

  it.each(['running', 'stopped', 'paused', 'suspended'])(
    'a final state "%s" needs no later read',
    (state) => {
      const p = plan({
        type: 'host-vm-state-changed',
        hostId: H,
        vmId: '1',
        previousState: null,
        currentState: state,
      });
      expect(p).toEqual({
        steps: [{ kind: 'set-vm-state', hostId: H, vmId: '1', state, at: NOW }],
        followUps: [],
      });
    },
  );

  it('an unknown VM left transitional gets a placeholder, a re-list of its host and a later read', () => {
    const p = plan({
      type: 'host-vm-state-changed',
      hostId: H,
      vmId: 'x',
      previousState: null,
      currentState: 'stopping',
    });
    expect(p.followUps).toEqual([
      { kind: 'relist-host', hostId: H },
      { kind: 'verify-later', hostId: H, vmId: 'x', afterMs: TRANSITIONAL_VERIFY_MS },
    ]);
  });

  it("an upsert stores the VM under the event's vm id, whatever id new_vm carries", () => {
    const p = plan({
      type: 'host-vm-upsert',
      hostId: H,
      vmId: '7',
      vm: { id: 'other', name: 'n', state: 'stopped', os: 'ubuntu' },
      reason: 'updated',
    });
    expect(p).toEqual({
      steps: [
        {
          kind: 'upsert-vm',
          hostId: H,
          vm: { id: '7', name: 'n', state: 'stopped', os: 'ubuntu' },
          at: NOW,
          placeholder: false,
        },
      ],
      followUps: [],
    });
    expect(plan({ type: 'host-vm-upsert', hostId: H, vmId: '7', vm: null, reason: 'updated' })).toEqual({
      steps: [],
      followUps: [{ kind: 'relist-host', hostId: H }],
    });
  });

  it('removal and uptime of a VM we hold change it; of a VM we do not hold, nothing', () => {
    expect(plan({ type: 'host-vm-removed', hostId: H, vmId: '1' })).toEqual({
      steps: [{ kind: 'remove-vm', hostId: H, vmId: '1' }],
      followUps: [],
    });
    expect(plan({ type: 'host-vm-removed', hostId: H, vmId: 'x' })).toEqual(EMPTY);
    expect(plan({ type: 'host-vm-uptime', hostId: H, vmId: '1', uptimeSeconds: 30 })).toEqual({
      steps: [{ kind: 'set-vm-uptime', hostId: H, vmId: '1', uptimeSeconds: 30 }],
      followUps: [],
    });
    expect(plan({ type: 'host-vm-uptime', hostId: H, vmId: 'x', uptimeSeconds: 30 })).toEqual(EMPTY);
  });

  it('snapshot and "Mac VMs running" events change nothing; any event of an unknown host re-lists the hosts', () => {
    expect(plan({ type: 'host-vm-snapshots', hostId: H, vmId: '1' })).toEqual(EMPTY);
    expect(plan({ type: 'host-mac-vms-running', hostId: H, vmIds: ['1'] })).toEqual(EMPTY);
    const relist = { steps: [], followUps: [{ kind: 'relist-hosts' }] };
    expect(
      plan({
        type: 'host-vm-state-changed',
        hostId: 'nope',
        vmId: '1',
        previousState: null,
        currentState: 'stopped',
      }),
    ).toEqual(relist);
    expect(plan({ type: 'host-health', hostId: 'nope', state: 'unhealthy' })).toEqual(relist);
    expect(plan({ type: 'host-deployed', hostId: 'b', hostName: null })).toEqual(relist);
    expect(plan({ type: 'host-added', hostId: 'b', hostName: null, description: null })).toEqual(relist);
  });
});

describe('events that must not be mistaken for others', () => {
  it('snapshot and "Mac VMs running" events change nothing on an unhealthy, unlinked host either (no resync)', () => {
    for (const stored of ['unhealthy', null] as const) {
      setHost(stored, false);
      expect(plan({ type: 'host-vm-snapshots', hostId: H, vmId: '1' })).toEqual(EMPTY);
      expect(plan({ type: 'host-mac-vms-running', hostId: H, vmIds: ['1'] })).toEqual(EMPTY);
    }
  });

  it('HOST_ADDED / HOST_DEPLOYED of a host we already hold (a redeploy) re-list the hosts, nothing else', () => {
    const relist = { steps: [], followUps: [{ kind: 'relist-hosts' }] };
    expect(plan({ type: 'host-deployed', hostId: H, hostName: 'mac-a' })).toEqual(relist);
    expect(plan({ type: 'host-added', hostId: H, hostName: 'mac-a', description: null })).toEqual(relist);
  });

  it('HOST_REMOVED of a host we cannot match: only a re-list, nothing removed', () => {
    expect(plan({ type: 'host-removed', hostId: 'nope', hostName: null })).toEqual({
      steps: [],
      followUps: [{ kind: 'relist-hosts' }],
    });
  });
});

describe('HOST_REMOVED', () => {
  beforeEach(() => {
    farm.addHost({ id: 'mac-b', name: 'Shared', stored: 'healthy', link: true });
    farm.addHost({ id: 'host-c', name: 'shared', stored: 'healthy', link: true });
    farm.addHost({ id: 'host-d', name: 'MAC-A', stored: 'healthy', link: true });
  });

  it('an id match wins over a host whose name is that id, wherever it stands', () => {
    // host-d, added after host-a, is named like host-a's id: the id still decides.
    expect(plan({ type: 'host-removed', hostId: 'HOST-A', hostName: null })).toEqual({
      steps: [{ kind: 'remove-host', hostId: H }],
      followUps: [],
    });
    // An id is matched in any case, like the DELETE path value the server echoes (§3.8).
    expect(plan({ type: 'host-removed', hostId: 'MAC-B', hostName: null }).steps).toEqual([
      { kind: 'remove-host', hostId: 'mac-b' },
    ]);
  });

  it('by name, the first host so named is removed (and only one)', () => {
    expect(plan({ type: 'host-removed', hostId: 'SHARED', hostName: null })).toEqual({
      steps: [{ kind: 'remove-host', hostId: 'mac-b' }],
      followUps: [],
    });
  });
});

describe('health and link levels', () => {
  it('unhealthy from an unknown level: one host-unreachable, and polling stops', () => {
    setHost(null, true);
    expect(plan({ type: 'host-health', hostId: H, state: 'unhealthy' })).toEqual({
      steps: [
        { kind: 'set-host', hostId: H, stored: 'unhealthy' },
        { kind: 'host-unreachable', hostId: H },
      ],
      followUps: [{ kind: 'poll-unlinked', hostId: H, on: false }],
    });
  });

  it('healthy from an unknown level with a link: just recorded, no resync (nothing was missed)', () => {
    setHost(null, true);
    expect(plan({ type: 'host-health', hostId: H, state: 'healthy' })).toEqual({
      steps: [{ kind: 'set-host', hostId: H, stored: 'healthy' }],
      followUps: [],
    });
  });

  it('healthy again after unhealthy with a link: suspect and resync, no polling', () => {
    setHost('unhealthy', true);
    expect(plan({ type: 'host-health', hostId: H, state: 'healthy' })).toEqual({
      steps: [
        { kind: 'set-host', hostId: H, stored: 'healthy' },
        { kind: 'mark-host-suspect', hostId: H },
      ],
      followUps: [{ kind: 'resync-host', hostId: H }],
    });
  });

  it('link lost while unhealthy: re-read the host, but no polling of a host that cannot answer', () => {
    setHost('unhealthy', true);
    expect(plan({ type: 'host-link', hostId: H, link: 'disconnected' })).toEqual({
      steps: [{ kind: 'set-host', hostId: H, link: false }],
      followUps: [{ kind: 'refetch-host', hostId: H }],
    });
  });

  it('link lost again when already unlinked: no state change, the follow-ups still run', () => {
    setHost('healthy', false);
    expect(plan({ type: 'host-link', hostId: H, link: 'disconnected' })).toEqual({
      steps: [],
      followUps: [
        { kind: 'refetch-host', hostId: H },
        { kind: 'poll-unlinked', hostId: H, on: true },
      ],
    });
  });

  it('link back: linked, healthy, every VM suspect, polling off, one resync', () => {
    setHost('unhealthy', false);
    expect(plan({ type: 'host-link', hostId: H, link: 'connected' })).toEqual({
      steps: [
        { kind: 'set-host', hostId: H, link: true, stored: 'healthy' },
        { kind: 'mark-host-suspect', hostId: H },
      ],
      followUps: [
        { kind: 'poll-unlinked', hostId: H, on: false },
        { kind: 'resync-host', hostId: H },
      ],
    });
  });
});
