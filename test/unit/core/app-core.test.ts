import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCoreDiagnostics } from '../../../src/main/core/app-core';
import type { AppCore } from '../../../src/main/core/ports';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { silentLogger } from '../../support/silent-logger';
import type { HubEvent } from '../../../src/shared/model';
import { DEFAULT_SETTINGS, type AppSettings, type HostConfig } from '../../../src/shared/settings';
import { FakeTime } from '../../support/fake-time';
import { hostConfig } from '../../support/host-config';
import { FakeHub, settle, vm } from './fake-hub';

const host = (id: string, over: Partial<HostConfig> = {}): HostConfig =>
  hostConfig({ id, name: `Farm ${id}`, ...over });
const settings = (...hosts: HostConfig[]): AppSettings => ({ ...DEFAULT_SETTINGS, hosts });

let core: (AppCore & AppCoreDiagnostics) | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

async function setup(o: { secrets?: Record<string, string | null>; loaded?: HubEvent[] } = {}) {
  const time = new FakeTime();
  const hub = new FakeHub();
  const shown: NotificationIntent[] = [];
  const saved: HubEvent[][] = [];
  core = await createAppCore({
    clock: time,
    timers: time,
    logger: silentLogger,
    eventLog: { load: async () => o.loaded ?? [], save: async (e) => void saved.push([...e]) },
    notifier: { show: (i) => shown.push(i) },
    secrets: { getSecret: async (id) => (o.secrets && id in o.secrets ? (o.secrets[id] ?? null) : 'tok') },
    hubFactory: hub,
    options: { confirmTransitionalAfterMs: 5_000, reconcileIntervalMs: 60_000, coalesceWindowMs: 1_000 },
  });
  return { time, hub, shown, saved, core };
}

async function goLive(hub: FakeHub, hostId: string, vms: ReturnType<typeof vm>[]) {
  await settle();
  const c = hub.last(hostId);
  c.connection.open();
  c.rest.lists.at(-1)?.resolve(vms);
  await settle();
  return c;
}

const kinds = (events: readonly HubEvent[]) =>
  events.map(
    (e) => `${e.kind}:${e.vmName ?? ''}:${e.from ?? ''}>${e.to ?? ''}${e.offline ? ':offline' : ''}`,
  );

