// The orchestrator simulator's `orchestrator` channel and fault controls over real sockets, against
// orchestrator-protocol.md §3 (channel), §3.5 (link outages), §2.3 (unhealthy hosts vanish), §4 (health, links).
import { describe, expect, it } from 'vitest';
import { ORCHESTRATOR_MESSAGES } from '../../sim';
import type { Frame, WsTestClient } from '../../sim/test-client';
import { closeAfterEach } from '../../support/close-after-each';
import { call, hostIdOf, rows, startFarm, subscribe } from './orchestrator-helpers';

const track = closeAfterEach();

async function farmWithClient(o: Parameters<typeof startFarm>[0] = {}) {
  const s = track(await startFarm(o));
  const c = track(await subscribe(s));
  const [host] = s.hosts();
  if (!host) throw new Error('no host');
  return { s, c, host };
}

const is =
  (message: string, hostId?: string) =>
  (f: Frame): boolean =>
    f.message === message && (hostId === undefined || hostIdOf(f) === hostId);
const vmFrames = (c: WsTestClient): Frame[] =>
  c.frames.filter((f) => String(f.message).startsWith('HOST_VM_'));

describe('orchestrator channel (ORCH §3.1–§3.4)', () => {
  it('welcome lists orchestrator + global; every HOST_VM_* carries body.host_id and the host body', async () => {
    const { s, c, host } = await farmWithClient();
    const welcome = c.frames[0];
    expect((welcome?.body as { subscriptions: string[] }).subscriptions).toEqual(['orchestrator', 'global']);
    const vm = s.vms(host.id).find((v) => v.state === 'running');
    if (!vm) throw new Error('no running VM');

    s.setState(host.id, vm.id, 'stopped');
    const changed = await c.next(is('HOST_VM_STATE_CHANGED', host.id));
    expect(changed).toMatchObject({
      event_type: 'orchestrator',
      body: {
        host_id: host.id,
        event: { previous_state: 'running', current_state: 'stopped', vm_id: vm.id },
      },
    });
    expect(Object.keys(changed.body as object)).toEqual(['host_id', 'event']);

    const added = s.addVm(host.id, { name: 'new-runner' });
    const addFrame = await c.next(is('HOST_VM_ADDED', host.id));
    const newVm = (addFrame.body as { event: { vm_id: string; new_vm: Record<string, unknown> } }).event;
    expect(newVm.vm_id).toBe(added.id);
    expect(newVm.new_vm).toMatchObject({ ID: added.id, Name: 'new-runner', State: 'stopped' });
    expect(
      Object.keys(newVm.new_vm).filter((k) => k.startsWith('host_') && k !== 'host_external_ip_address'),
    ).toEqual([]);
    s.renameVm(host.id, added.id, 'renamed');
    expect(await c.next(is('HOST_VM_UPDATED', host.id))).toMatchObject({
      body: { event: { vm_id: added.id, new_vm: { Name: 'renamed' } } },
    });
    s.setUptime(host.id, added.id, '42');
    expect(await c.next(is('HOST_VM_UPTIME_CHANGED', host.id))).toMatchObject({
      body: { event: { vm_id: added.id, uptime: '42' } },
    });
    s.removeVm(host.id, added.id);
    expect(await c.next(is('HOST_VM_REMOVED', host.id))).toMatchObject({
      body: { host_id: host.id, event: { vm_id: added.id } },
    });
    // The orchestrator's cache followed the live events.
    expect(s.cachedVms(host.id)).toEqual(s.vms(host.id));
  });

  it('all 18 message names can be produced, each with body.host_id', async () => {
    const { s, c, host } = await farmWithClient({ statsIntervalMs: 20, logIntervalMs: 20 });
    const [, other] = s.hosts();
    if (!other) throw new Error('no second host');
    const vm = s.vms(host.id)[0];
    if (!vm) throw new Error('no VM');
    s.setState(host.id, vm.id, vm.state === 'running' ? 'stopped' : 'running');
    const added = s.addVm(host.id);
    s.renameVm(host.id, added.id, 'x');
    s.setUptime(host.id, added.id, '7');
    s.removeVm(host.id, added.id);
    for (const kind of [
      'snapshots',
      'mac-vms-running',
      'catalog-cache',
      'reverse-proxy',
      'deployed',
      'degraded',
    ] as const)
      s.relayExtra(host.id, kind);
    s.killHostService(other.id);
    await c.next(is('HOST_HEALTH_UPDATE', other.id));
    s.startHostService(other.id);
    await c.next(is('HOST_WEBSOCKET_CONNECTED', other.id));
    const extra = s.addHost({ vms: 1 });
    await c.next(is('HOST_ADDED', extra.id));
    s.removeHost(extra.id);
    await c.next(is('HOST_REMOVED', extra.id));
    await c.next(is('HOST_STATS_UPDATE', host.id));
    await c.next(is('HOST_LOGS_UPDATE', host.id));
    const seen = new Set(c.frames.map((f) => f.message));
    expect(ORCHESTRATOR_MESSAGES.filter((m) => !seen.has(m))).toEqual([]);
    for (const f of c.frames.filter((x) => x.event_type === 'orchestrator'))
      expect(typeof hostIdOf(f), String(f.message)).toBe('string');
    // Catalog-cache / reverse-proxy relays are Go maps: keys sorted, "event" first.
    const wrapped = c.frames.find(is('HOST_CATALOG_CACHE_EVENT'));
    expect(Object.keys(wrapped?.body as object)).toEqual(['event', 'host_id']);
    expect(c.frames.find(is('HOST_WEBSOCKET_DEGRADED'))?.body).toEqual({
      host_id: host.id,
      state: 'healthy',
    });
  });

  it('stats and log noise per linked host, in the relayed shapes', async () => {
    const { s, c } = await farmWithClient({ statsIntervalMs: 20, logIntervalMs: 20 });
    for (const h of s.hosts()) {
      const stats = await c.next(is('HOST_STATS_UPDATE', h.id));
      expect(Object.keys(stats.body as object)).toEqual(['host_id', 'stats']);
      const log = await c.next(is('HOST_LOGS_UPDATE', h.id));
      expect((log.body as { log: object }).log).toMatchObject({ level: 'info' });
    }
  });
});

