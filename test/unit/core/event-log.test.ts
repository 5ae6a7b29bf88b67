import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileEventLogRepository } from '../../../src/main/persist/event-log-file';
import {
  appendEvents,
  CONNECTION_EVENT_CAPACITY,
  createEventLogState,
  type NewHubEvent,
} from '../../../src/main/core/event-log';
import { parseHubEvent } from '../../../src/main/persist/hub-event-parse';
import { createLogPersister } from '../../../src/main/persist/log-persister';
import { silentLogger } from '../../support/silent-logger';
import type { Logger } from '../../../src/main/kernel/logger';
import type { HubEvent } from '../../../src/shared/model';
import { FakeTime } from '../../support/fake-time';

const entry = (n: number): NewHubEvent => ({
  at: n,
  hostId: 'h',
  kind: 'state-changed',
  vmId: `v${n}`,
  from: 'running',
  to: 'stopped',
});

describe('event log ring', () => {
  it('one append of a "connection lost" then more VM entries than both windows hold keeps the connection entry', () => {
    const lost: NewHubEvent = { at: 0, hostId: 'h', kind: 'connection-lost', message: 'socket closed' };
    const burst = Array.from({ length: 3 + CONNECTION_EVENT_CAPACITY + 5 }, (_, i) => entry(i + 1));
    const { state, added } = appendEvents(createEventLogState([], 3), [lost, ...burst]);
    expect(state.events.map((e) => [e.id, e.kind])).toEqual([
      ['1', 'connection-lost'],
      [String(burst.length - 1), 'state-changed'],
      [String(burst.length), 'state-changed'],
      [String(burst.length + 1), 'state-changed'],
    ]);
    expect(added).toHaveLength(4); // only what stays is built
    expect(state.nextId).toBe(burst.length + 2);
  });

  it('keeps the newest `capacity` entries with increasing ids', () => {
    let s = createEventLogState([], 3);
    for (let i = 0; i < 5; i++) s = appendEvents(s, [entry(i)]).state;
    expect(s.events.map((e) => e.vmId)).toEqual(['v2', 'v3', 'v4']);
    expect(s.events.map((e) => Number(e.id))).toEqual([3, 4, 5]);
  });

  it('a reconnect storm cannot flush VM history: connection entries have their own, smaller window', () => {
    let s = createEventLogState([], 500);
    s = appendEvents(
      s,
      Array.from({ length: 500 }, (_, i) => entry(i)),
    ).state;
    const storm: NewHubEvent[] = [];
    for (let h = 0; h < 300; h++) {
      storm.push({ at: 1_000 + h, hostId: `h${h}`, kind: 'connection-lost', message: 'socket closed' });
      storm.push({ at: 2_000 + h, hostId: `h${h}`, kind: 'connection-restored' });
    }
    for (const e of storm) s = appendEvents(s, [e]).state;
    const vmEntries = s.events.filter((e) => e.kind === 'state-changed');
    expect(vmEntries).toHaveLength(500);
    expect(s.events.length - vmEntries.length).toBe(CONNECTION_EVENT_CAPACITY);
    // Still one list, oldest first by id, the newest connection entries kept.
    expect(s.events.map((e) => Number(e.id))).toEqual(
      [...s.events.map((e) => Number(e.id))].sort((a, b) => a - b),
    );
    expect(s.events.at(-1)?.hostId).toBe('h299');
    // A reloaded log keeps the same split.
    const reloaded = createEventLogState(s.events, 500);
    expect(reloaded.events).toEqual(s.events);
  });

  it('continues ids after the highest loaded one', () => {
    const s = createEventLogState(
      [{ ...entry(1), id: '41' } as HubEvent, { ...entry(2), id: 'junk' } as HubEvent],
      500,
    );
    expect(appendEvents(s, [entry(3)]).added[0]?.id).toBe('42');
  });

  it('parseHubEvent rejects wrong types and unknown kinds, keeps optional fields', () => {
    expect(parseHubEvent(null)).toBeNull();
    expect(parseHubEvent({ id: 1, at: 1, hostId: 'h', kind: 'added' })).toBeNull();
    expect(parseHubEvent({ id: '1', at: 1, hostId: 'h', kind: 'exploded' })).toBeNull();
    expect(
      parseHubEvent({ id: '1', at: 1, hostId: 'h', kind: 'added', vmName: 'x', offline: true, extra: 5 }),
    ).toEqual({
      id: '1',
      at: 1,
      hostId: 'h',
      kind: 'added',
      vmName: 'x',
      offline: true,
    });
  });
});

