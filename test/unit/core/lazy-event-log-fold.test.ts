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
});
