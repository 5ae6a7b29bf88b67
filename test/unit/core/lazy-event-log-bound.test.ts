// The lazy log's queue is bounded while nobody reads it (a long burst with the popover closed): it keeps what the
// windows would keep, so reading later gives the same log as appending every batch at once would have.
import { describe, expect, it } from 'vitest';
import { LazyEventLog } from '../../../src/main/core/lazy-event-log';
import { appendEvents, createEventLogState, type NewHubEvent } from '../../../src/main/core/event-log';

const stop = (i: number): NewHubEvent => ({
  at: i,
  hostId: 'h1',
  kind: 'state-changed',
  vmId: `vm-${i}`,
  vmName: `vm-${i}`,
  from: 'running',
  to: 'stopped',
});
const lost = (i: number): NewHubEvent => ({ at: i, hostId: `h${i}`, kind: 'connection-lost', message: 'x' });

/** What appending the same batches one by one, eagerly, keeps (the reference). */
function eager(batches: NewHubEvent[][], cap: number) {
  let state = createEventLogState([], cap);
  for (const b of batches) state = appendEvents(state, b).state;
  return state.events;
}

describe('LazyEventLog bound', () => {
  it.each([
    ['VM entries only', (i: number) => stop(i)],
    ['a connection entry now and then', (i: number) => (i % 97 === 0 ? lost(i) : stop(i))],
    ['connection entries only early', (i: number) => (i < 150 ? lost(i) : stop(i))],
  ])('%s: 5,000 unread entries give what eager appends give (ids included)', (_what, entry) => {
    const cap = 50;
    const batches = Array.from({ length: 100 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => entry(b * 50 + i)),
    );
    const log = new LazyEventLog([], cap);
    for (const b of batches) log.add(b);
    expect(log.events()).toEqual(eager(batches, cap));
  });
});