describe('orchestrator faults (ORCH §3.5, §4.8)', () => {
  it('link outage with 5 stops inside it: no HOST_VM_*, relink says only CONNECTED, cache stale, /status true', async () => {
    const { s, c, host } = await farmWithClient({ vmsPerHost: 8 });
    const victims = s.vms(host.id).slice(0, 5);
    for (const v of victims) {
      if (v.state === 'running') continue;
      s.setState(host.id, v.id, 'running');
      await c.next(is('HOST_VM_STATE_CHANGED', host.id));
    }
    const before = vmFrames(c).length;

    s.cutLink(host.id);
    await c.next(is('HOST_WEBSOCKET_DISCONNECTED', host.id));
    for (const v of victims) s.setState(host.id, v.id, 'stopped');
    expect(s.stats.lostEvents).toBe(5);
    s.restoreLink(host.id);
    await c.next(is('HOST_WEBSOCKET_CONNECTED', host.id));
    await call(s, '/orchestrator/hosts'); // a round trip: anything queued would have been flushed by now
    expect(vmFrames(c).length).toBe(before);

    const cached = rows(await call(s, `/orchestrator/hosts/${host.id}/machines`));
    for (const v of victims) expect(cached.find((r) => r.ID === v.id)?.State).toBe('running');
    for (const v of victims) {
      const st = await call(s, `/orchestrator/hosts/${host.id}/machines/${v.id}/status`);
      expect((st.body as { status: string }).status).toBe('stopped');
    }
    await s.refreshNow();
    const repaired = rows(await call(s, `/orchestrator/hosts/${host.id}/machines`));
    for (const v of victims) expect(repaired.find((r) => r.ID === v.id)?.State).toBe('stopped');
    expect(vmFrames(c).length).toBe(before);
  });

  it('unhealthy host: VMs vanish from /orchestrator/machines with no HOST_VM_REMOVED, stay per host; back with old data', async () => {
    const { s, c, host } = await farmWithClient();
    const count = s.vms(host.id).length;
    s.killHostService(host.id);
    await c.next(is('HOST_WEBSOCKET_DISCONNECTED', host.id));
    const unhealthy = await c.next(is('HOST_HEALTH_UPDATE', host.id));
    expect(unhealthy.body).toEqual({ host_id: host.id, state: 'unhealthy' });
    const flat = rows(await call(s, '/orchestrator/machines'));
    expect(flat.filter((v) => v.host_id === host.id)).toEqual([]);
    const perHost = rows(await call(s, `/orchestrator/hosts/${host.id}/machines`));
    expect(perHost).toHaveLength(count);
    expect(perHost.every((v) => v.host_state === 'unhealthy')).toBe(true);
    expect(c.frames.filter(is('HOST_VM_REMOVED'))).toEqual([]);
    const listed = rows(await call(s, '/orchestrator/hosts')).find((h) => h.id === host.id);
    expect(listed).toMatchObject({ state: 'unhealthy', has_websocket_events: false });

    s.startHostService(host.id);
    await c.next(is('HOST_WEBSOCKET_CONNECTED', host.id));
    await c.next(
      (f) => is('HOST_HEALTH_UPDATE', host.id)(f) && (f.body as { state: string }).state === 'healthy',
    );
    const back = rows(await call(s, '/orchestrator/machines')).filter((v) => v.host_id === host.id);
    expect(back).toHaveLength(count);
  });

  it('hosts added and removed: CONNECTED may precede HOST_ADDED; HOST_REMOVED, no per-VM removals', async () => {
    const { s, c } = await farmWithClient();
    const extra = s.addHost({ description: 'mac-studio', vms: 2 });
    const added = await c.next(is('HOST_ADDED', extra.id));
    expect(added.body).toEqual({ host_id: extra.id, host: extra.hostName, description: 'mac-studio' });
    const connectedIdx = c.frames.findIndex(is('HOST_WEBSOCKET_CONNECTED', extra.id));
    expect(connectedIdx).toBeGreaterThanOrEqual(0);
    expect(connectedIdx).toBeLessThan(c.frames.indexOf(added));
    expect(rows(await call(s, `/orchestrator/hosts/${extra.id}/machines`))).toHaveLength(2);

    const del = await call(s, `/orchestrator/hosts/${extra.id.toUpperCase()}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const removed = await c.next(is('HOST_REMOVED'));
    expect(removed.body).toEqual({ host_id: extra.id.toUpperCase(), host: extra.hostName });
    expect(rows(await call(s, '/orchestrator/hosts')).map((h) => h.id)).not.toContain(extra.id);
    expect((await call(s, '/orchestrator/hosts/nope', { method: 'DELETE' })).status).toBe(202);
    expect(c.frames.filter(is('HOST_VM_REMOVED'))).toEqual([]);
  });

  it('disable hides the host VMs from /orchestrator/machines and drops its link; enable brings both back', async () => {
    const { s, c, host } = await farmWithClient();
    expect((await call(s, `/orchestrator/hosts/${host.id}/disable`, { method: 'PUT' })).status).toBe(200);
    await c.next(is('HOST_WEBSOCKET_DISCONNECTED', host.id));
    expect(rows(await call(s, '/orchestrator/machines')).filter((v) => v.host_id === host.id)).toEqual([]);
    expect(rows(await call(s, `/orchestrator/hosts/${host.id}/machines`)).length).toBeGreaterThan(0);
    s.setEnabled(host.id, true);
    await c.next(is('HOST_WEBSOCKET_CONNECTED', host.id));
    expect(rows(await call(s, '/orchestrator/machines')).some((v) => v.host_id === host.id)).toBe(true);
  });

  it('a dark host stalls the hosts list for the probe timeout and is reported unhealthy there', async () => {
    const { s, host } = await farmWithClient({ healthCheckTimeoutMs: 150 });
    s.powerOffHost(host.id);
    const started = Date.now();
    const list = rows(await call(s, '/orchestrator/hosts'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(list.find((h) => h.id === host.id)?.state).toBe('unhealthy');
    // Still linked as far as the orchestrator knows, until the 3P read deadline.
    expect(s.host(host.id)?.storedState).toBe('healthy');
  });

  it('orchestrator restart: clients drop, start_time changes, links return silently, a dark host stays stale-true', async () => {
    // P = 1 s so the dark host's 3P read deadline cannot fire before the restart.
    const { s, c, host } = await farmWithClient({ pullFrequencyMs: 1000 });
    const startTime = async (): Promise<unknown> =>
      ((await call(s, '/ws/stats')).body as { start_time: unknown }).start_time;
    const before = await startTime();
    s.powerOffHost(host.id);
    await s.restart();
    expect((await c.closed).code).toBe(1006);
    expect(await startTime()).not.toBe(before);
    const again = track(await subscribe(s));
    const listed = rows(await call(s, '/orchestrator/hosts'));
    expect(listed.find((h) => h.id === host.id)).toMatchObject({
      state: 'unhealthy',
      has_websocket_events: true,
    });
    expect(listed.every((h) => h.has_websocket_events === true)).toBe(true);
    expect(again.frames.filter(is('HOST_WEBSOCKET_CONNECTED'))).toEqual([]);
  });
});
