// The farm pieces together against the orchestrator simulator over real sockets: the channel parser, the REST reads,
// the §6.3 planner and the §6.4 targeted resync. A host link outage with 5 stops inside it: the orchestrator says
// nothing about them (orchestrator-protocol.md §3.5), and the resync still finds all 5.
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { parseFrame as parseOrchestratorFrame } from '../../../src/main/hub/envelope';
import { OrchestratorRestClient } from '../../../src/main/hub/orchestrator-rest';
import { HubRestClient } from '../../../src/main/hub/rest';
import { planOrchestratorMessage, type FarmFollowUp } from '../../../src/main/core/farm-rules';
import { resolveTargetedResync, vmsToVerify, type StatusRead } from '../../../src/main/core/farm-resync';
import { silentLogger } from '../../support/silent-logger';
import { systemClock } from '../../../src/main/kernel/clock';
import type { SimVm } from '../../sim';
import { MemoryFarm } from '../../support/farm-memory';
import { startFarm } from '../sim/orchestrator-helpers';
import { closeAfterEach } from '../../support/close-after-each';
import { farmVms } from './live-farm';

const track = closeAfterEach();

const runningVms = (n: number): SimVm[] => farmVms(n);

describe('farm resync against the orchestrator simulator', () => {
  it('a link outage with 5 stops inside it: all 5 found after the link returns, none left running', async () => {
    const s = await startFarm({ hosts: [{ vms: runningVms(8) }, {}, {}] });
    track(s);
    const rest = new OrchestratorRestClient(
      new HubRestClient({
        baseUrl: s.url,
        auth: { method: 'api-key', keyId: 'hubwatch-demo-key', secret: 'hubwatch-demo-secret' },
        trust: { pinnedFingerprint: null },
        clock: systemClock,
        logger: silentLogger,
      }),
    );
    const farm = new MemoryFarm();
    const followUps: FarmFollowUp[] = [];
    let noise = 0;
    let vmEvents = 0;

    // §6.2: subscribe first, buffer, list, then apply the buffer.
    const buffered: WebSocket.RawData[] = [];
    let live = false;
    const handle = (data: WebSocket.RawData): void => {
      const parsed = parseOrchestratorFrame(data as Buffer, false);
      if (!parsed.ok) throw new Error(parsed.reason);
      const m = parsed.message;
      if (m.type === 'noise') noise++;
      // Welcome, pongs and anything else not about a farm host.
      if (!('hostId' in m)) return;
      if (m.type.startsWith('host-vm-')) vmEvents++;
      const plan = planOrchestratorMessage(farm, m, Date.now());
      farm.apply(plan.steps);
      followUps.push(...plan.followUps);
    };
    const socket = new WebSocket(
      `${s.url.replace(/^http/, 'ws')}/api/v1/ws/subscribe?event_types=orchestrator`,
      {
        headers: { 'X-Api-Key': s.credentials.apiKey },
      },
    );
    // terminate, not close: no close handshake to wait for after the test.
    track({ close: () => socket.terminate() });
    socket.on('message', (data) => (live ? handle(data) : buffered.push(data)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    for (const h of await rest.listHosts()) {
      farm.addHost({ id: h.id, name: h.name, stored: h.probe, link: h.linked });
      for (const vm of await rest.listHostMachines(h.id))
        farm.apply([{ kind: 'upsert-vm', hostId: h.id, vm, at: null, placeholder: false }]);
    }
    for (const data of buffered.splice(0)) handle(data);
    live = true;
    const [host] = s.hosts();
    if (!host) throw new Error('no host');
    expect(farm.vmsOf(host.id).map((r) => r.vm.state)).toEqual(Array(8).fill('running'));

    s.cutLink(host.id);
    await vi.waitFor(() => expect(farm.host(host.id)?.link).toBe(false));
    const victims = s.vms(host.id).slice(0, 5);
    for (const v of victims) s.setState(host.id, v.id, 'stopped');
    const before = farm.vmsOf(host.id).map((r) => ({ ...r, vm: { ...r.vm } }));
    followUps.length = 0;
    s.restoreLink(host.id);
    await vi.waitFor(() => expect(followUps).toContainEqual({ kind: 'resync-host', hostId: host.id }));
    expect(vmEvents).toBe(0);
    expect(farm.vmsOf(host.id).every((r) => r.suspect)).toBe(true);

    // §6.4 option 1: live /status for every VM that was not stopped before the gap.
    const sentAt = Date.now();
    const reads = new Map<string, StatusRead>();
    for (const vmId of vmsToVerify(before)) {
      const r = await rest.vmStatus(host.id, vmId);
      reads.set(vmId, r.ok ? { ok: true, state: r.state } : { ok: false, reason: r.reason });
    }
    const out = resolveTargetedResync(
      host.id,
      before,
      reads,
      (id) => farm.vm(host.id, id),
      sentAt,
      Date.now(),
    );
    farm.apply(out.steps);
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    expect([...out.stoppedMeanwhile].sort()).toEqual(victims.map((v) => v.id).sort());
    expect(out.unverified).toEqual([]);
    const shown = farm.vmsOf(host.id).map((r) => [r.vm.id, r.vm.state]);
    expect(shown).toEqual(s.vms(host.id).map((v) => [v.id, v.state]));
    expect(farm.vmsOf(host.id).some((r) => r.suspect)).toBe(false);
    // The orchestrator's own cache still says "running" for all five: only the resync knew better.
    expect(
      s.cachedVms(host.id).filter((v) => victims.some((x) => x.id === v.id) && v.state === 'running'),
    ).toHaveLength(5);
    expect(noise).toBe(0);
  });
});
