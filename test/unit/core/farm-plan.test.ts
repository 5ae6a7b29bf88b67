// The pure farm planners: the §6.3 event rules (farm-rules.ts) and the §6.4 targeted resync and list merge
// (farm-resync.ts) of orchestrator-protocol.md.
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrchestratorMessage } from '../../../src/main/hub/channels/orchestrator';
import { planOrchestratorMessage, TRANSITIONAL_VERIFY_MS } from '../../../src/main/core/farm-rules';
import {
  mergeHostList,
  resolveTargetedResync,
  vmsToPoll,
  vmsToVerify,
  type StatusRead,
} from '../../../src/main/core/farm-resync';
import { MemoryFarm } from '../../support/farm-memory';

const H = 'a'.repeat(64);
const NOW = 1_000_000;
let farm: MemoryFarm;

function vm(id: string, state: string, lastEventAt: number | null = null) {
  return { hostId: H, vm: { id, name: `vm-${id}`, state, os: 'macosx' }, lastEventAt, suspect: false };
}

beforeEach(() => {
  farm = new MemoryFarm();
  farm.addHost({ id: H, name: 'mac-mini-01', stored: 'healthy', link: true });
  const vms = farm.vms.get(H);
  for (const r of [vm('1', 'running'), vm('2', 'running'), vm('3', 'stopped'), vm('4', 'suspended')])
    vms?.set(r.vm.id, r);
});

const plan = (m: OrchestratorMessage) => planOrchestratorMessage(farm, m, NOW);

describe('§6.3 event rules', () => {
  it('state change: applied with its time; a transitional state is verified if it does not settle in 15 s', () => {
    const p = plan({
      type: 'host-vm-state-changed',
      hostId: H,
      vmId: '1',
      previousState: 'running',
      currentState: 'stopping',
    });
    expect(p.steps).toEqual([{ kind: 'set-vm-state', hostId: H, vmId: '1', state: 'stopping', at: NOW }]);
    expect(p.followUps).toEqual([
      { kind: 'verify-later', hostId: H, vmId: '1', afterMs: TRANSITIONAL_VERIFY_MS },
    ]);
    const final = plan({
      type: 'host-vm-state-changed',
      hostId: H,
      vmId: '1',
      previousState: null,
      currentState: 'stopped',
    });
    expect(final.followUps).toEqual([]);
  });

  it('state change of an unknown VM: a placeholder and a re-list of that host, never /orchestrator/machines/{id}', () => {
    const p = plan({
      type: 'host-vm-state-changed',
      hostId: H,
      vmId: 'x',
      previousState: null,
      currentState: 'running',
    });
    expect(p.steps).toEqual([
      {
        kind: 'upsert-vm',
        hostId: H,
        vm: { id: 'x', name: 'x', state: 'running', os: '' },
        at: NOW,
        placeholder: true,
      },
    ]);
    expect(p.followUps).toEqual([{ kind: 'relist-host', hostId: H }]);
  });

  it('added/updated upsert new_vm as is; removed deletes (host_id, vm_id); unknown hosts trigger a host re-list', () => {
    const newVm = { id: '9', name: 'n', state: 'stopped', os: 'ubuntu' };
    expect(plan({ type: 'host-vm-upsert', hostId: H, vmId: '9', vm: newVm, reason: 'added' }).steps).toEqual([
      { kind: 'upsert-vm', hostId: H, vm: newVm, at: NOW, placeholder: false },
    ]);
    expect(
      plan({ type: 'host-vm-upsert', hostId: H, vmId: '9', vm: null, reason: 'added' }).followUps,
    ).toEqual([{ kind: 'relist-host', hostId: H }]);
    expect(plan({ type: 'host-vm-removed', hostId: H, vmId: '2' }).steps).toEqual([
      { kind: 'remove-vm', hostId: H, vmId: '2' },
    ]);
    expect(plan({ type: 'host-vm-removed', hostId: 'other', vmId: '2' })).toEqual({
      steps: [],
      followUps: [{ kind: 'relist-hosts' }],
    });
  });

  it('health is a level: unhealthy once → one host-unreachable; repeats do nothing; healthy after it → suspect + resync', () => {
    const down = plan({ type: 'host-health', hostId: H, state: 'unhealthy' });
    expect(down.steps).toEqual([
      { kind: 'set-host', hostId: H, stored: 'unhealthy' },
      { kind: 'host-unreachable', hostId: H },
    ]);
    farm.apply(down.steps);
    expect(plan({ type: 'host-health', hostId: H, state: 'unhealthy' })).toEqual({
      steps: [],
      followUps: [],
    });
    farm.apply([{ kind: 'set-host', hostId: H, link: false }]);
    const up = plan({ type: 'host-health', hostId: H, state: 'healthy' });
    expect(up.steps).toEqual([
      { kind: 'set-host', hostId: H, stored: 'healthy' },
      { kind: 'mark-host-suspect', hostId: H },
    ]);
    expect(up.followUps).toEqual([
      { kind: 'resync-host', hostId: H },
      { kind: 'poll-unlinked', hostId: H, on: true },
    ]);
    farm.apply(up.steps);
    expect(plan({ type: 'host-health', hostId: H, state: 'healthy' }).steps).toEqual([]);
  });

  it('link lost → re-read the host and poll while healthy; link back → healthy, suspect, resync once, stop polling', () => {
    const lost = plan({ type: 'host-link', hostId: H, link: 'disconnected' });
    expect(lost.steps).toEqual([{ kind: 'set-host', hostId: H, link: false }]);
    expect(lost.followUps).toEqual([
      { kind: 'refetch-host', hostId: H },
      { kind: 'poll-unlinked', hostId: H, on: true },
    ]);
    farm.apply(lost.steps);
    const back = plan({ type: 'host-link', hostId: H, link: 'connected' });
    expect(back.followUps).toEqual([
      { kind: 'poll-unlinked', hostId: H, on: false },
      { kind: 'resync-host', hostId: H },
    ]);
    farm.apply(back.steps);
    expect(farm.host(H)).toMatchObject({ link: true, stored: 'healthy' });
    expect(farm.vmsOf(H).every((r) => r.suspect)).toBe(true);
    expect(plan({ type: 'host-link', hostId: H, link: 'degraded' })).toEqual({ steps: [], followUps: [] });
  });

  it('HOST_REMOVED matches the id case-insensitively, else the name, else re-lists; added/deployed re-list', () => {
    expect(plan({ type: 'host-removed', hostId: H.toUpperCase(), hostName: null }).steps).toEqual([
      { kind: 'remove-host', hostId: H },
    ]);
    expect(plan({ type: 'host-removed', hostId: 'MAC-MINI-01', hostName: null }).steps).toEqual([
      { kind: 'remove-host', hostId: H },
    ]);
    expect(plan({ type: 'host-removed', hostId: 'nope', hostName: null }).followUps).toEqual([
      { kind: 'relist-hosts' },
    ]);
    expect(plan({ type: 'host-added', hostId: 'b', hostName: 'x', description: null }).followUps).toEqual([
      { kind: 'relist-hosts' },
    ]);
    expect(plan({ type: 'noise', message: 'HOST_STATS_UPDATE' })).toEqual({ steps: [], followUps: [] });
  });
});

