// GET /machines failing (protocol §9.4): a warning the host shows with the next attempt's time, retries that
// double up to 60 s, a server without the machines API asked rarely, and a 401 that stops every REST call.
import { describe, expect, it } from 'vitest';
import { settle, vm } from './fake-hub';
import { kindFailure, listFailure, recordingSync } from './sync-recorder';

describe('HostSync: a failing machine list', () => {
  it('after connect: a warning with the next attempt, retries doubling from 1 s to 60 s, cleared once listed', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const started = h.time.now();
      h.rest.lists[attempt]?.reject(listFailure('prlctl list failed'));
      await settle();
      const delay = h.time.fireNext();
      expect(h.rest.lists).toHaveLength(attempt + 2);
      delays.push(delay ?? -1);
      // The warning says when the next attempt comes: at the moment the list failed, plus the delay.
      expect(h.warnings.at(-1)).toEqual({
        kind: 'list-failed',
        message: 'prlctl list failed',
        nextAt: started + (delay ?? 0),
      });
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(h.sync.state).toBe('syncing');
    h.rest.lists[8]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.sync.state).toBe('live');
    expect(h.warnings.at(-1)).toBeNull();
    expect(h.warnings).toHaveLength(9);
    expect(h.vms()).toEqual(['ci-01:running']);
  });

  it('a host that lists fine says nothing about warnings, and a cleared warning is cleared once', async () => {
    const h = recordingSync();
    await h.goLive();
    h.time.advance(60_000);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.warnings).toEqual([]);
    h.time.advance(60_000);
    h.rest.lists[2]?.reject(listFailure('did not answer'));
    await settle();
    h.time.fireNext();
    h.rest.lists[3]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.time.advance(60_000);
    h.rest.lists[4]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.warnings.map((w) => w?.kind ?? null)).toEqual(['list-failed', null]);
  });

  it('a caller without a warning hook still gets the retries', async () => {
    const h = recordingSync({ onWarning: undefined });
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(listFailure('prlctl list failed'));
    await settle();
    h.time.advance(1_000);
    expect(h.rest.lists).toHaveLength(2);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.sync.state).toBe('live');
  });

  it('the base delay is the caller’s when given', async () => {
    const h = recordingSync({ listRetryMs: 250 });
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(listFailure('boom'));
    await settle();
    expect(h.time.fireNext()).toBe(250);
    h.rest.lists[1]?.reject(listFailure('boom'));
    await settle();
    expect(h.time.fireNext()).toBe(500);
  });

  it('a server without the machines API is asked again only every 5 minutes, and says why', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(kindFailure('no-machines-api', 'This server has no machines API'));
    await settle();
    expect(h.warnings).toEqual([
      { kind: 'no-machines-api', message: 'This server has no machines API', nextAt: h.time.now() + 300_000 },
    ]);
    h.time.advance(299_999);
    expect(h.rest.lists).toHaveLength(1);
    h.time.advance(1);
    expect(h.rest.lists).toHaveLength(2);
  });

  it('a failed re-list while live keeps applying events, retries, and keeps events the older list missed', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.time.advance(60_000);
    h.rest.lists[1]?.reject(listFailure('prlctl list failed'));
    await settle();
    expect(h.sync.state).toBe('live');
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: '1',
      previousState: 'running',
      currentState: 'stopped',
    });
    expect(h.vm('1')?.state).toBe('stopped');
    h.time.advance(1_000);
    expect(h.rest.lists).toHaveLength(3);
    h.rest.lists[2]?.resolve([vm('1', 'ci-01', 'running')]); // built before the stop
    await settle();
    expect(h.vm('1')?.state).toBe('stopped');
    expect(h.applied.at(-1)).toMatchObject({ source: 'reconcile', reason: 'periodic' });
  });

  it('a retry pending when the socket closes never fires', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(listFailure('boom'));
    await settle();
    h.sync.connectionClosed();
    expect(h.time.pendingCount).toBe(0);
    h.time.advance(120_000);
    expect(h.rest.lists).toHaveLength(1);
  });

  it('a retry of an older connection is dropped: a new welcome lists once, not twice', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(listFailure('boom'));
    await settle();
    h.sync.connectionOpened(); // a new welcome without a close in between
    expect(h.rest.lists).toHaveLength(2);
    h.time.advance(1_000); // the first connection's retry
    expect(h.rest.lists).toHaveLength(2);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.sync.state).toBe('live');
  });

  it('a failure answered after the socket closed sets no warning and schedules nothing', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.connectionClosed();
    h.rest.lists[0]?.reject(listFailure('boom'));
    await settle();
    expect(h.warnings).toEqual([]);
    expect(h.time.pendingCount).toBe(0);
  });

  it('a failure answered after dispose sets no warning and schedules nothing', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.dispose();
    h.rest.lists[0]?.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    await settle();
    expect(h.unauthorized).toEqual([]);
    expect(h.warnings).toEqual([]);
    expect(h.time.pendingCount).toBe(0);
  });
});

describe('HostSync: REST says 401', () => {
  it('on the connect list: told once, no retry, no list on reconnect; events still applied once live', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    await settle();
    expect(h.unauthorized).toEqual(['Credentials rejected by the host']);
    expect(h.warnings).toEqual([]);
    expect(h.time.pendingCount).toBe(0);
    h.time.advance(10 * 60_000);
    h.sync.connectionClosed();
    h.sync.connectionOpened();
    expect(h.sync.state).toBe('syncing');
    expect(h.rest.lists).toHaveLength(1);
    expect(h.unauthorized).toHaveLength(1);
  });

  it('on a re-list: told once, the socket’s events still shown, no more lists or lookups', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.time.advance(60_000);
    h.rest.lists[1]?.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    await settle();
    expect(h.unauthorized).toEqual(['Credentials rejected by the host']);
    expect(h.time.pendingCount).toBe(0);
    h.sync.resync('user');
    h.time.advance(10 * 60_000);
    expect(h.rest.lists).toHaveLength(2);
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: '1',
      previousState: 'running',
      currentState: 'stopped',
    });
    expect(h.vm('1')?.state).toBe('stopped');
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: 'new',
      previousState: null,
      currentState: 'running',
    });
    expect(h.rest.gets).toHaveLength(0);
  });

  it('from a lookup: told once, and the periodic re-list stops too', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: 'x',
      previousState: null,
      currentState: 'running',
    });
    h.rest.gets[0]?.d.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    await settle();
    expect(h.unauthorized).toEqual(['Credentials rejected by the host']);
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: 'y',
      previousState: null,
      currentState: 'running',
    });
    h.rest.gets[1]?.d.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    await settle();
    expect(h.unauthorized).toHaveLength(1);
    h.time.advance(10 * 60_000);
    expect(h.rest.lists).toHaveLength(1);
  });
});