describe('app core', () => {
  it('first sync is a silent baseline: VMs shown, nothing logged or notified', async () => {
    const { hub, shown, core } = await setup();
    core.configure(settings(host('a')));
    await goLive(hub, 'a', [vm('1', 'ci-01', 'running'), vm('2', 'ci-02', 'stopped')]);
    const snap = core.snapshot();
    expect(snap.vms.map((v) => [v.name, v.state, v.changedWhileOffline])).toEqual([
      ['ci-01', 'running', false],
      ['ci-02', 'stopped', false],
    ]);
    expect(snap.hosts[0]?.status.tag).toBe('live');
    expect(snap.hosts[0]?.serverVersion).toBe('1.0.5');
    expect(snap.events).toEqual([]);
    expect(shown).toEqual([]);
    expect(hub.last('a').auth).toEqual({ method: 'token', token: 'tok' });
  });

  it('reconnect resync: offline changes logged and one offline stop notification', async () => {
    const { hub, shown, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', [
      vm('1', 'ci-01', 'running'),
      vm('2', 'ci-02', 'running'),
      vm('3', 'ci-03', 'stopped'),
    ]);
    c.connection.emit({ type: 'closed', reason: '1006', willRetry: true });
    c.connection.emit({ type: 'retry-scheduled', attempt: 1, nextAt: 5, lastError: 'socket closed' });
    expect(core.snapshot().hosts[0]?.status.tag).toBe('reconnecting');
    c.connection.open();
    expect(core.snapshot().hosts[0]?.status.tag).toBe('syncing');
    c.rest.lists
      .at(-1)
      ?.resolve([
        vm('1', 'ci-01', 'stopped'),
        vm('2', 'ci-02-renamed', 'running'),
        vm('3', 'ci-03', 'running'),
      ]);
    await settle();
    expect(kinds(core.snapshot().events)).toEqual([
      'connection-lost::>',
      'renamed:ci-02-renamed:ci-02>ci-02-renamed:offline',
      'state-changed:ci-01:running>stopped:offline',
      'state-changed:ci-03:stopped>running:offline',
      'connection-restored::>',
    ]);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ vmId: '1', offline: true, title: 'ci-01 stopped · Farm a' });
    expect(core.snapshot().vms.find((v) => v.id === '1')?.changedWhileOffline).toBe(true);
  });

  it('events during GET /machines are buffered, applied after the list, and their VMs confirmed', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a')));
    await settle();
    const c = hub.last('a');
    c.connection.open();
    c.connection.msg({
      type: 'vm-state-changed',
      vmId: '1',
      previousState: 'running',
      currentState: 'stopped',
    });
    expect(core.snapshot().vms).toEqual([]);
    c.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(core.snapshot().vms[0]?.state).toBe('stopped');
    expect(c.rest.gets.map((g) => g.id)).toEqual(['1']);
  });

  it('unknown vm_id in a state event -> GET /machines/{id} and the VM appears', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', []);
    c.connection.msg({
      type: 'vm-state-changed',
      vmId: 'NEW',
      previousState: 'stopped',
      currentState: 'running',
    });
    expect(c.rest.gets.map((g) => g.id)).toEqual(['NEW']);
    c.rest.gets[0]?.d.resolve(vm('new', 'fresh', 'running'));
    await settle();
    expect(core.snapshot().vms.map((v) => v.name)).toEqual(['fresh']);
  });

  it('a transitional state that does not settle is confirmed after the window', async () => {
    const { hub, time, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', [vm('1', 'ci-01', 'running')]);
    c.connection.msg({
      type: 'vm-state-changed',
      vmId: '1',
      previousState: 'running',
      currentState: 'stopping',
    });
    time.advance(4_999);
    expect(c.rest.gets).toHaveLength(0);
    time.advance(1);
    expect(c.rest.gets.map((g) => g.id)).toEqual(['1']);
    c.rest.gets[0]?.d.resolve(vm('1', 'ci-01', 'stopped'));
    await settle();
    expect(core.snapshot().vms[0]?.state).toBe('stopped');
  });

  it('a GET answer overtaken by a live event is discarded and asked again', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', []);
    c.connection.msg({ type: 'vm-state-changed', vmId: 'x', previousState: null, currentState: 'running' });
    c.connection.msg({
      type: 'vm-upsert',
      vmId: 'x',
      vm: { id: 'x', name: 'X', state: 'stopped', os: '' },
      reason: 'updated',
    });
    c.rest.gets[0]?.d.resolve(vm('x', 'X', 'running'));
    await settle();
    expect(c.rest.gets).toHaveLength(2);
    c.rest.gets[1]?.d.resolve(vm('x', 'X', 'stopped'));
    await settle();
    expect(core.snapshot().vms[0]?.state).toBe('stopped');
  });

  it('periodic reconcile re-fetches the list', async () => {
    const { hub, time, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', [vm('1', 'ci-01', 'running')]);
    time.advance(60_000);
    expect(c.rest.lists).toHaveLength(2);
    c.rest.lists[1]?.resolve([]);
    await settle();
    // Found by a list while connected: a missed event, not "while disconnected" (issue 11, situation 4).
    expect(kinds(core.snapshot().events)).toEqual(['removed:ci-01:running>']);
  });

  it('runAction tracks pending and logs failures with the server reason', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', [vm('1', 'ci-01', 'stopped')]);
    c.rest.actionResult = () => Promise.reject(new Error('VM is not running'));
    const p = core.runAction('a', '1', 'stop', true);
    expect(core.snapshot().pending).toMatchObject([{ hostId: 'a', vmId: '1', action: 'stop' }]);
    await expect(p).rejects.toThrow('VM is not running');
    expect(core.snapshot().pending).toEqual([]);
    expect(core.snapshot().events.at(-1)).toMatchObject({
      kind: 'action-failed',
      vmName: 'ci-01',
      message: 'stop failed: VM is not running',
    });
    expect(c.rest.actions).toEqual([{ id: '1', action: 'stop', force: true }]);
    await expect(core.runAction('zzz', '1', 'start')).rejects.toThrow(/not configured/);
  });

  it('configure restarts only changed hosts, drops removed ones, keeps names live', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a'), host('b')));
    await goLive(hub, 'a', [vm('1', 'a-1', 'running')]);
    await goLive(hub, 'b', [vm('2', 'b-1', 'running')]);
    expect(hub.created).toHaveLength(2);
    core.configure(settings(host('a', { name: 'Renamed' }), host('b', { url: 'http://127.0.0.1:9999' })));
    await settle();
    expect(hub.created).toHaveLength(3);
    expect(hub.created[1]?.connection.stopped).toBe(true);
    expect(core.snapshot().hosts.map((h) => h.name)).toEqual(['Renamed', 'Farm b']);
    expect(core.snapshot().vms.map((v) => v.name)).toEqual(['a-1']);
    core.configure(settings(host('a', { name: 'Renamed' })));
    await settle();
    expect(core.snapshot().hosts.map((h) => h.id)).toEqual(['a']);
    expect(hub.created[2]?.connection.stopped).toBe(true);
  });

  it('a pin change restarts the host, keeps its VMs, and the old monitor cannot overwrite the new status', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a')));
    await goLive(hub, 'a', [vm('1', 'a-1', 'running')]);
    core.configure(settings(host('a', { pinnedFingerprint: 'AB:CD' })));
    await settle();
    expect(hub.created).toHaveLength(2);
    expect(hub.created[0]?.connection.stopped).toBe(true);
    expect(core.snapshot().hosts[0]?.status.tag).toBe('connecting');
    expect(core.snapshot().vms.map((v) => v.name)).toEqual(['a-1']);
    // Not a baseline: the same server, so what changed meanwhile is reported.
    await goLive(hub, 'a', [vm('1', 'a-1', 'stopped')]);
    expect(kinds(core.snapshot().events)).toEqual(['state-changed:a-1:running>stopped:offline']);
  });

  it('no secret -> auth-failed without connecting; a settings save retries with the new secret', async () => {
    const secrets: Record<string, string | null> = { a: null };
    const { hub, core } = await setup({ secrets });
    core.configure(settings(host('a')));
    await settle();
    expect(hub.created).toHaveLength(0);
    expect(core.snapshot().hosts[0]?.status.tag).toBe('auth-failed');
    secrets.a = 'new';
    core.configure(settings(host('a')));
    await settle();
    expect(hub.created).toHaveLength(1);
    expect(hub.last('a').auth).toEqual({ method: 'token', token: 'new' });
  });

  it('REST 401 during sync keeps the open socket with a credentials warning; its end is auth-failed, logged once', async () => {
    const { hub, core } = await setup();
    core.configure(settings(host('a')));
    await settle();
    const c = hub.last('a');
    c.connection.open();
    c.rest.lists[0]?.reject(
      Object.assign(new Error('Credentials rejected by the host'), { kind: 'unauthorized' }),
    );
    await settle();
    // The server checks credentials only at the upgrade: the socket still works (issue 11, situation 1).
    expect(core.snapshot().hosts[0]?.status).toMatchObject({
      tag: 'syncing',
      warning: { kind: 'credentials' },
    });
    expect(c.connection.stopped).toBe(false);
    c.connection.emit({ type: 'auth-failed', message: 'Credentials rejected by the host' });
    await settle();
    expect(core.snapshot().hosts[0]?.status).toMatchObject({ tag: 'auth-failed' });
    expect(core.snapshot().events.filter((e) => e.kind === 'auth-failed')).toHaveLength(1);
  });

  it('connection lost longer than the rule notifies once', async () => {
    const { hub, time, shown, core } = await setup();
    core.configure(settings(host('a')));
    const c = await goLive(hub, 'a', []);
    c.connection.emit({ type: 'closed', reason: 'x', willRetry: true });
    c.connection.emit({ type: 'retry-scheduled', attempt: 1, nextAt: 0, lastError: 'refused' });
    time.advance(119_000);
    expect(shown).toEqual([]);
    time.advance(2_000);
    expect(shown.map((s) => s.title)).toEqual(['Lost connection to Farm a']);
  });

  it('many hosts lost at once: one notification naming them, not one per host', async () => {
    const { hub, time, shown, core } = await setup();
    core.configure(settings(host('a'), host('b'), host('c')));
    for (const id of ['a', 'b', 'c']) {
      const c = await goLive(hub, id, []);
      c.connection.emit({ type: 'closed', reason: 'x', willRetry: true });
      c.connection.emit({ type: 'retry-scheduled', attempt: 1, nextAt: 0, lastError: 'refused' });
    }
    time.advance(121_000);
    expect(shown.map((s) => s.title)).toEqual(['Lost connection to 3 hosts']);
    expect(shown[0]?.body).toBe(
      'Farm a, Farm b and Farm c: no connection for 2 min. Hubwatch keeps retrying.',
    );
  });

  it('rejected credentials notify as such: the host, the credential, and that watching stopped', async () => {
    const { hub, time, shown, core } = await setup();
    core.configure(settings(host('a', { auth: 'password', username: 'root' })));
    const c = await goLive(hub, 'a', []);
    c.connection.emit({ type: 'auth-failed', message: 'Credentials rejected by the host' });
    // At once (a host we were watching, issue 11), and only once: no second one when the outage delay passes.
    expect(shown.map((s) => [s.title, s.body])).toEqual([
      [
        'Farm a rejected the password',
        'Hubwatch stopped watching Farm a (Credentials rejected by the host). Open Settings to fix the password.',
      ],
    ]);
    time.advance(121_000);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.body).not.toContain('keeps retrying');
    // The rows it last reported stay, marked with the time they are from.
    expect(core.snapshot().hosts[0]?.dataAsOf).toBeTypeOf('number');
  });

  it('mute and pause show up in the snapshot; the log loads first and persists on stop', async () => {
    const loaded: HubEvent[] = [{ id: '7', at: 1, hostId: 'a', kind: 'added', vmName: 'old' }];
    const { saved, core } = await setup({ loaded, secrets: { a: null } });
    expect(core.snapshot().events).toEqual(loaded);
    core.setVmMuted('a', '{ABC}', true);
    core.pauseNotifications(99);
    expect(core.snapshot().mutedVms).toEqual(['a/abc']);
    expect(core.snapshot().notificationsPausedUntil).toBe(99);
    core.configure(settings(host('a')));
    await settle();
    expect(saved).toEqual([]); // debounced
    await core.stop();
    expect(saved.at(-1)?.map((e) => `${e.id}:${e.kind}`)).toEqual(['7:added', '8:auth-failed']);
  });
});

describe('app core reconnect', () => {
  it('reconnect re-reads the secret and connects with fresh clients, keeping the VMs', async () => {
    const secrets: Record<string, string | null> = { a: 'old' };
    const { hub, core } = await setup({ secrets });
    core.configure(settings(host('a')));
    await goLive(hub, 'a', [vm('1', 'a-1', 'running')]);
    secrets.a = 'rotated';
    core.reconnect('a');
    await settle();
    expect(hub.created).toHaveLength(2);
    expect(hub.created[0]?.connection.stopped).toBe(true);
    expect(hub.last('a').auth).toEqual({ method: 'token', token: 'rotated' });
    expect(hub.last('a').connection.started).toBe(1);
    expect(core.snapshot().vms.map((v) => v.name)).toEqual(['a-1']);
    expect(core.snapshot().events).toEqual([]);
  });
});
