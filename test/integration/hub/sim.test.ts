// The hub client against the project's Events Hub simulator (test/sim), over real sockets.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HubConnection,
  type ConnectionEvent,
  type HubConnectionOptions,
} from '../../../src/main/hub/connection';
import { HubRequestError } from '../../../src/main/hub/errors';
import { HubRestClient, type HubAuth } from '../../../src/main/hub/rest';
import { testHubConnection } from '../../../src/main/hub/test-connection';
import { silentLogger } from '../../support/silent-logger';
import { systemClock, systemTimers } from '../../../src/main/kernel/clock';
import { ALTERNATE_CERT, startSimulator, type Simulator } from '../../sim';
import { FakeTime } from '../../support/fake-time';
import { hostConfig } from '../../support/host-config';

let sim: Simulator | null = null;
const connections: HubConnection[] = [];

afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.stop()));
  await sim?.close();
  sim = null;
});

function password(s: Simulator): HubAuth {
  return { method: 'password', username: s.credentials.username, password: s.credentials.password };
}

function restFor(s: Simulator, auth: HubAuth, trust = { pinnedFingerprint: s.fingerprint }): HubRestClient {
  return new HubRestClient({ baseUrl: s.url, auth, trust, clock: systemClock, logger: silentLogger });
}

interface Run {
  conn: HubConnection;
  events: ConnectionEvent[];
  time: FakeTime;
  waitFor<T extends ConnectionEvent['type']>(
    type: T,
    count?: number,
  ): Promise<Extract<ConnectionEvent, { type: T }>>;
}

function run(
  s: Simulator,
  rest: HubConnectionOptions['rest'],
  extra: Partial<HubConnectionOptions> = {},
): Run {
  const time = new FakeTime();
  const events: ConnectionEvent[] = [];
  const conn = new HubConnection({
    baseUrl: s.url,
    eventTypes: ['pdfm'],
    rest,
    trust: { pinnedFingerprint: s.fingerprint },
    clock: time,
    timers: time,
    logger: silentLogger,
    random: () => 1,
    ...extra,
  });
  connections.push(conn);
  conn.onEvent((e) => events.push(e));
  conn.start();
  const waitFor = <T extends ConnectionEvent['type']>(
    type: T,
    count = 1,
  ): Promise<Extract<ConnectionEvent, { type: T }>> =>
    vi.waitFor(
      () => {
        const found = events.filter((e) => e.type === type);
        if (found.length < count)
          throw new Error(`waiting for ${count} ${type}; saw ${events.map((e) => e.type).join(',')}`);
        return found[count - 1] as Extract<ConnectionEvent, { type: T }>;
      },
      { timeout: 8_000, interval: 10 },
    );
  return { conn, events, time, waitFor };
}

const messages = (events: ConnectionEvent[]): unknown[] =>
  events.flatMap((e) => (e.type === 'messages' ? e.messages.filter((m) => m.type !== 'ignored') : []));