describe('§6.4 targeted resync', () => {
  it('verifies every VM that was not stopped before the gap; polls running/paused/suspended', () => {
    expect(vmsToVerify(farm.vmsOf(H))).toEqual(['1', '2', '4']);
    expect(vmsToPoll(farm.vmsOf(H))).toEqual(['1', '2', '4']);
  });

  it('reports what stopped meanwhile, keeps a newer event, leaves failed reads suspect', () => {
    const before = farm.vmsOf(H).map((r) => ({ ...r, vm: { ...r.vm } }));
    farm.apply([{ kind: 'mark-host-suspect', hostId: H }]);
    const sentAt = NOW;
    // VM 4 got a live event after the reads were sent: the event wins.
    farm.apply([{ kind: 'set-vm-state', hostId: H, vmId: '4', state: 'running', at: sentAt + 5 }]);
    const reads = new Map<string, StatusRead>([
      ['1', { ok: true, state: 'stopped' }],
      ['2', { ok: false, reason: 'host-unavailable' }],
      ['4', { ok: true, state: 'suspended' }],
    ]);
    const out = resolveTargetedResync(H, before, reads, (id) => farm.vm(H, id), sentAt, sentAt + 10);
    expect(out.changes).toEqual([{ vmId: '1', from: 'running', to: 'stopped' }]);
    expect(out.stoppedMeanwhile).toEqual(['1']);
    expect(out.unverified).toEqual(['2']);
    farm.apply(out.steps);
    expect(farm.vm(H, '1')).toMatchObject({ vm: { state: 'stopped' }, suspect: false });
    expect(farm.vm(H, '2')?.suspect).toBe(true);
    expect(farm.vm(H, '4')).toMatchObject({ vm: { state: 'running' }, suspect: false });
  });

  it('a list never overwrites a VM with a recent event (verify it instead) and removes only quiet absentees', () => {
    farm.apply([{ kind: 'set-vm-state', hostId: H, vmId: '1', state: 'stopped', at: NOW - 5000 }]);
    farm.apply([
      {
        kind: 'upsert-vm',
        hostId: H,
        vm: { id: '8', name: 'new', state: 'stopped', os: '' },
        at: NOW - 1000,
        placeholder: false,
      },
    ]);
    const fresh = [
      { id: '1', name: 'vm-1', state: 'running', os: 'macosx' }, // stale cache: the event said stopped
      { id: '2', name: 'vm-2', state: 'stopped', os: 'macosx' },
      { id: '5', name: 'vm-5', state: 'running', os: 'ubuntu' },
    ];
    const merge = mergeHostList(H, farm.vmsOf(H), fresh, NOW);
    expect(merge.followUps).toEqual([{ kind: 'verify-later', hostId: H, vmId: '1', afterMs: 0 }]);
    farm.apply(merge.steps);
    expect(
      farm
        .vmsOf(H)
        .map((r) => `${r.vm.id}:${r.vm.state}`)
        .sort(),
    ).toEqual(['1:stopped', '2:stopped', '5:running', '8:stopped']);
  });
});
