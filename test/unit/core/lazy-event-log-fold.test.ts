// Item 7: one event per stop. A move into a transitional state is logged (truthful while it lasts) and folded
// into the settled move that follows, in the same batch or a later one.
import { describe, expect, it } from 'vitest';
import { LazyEventLog } from '../../../src/main/core/lazy-event-log';
import type { NewHubEvent } from '../../../src/main/core/event-log';

const move = (vmId: string, from: string, to: string, at: number): NewHubEvent => ({
  at,
  hostId: 'h1',
  kind: 'state-changed',
  vmId,
  vmName: vmId,
  from,
  to,
});

describe('LazyEventLog folds a transitional step into the settled one', () => {
  it('running -> stopping -> stopped in one batch is one event running -> stopped', () => {
    const log = new LazyEventLog([], 500);
    log.add([move('a', 'running', 'stopping', 1), move('a', 'stopping', 'stopped', 2)]);
    expect(log.events().map((e) => [e.from, e.to, e.at])).toEqual([['running', 'stopped', 2]]);
  });

  it('across batches (already read) the entry keeps its id and becomes running -> stopped', () => {
    const log = new LazyEventLog([], 500);
    log.add([move('a', 'running', 'stopping', 1)]);
    const first = log.events();
    expect(first.map((e) => e.to)).toEqual(['stopping']);
    log.add([move('b', 'stopped', 'starting', 2), move('a', 'stopping', 'stopped', 3)]);
    const after = log.events();
    expect(after.map((e) => [e.vmId, e.from, e.to])).toEqual([
      ['a', 'running', 'stopped'],
      ['b', 'stopped', 'starting'],
    ]);
    expect(after[0]!.id).toBe(first[0]!.id);
  });

  it('only an unread queued entry is rewritten in place: a window already read keeps what it said', () => {
    const log = new LazyEventLog([], 500);
    const stepIn = move('a', 'running', 'stopping', 1);
    log.add([stepIn]);
    const read = log.events();
    log.add([move('a', 'stopping', 'stopped', 2)]);
    expect(read.map((e) => [e.from, e.to, e.at])).toEqual([['running', 'stopping', 1]]);
    expect(log.events().map((e) => [e.from, e.to, e.at])).toEqual([['running', 'stopped', 2]]);
    // Queued and unread, the log's own entry (add takes its entries over) is the one rewritten.
    const queued = move('b', 'running', 'stopping', 3);
    log.add([queued]);
    log.add([move('b', 'stopping', 'stopped', 4)]);
    expect([queued.to, queued.at]).toEqual(['stopped', 4]);
    expect(log.events().map((e) => [e.vmId, e.from, e.to])).toEqual([
      ['a', 'running', 'stopped'],
      ['b', 'running', 'stopped'],
    ]);
  });

  it('no fold for a round trip (stop aborted) or without the step into that transitional state', () => {
    const log = new LazyEventLog([], 500);
    log.add([move('a', 'running', 'stopping', 1), move('a', 'stopping', 'running', 2)]);
    log.add([move('a', 'suspending', 'suspended', 3)]);
    expect(log.events().map((e) => [e.from, e.to])).toEqual([
      ['running', 'stopping'],
      ['stopping', 'running'],
      ['suspending', 'suspended'],
    ]);
  });

  it('the same VM id on another host does not hide the entry to fold (queued and already read)', () => {
    const on = (hostId: string, e: NewHubEvent): NewHubEvent => ({ ...e, hostId });
    const log = new LazyEventLog([], 500);
    log.add([move('a', 'running', 'stopping', 1), on('h2', move('a', 'stopped', 'starting', 2))]);
    log.add([move('a', 'stopping', 'stopped', 3)]);
    expect(log.events().map((e) => [e.hostId, e.from, e.to])).toEqual([
      ['h1', 'running', 'stopped'],
      ['h2', 'stopped', 'starting'],
    ]);
    log.add([move('b', 'running', 'stopping', 4), on('h2', move('b', 'stopped', 'starting', 5))]);
    log.events(); // both now in the kept window
    log.add([move('b', 'stopping', 'stopped', 6)]);
    expect(
      log
        .events()
        .slice(2)
        .map((e) => [e.hostId, e.from, e.to]),
    ).toEqual([
      ['h1', 'running', 'stopped'],
      ['h2', 'stopped', 'starting'],
    ]);
  });

  it('looks back 64 entries at most: an older step into the transitional state stays as it was', () => {
    const log = new LazyEventLog([], 500);
    log.add([move('a', 'running', 'stopping', 1)]);
    log.add(Array.from({ length: 64 }, (_, i) => move(`x${i}`, 'running', 'suspended', 2)));
    log.add([move('a', 'stopping', 'stopped', 3)]);
    const forA = log.events().filter((e) => e.vmId === 'a');
    expect(forA.map((e) => [e.from, e.to])).toEqual([
      ['running', 'stopping'],
      ['stopping', 'stopped'],
    ]);
  });

  it('after the queue was trimmed (nobody read it for a long burst) a fold still finds its entry', () => {
    const log = new LazyEventLog([], 10);
    const fill = (n: number): NewHubEvent[] =>
      Array.from({ length: n }, (_, i) => move(`x${i}`, 'running', 'suspended', 1));
    // 220 queued entries (2 x (10 + 100)) trim the queue to its newest 10 VM entries, the step of 'a' among them.
    log.add([...fill(215), move('a', 'running', 'stopping', 2), ...fill(4)]);
    log.add([move('a', 'stopping', 'stopped', 3)]);
    expect(log.events().filter((e) => e.vmId === 'a')).toEqual([
      expect.objectContaining({ from: 'running', to: 'stopped', at: 3 }),
    ]);
  });

  it('over many trims (ids seen outgrow the index bound) a fold finds what the queue holds and only that', () => {
    const log = new LazyEventLog([], 10);
    let n = 0;
    const fill = (count: number): NewHubEvent[] =>
      Array.from({ length: count }, () => move(`y${n++}`, 'running', 'suspended', 1));
    log.add([move('gone', 'running', 'stopping', 1)]);
    // Seven trims of the queue (each at 220 entries, back to 10), with 1,500 distinct VM ids: the head that held
    // 'gone' is dropped, and the index of queued entries is rebuilt once it holds more than 4 x 10 ids.
    for (let i = 0; i < 7; i++) log.add(fill(210));
    log.add([move('kept', 'running', 'stopping', 2), ...fill(3)]);
    log.add([move('gone', 'stopping', 'stopped', 3), move('kept', 'stopping', 'stopped', 3)]);
    const events = log.events();
    expect(events.filter((e) => e.vmId === 'gone').map((e) => [e.from, e.to])).toEqual([
      ['stopping', 'stopped'],
    ]);
    expect(events.filter((e) => e.vmId === 'kept')).toEqual([
      expect.objectContaining({ from: 'running', to: 'stopped', at: 3 }),
    ]);
  });
});