describe('hub client <-> simulator', () => {
  it('password auth: the REST list matches the truth and live events arrive as typed messages', async () => {
    sim = await startSimulator({ vms: 4, seed: 7 });
    const rest = restFor(sim, password(sim));
    const vms = await rest.listMachines();
    expect(vms.map((v) => [v.id, v.name, v.state, v.os])).toEqual(
      sim.vms().map((v) => [v.id, v.name, v.state, v.os]),
    );
    expect(await rest.serverInfo()).toEqual({ devopsVersion: '1.0.5' });

    const r = run(sim, rest);
    const open = await r.waitFor('open');
    expect(open.subscriptions).toContain('pdfm');
    const target = sim.vms()[0]!;
    const next = target.state === 'running' ? 'stopped' : 'running';
    sim.setState(target.id, next);
    // The first VM is a running Mac: its state change changes the server's set of running Macs, so the real
    // server also sends MAC_VMS_RUNNING_NOW (syncMacVmRunningStatus) with the whole new set.
    const runningMacs = sim
      .vms()
      .filter((v) => v.state === 'running' && (v.os === 'macosx' || /mac/i.test(v.name)))
      .map((v) => v.id);
    const added = sim.addVm({ name: 'fresh-runner', state: 'stopped', os: 'macosx' });
    sim.removeVm(added.id);
    await vi.waitFor(() => expect(messages(r.events)).toHaveLength(4), { timeout: 5_000 });
    expect(messages(r.events)).toEqual([
      { type: 'vm-state-changed', vmId: target.id, previousState: target.state, currentState: next },
      { type: 'vms-running-now', vmIds: runningMacs },
      expect.objectContaining({
        type: 'vm-upsert',
        vmId: added.id,
        reason: 'added',
        vm: expect.objectContaining({ id: added.id, name: 'fresh-runner', state: 'stopped', os: 'macosx' }),
      }),
      { type: 'vm-removed', vmId: added.id },
    ]);
    expect(r.conn.counters.framesInvalid).toBe(0);
  });

  it('docs-shaped new_vm still yields name and state', async () => {
    sim = await startSimulator({ vms: 1, docsShape: true });
    const r = run(sim, restFor(sim, password(sim)));
    await r.waitFor('open');
    const added = sim.addVm({ name: 'docs-vm', state: 'running', os: 'ubuntu' });
    const msg = await vi.waitFor(() => {
      const m = messages(r.events)[0];
      if (!m) throw new Error('no message yet');
      return m;
    });
    expect(msg).toMatchObject({
      type: 'vm-upsert',
      vmId: added.id,
      vm: { id: added.id, name: 'docs-vm', state: 'running' },
    });
  });

  it('revoked tokens: REST refreshes once and succeeds; a static token over WS stops after one 401', async () => {
    sim = await startSimulator({ vms: 2 });
    const rest = restFor(sim, password(sim));
    await rest.listMachines();
    sim.revokeAllTokens();
    sim.resetStats();
    expect(await rest.listMachines()).toHaveLength(2);
    expect(sim.stats.tokenRequests).toBe(1);

    const staticToken = sim.issueToken();
    sim.revokeAllTokens();
    sim.resetStats();
    const r = run(sim, restFor(sim, { method: 'token', token: staticToken }));
    const failed = await r.waitFor('auth-failed');
    expect(failed.message).toMatch(/^Credentials rejected by the host/);
    expect(failed.message).not.toContain(staticToken);
    r.time.advance(600_000);
    expect(sim.stats.wsUpgradeAttempts).toBe(1);
  });

  it('dropped sockets -> closed, back-off, reconnect with a new client id', async () => {
    sim = await startSimulator({ vms: 1 });
    const r = run(sim, restFor(sim, password(sim)));
    const first = await r.waitFor('open');
    sim.dropAllSockets();
    const scheduled = await r.waitFor('retry-scheduled');
    expect(scheduled.nextAt - r.time.now()).toBe(1_000);
    r.time.fireNext();
    const second = await r.waitFor('open', 2);
    expect(second.clientId).not.toBe(first.clientId);
  });

  it('503 while the emitter is down, then recovery', async () => {
    sim = await startSimulator({ vms: 1 });
    sim.refuseConnections(503);
    const r = run(sim, restFor(sim, password(sim)));
    const scheduled = await r.waitFor('retry-scheduled');
    expect(scheduled.lastError).toContain('EventEmitter service is not available');
    sim.refuseConnections(null);
    r.time.fireNext();
    await r.waitFor('open');
    expect(sim.stats.wsRejected[503]).toBe(1);
  });

  it('legacy one-connection-per-IP: the second client waits at least 45 s after its 409', async () => {
    sim = await startSimulator({ vms: 1, legacyOnePerIp: true });
    const rest = restFor(sim, password(sim));
    const a = run(sim, rest);
    await a.waitFor('open');
    const b = run(sim, rest, { random: () => 0 });
    const scheduled = await b.waitFor('retry-scheduled');
    expect(scheduled.nextAt - b.time.now()).toBeGreaterThanOrEqual(45_000);
    expect(b.time.pending()[0]?.ms).toBeGreaterThanOrEqual(45_000);
  });

  it('a v1.0.4 server: actions fall back from PUT to GET', async () => {
    sim = await startSimulator({ vms: 1, devopsVersion: '1.0.4', actionDelayMs: 0 });
    const rest = restFor(sim, password(sim));
    const vm = sim.vms()[0]!;
    const action = vm.state === 'running' ? 'stop' : 'start';
    const result = await rest.runAction(vm.id, action);
    expect(result.message).toMatch(/Success/);
  });

  it('testHubConnection reports version, count and subscriptions; a wrong password is rejected', async () => {
    sim = await startSimulator({ vms: 3 });
    const host = hostConfig({ id: 'h', name: 'sim', url: sim.url, auth: 'password', username: 'root' });
    const deps = { clock: systemClock, timers: systemTimers, logger: silentLogger, timeoutMs: 5_000 };
    expect(await testHubConnection(host, sim.credentials.password, deps)).toMatchObject({
      kind: 'ok',
      serverVersion: '1.0.5',
      vmCount: 3,
    });
    expect(await testHubConnection(host, 'nope-wrong', deps)).toMatchObject({ kind: 'credentials-rejected' });
  });

  it('TLS: pinned simulator certificate connects; after a certificate swap it is rejected with the new fingerprint', async () => {
    sim = await startSimulator({ vms: 1, tls: true });
    const pinned = sim.fingerprint!;
    const rest = restFor(sim, password(sim), { pinnedFingerprint: pinned });
    expect(await rest.listMachines()).toHaveLength(1);
    const unpinned = await restFor(sim, password(sim), { pinnedFingerprint: null })
      .listMachines()
      .catch((e: unknown) => e);
    expect(unpinned).toMatchObject({ kind: 'tls-untrusted', fingerprint: pinned });
    await sim.restart({ tls: ALTERNATE_CERT });
    const swapped = await rest.listMachines().catch((e: unknown) => e);
    expect(swapped).toBeInstanceOf(HubRequestError);
    expect(swapped).toMatchObject({ kind: 'tls-untrusted' });
    expect((swapped as HubRequestError).fingerprint).not.toBe(pinned);
    const r = run(sim, rest, { trust: { pinnedFingerprint: pinned } });
    const untrusted = await r.waitFor('tls-untrusted');
    expect(untrusted.fingerprint).toBe((swapped as HubRequestError).fingerprint);
  });
});