describe('file event log repository', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hubwatch-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const events: HubEvent[] = [
    {
      id: '1',
      at: 10,
      hostId: 'h',
      kind: 'state-changed',
      vmId: 'a',
      vmName: 'A',
      from: 'running',
      to: 'stopped',
      offline: true,
    },
    { id: '2', at: 11, hostId: 'h', kind: 'connection-lost', message: 'socket closed' },
  ];

  it('returns [] when nothing is stored', async () => {
    expect(await createFileEventLogRepository(path.join(dir, 'none.json'), silentLogger).load()).toEqual([]);
  });

  it('survives a reload and leaves no temp files behind', async () => {
    const file = path.join(dir, 'sub', 'events.json');
    await createFileEventLogRepository(file, silentLogger).save(events);
    expect(await createFileEventLogRepository(file, silentLogger).load()).toEqual(events);
    expect(readdirSync(path.dirname(file))).toEqual(['events.json']);
  });

  it('concurrent saves land in order (the last one wins)', async () => {
    const file = path.join(dir, 'events.json');
    const repo = createFileEventLogRepository(file, silentLogger);
    await Promise.all([repo.save(events.slice(0, 1)), repo.save(events)]);
    expect(await repo.load()).toEqual(events);
  });

  it('sets a corrupt file aside, reports it and starts empty', async () => {
    const file = path.join(dir, 'events.json');
    writeFileSync(file, '{"version":1,"events":[{"id":"1"');
    const warn = vi.fn();
    const logger: Logger = { ...silentLogger, warn };
    const repo = createFileEventLogRepository(file, logger);
    expect(await repo.load()).toEqual([]);
    const names = readdirSync(dir);
    expect(names.some((n) => n.startsWith('events.json.corrupt-'))).toBe(true);
    expect(names).not.toContain('events.json');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('set aside'), expect.anything());
    // The next save writes a fresh file, the corrupt one stays for a bug report.
    await repo.save(events);
    expect(await repo.load()).toEqual(events);
  });

  it('a file with the wrong structure is set aside too; bad entries alone are skipped', async () => {
    const file = path.join(dir, 'events.json');
    writeFileSync(file, '[1,2,3]');
    expect(await createFileEventLogRepository(file, silentLogger).load()).toEqual([]);
    writeFileSync(file, JSON.stringify({ version: 1, events: [events[0], { id: 5 }, events[1]] }));
    expect(await createFileEventLogRepository(file, silentLogger).load()).toEqual(events);
    expect(JSON.parse(readFileSync(file, 'utf8')).events).toHaveLength(3);
  });
});

describe('log persister', () => {
  it('debounces a burst into one save and flushes on demand', async () => {
    const time = new FakeTime();
    const save = vi.fn(async () => undefined);
    const p = createLogPersister({
      repo: { load: async () => [], save },
      timers: time,
      logger: silentLogger,
      delayMs: 1_000,
    });
    p.schedule(events1());
    p.schedule(events2());
    expect(save).not.toHaveBeenCalled();
    time.advance(1_000);
    await p.flush();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(events2());
    p.schedule(events1());
    await p.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(time.pendingCount).toBe(0);
  });

  it('a failing save is logged, not thrown', async () => {
    const time = new FakeTime();
    const error = vi.fn();
    const p = createLogPersister({
      repo: { load: async () => [], save: async () => Promise.reject(new Error('disk full')) },
      timers: time,
      logger: { ...silentLogger, error },
    });
    p.schedule(events1());
    await p.flush();
    expect(error).toHaveBeenCalled();
  });
});

function events1(): HubEvent[] {
  return [{ id: '1', at: 1, hostId: 'h', kind: 'added' }];
}
function events2(): HubEvent[] {
  return [...events1(), { id: '2', at: 2, hostId: 'h', kind: 'removed' }];
}

describe('appendEvents ids', () => {
  it('each built entry is the queued one plus its id, and an id an entry already carried is replaced', () => {
    const state = createEventLogState([], 10);
    const plain: NewHubEvent = {
      at: 1,
      hostId: 'h',
      kind: 'state-changed',
      vmId: 'a',
      vmName: 'a',
      from: 'running',
      to: 'stopped',
    };
    const carrying = { at: 2, hostId: 'h', kind: 'removed', id: 'stale' } as NewHubEvent;
    const { added } = appendEvents(state, [plain, carrying]);
    expect(added).toStrictEqual([
      { ...plain, id: '1' },
      { at: 2, hostId: 'h', kind: 'removed', id: '2' },
    ]);
  });
});
