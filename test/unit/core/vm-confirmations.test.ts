// Per-VM confirmations with GET /machines/{id} (vm-confirmations.ts): which VMs are asked, how many at once, when
// an answer is applied, asked again or dropped, and the "did it settle?" deadline of transitional VMs.
// REST answers are promises the test settles by hand; the store is a Map; timers are fake.
import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../src/shared/model';
import type { ParsedVm } from '../../../src/main/core/hub-ports';
import type { StoreAction } from '../../../src/main/core/store';
import { VmConfirmations } from '../../../src/main/core/vm-confirmations';
import { createCapturingLogger } from '../../support/capture';
import { FakeTime } from '../../support/fake-time';

const HOST = 'host-1';
const WINDOW = 5_000;

interface Ask {
  id: string;
  answer(vm: ParsedVm | null): void;
  fail(err: unknown): void;
}

/** Lets settled REST promises run their callbacks (an event, not a sleep). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const time = new FakeTime();
  const vms = new Map<string, Vm>();
  const applied: StoreAction[] = [];
  const asks: Ask[] = [];
  const unauthorized: string[] = [];
  const logger = createCapturingLogger();
  const flags = { alive: true, accepting: true };
  const c = new VmConfirmations({
    hostId: HOST,
    rest: {
      getMachine: (id: string) =>
        new Promise<ParsedVm | null>((resolve, reject) => {
          asks.push({ id, answer: resolve, fail: reject });
        }),
    },
    timers: { setTimeout: (run, ms) => time.setTimeout(run, ms), clearTimeout: (h) => time.clearTimeout(h) },
    now: () => time.now(),
    logger,
    confirmTransitionalAfterMs: WINDOW,
    getVm: (id) => vms.get(id),
    apply: (a) => {
      applied.push(a);
    },
    accepting: () => flags.accepting,
    alive: () => flags.alive,
    onUnauthorized: (m) => {
      unauthorized.push(m);
    },
  });
  const hold = (id: string, state: string): void => {
    vms.set(id, { hostId: HOST, id, name: id, state } as Vm);
  };
  const asked = (): string[] => asks.map((a) => a.id);
  return { time, vms, applied, asks, asked, unauthorized, logger, flags, c, hold };
}

const vm = (id: string, state: string): ParsedVm => ({ id, name: id, state, os: 'macosx' }) as ParsedVm;

describe('VmConfirmations', () => {
  it('asks once per VM while its question is in flight or queued, and not at all once stopped', async () => {
    const s = setup();
    s.hold('a', 'running');
    s.c.confirm('a');
    s.c.confirm('A'); // the same VM, another spelling
    expect(s.asked()).toEqual(['a']);
    for (let i = 0; i < 4; i++) s.c.confirm(`u${i}`); // unknown: 4 at once
    s.c.confirm('u4'); // queued
    s.c.confirm('u4');
    expect(s.asked()).toEqual(['a', 'u0', 'u1', 'u2', 'u3']);
    expect(s.c.inFlightCount).toBe(6);
    s.asks[1]?.answer(null);
    await flush();
    expect(s.asked()).toEqual(['a', 'u0', 'u1', 'u2', 'u3', 'u4']); // one slot freed, the queued one starts once
    s.flags.alive = false;
    s.c.confirm('b');
    expect(s.asked()).toHaveLength(6);
  });

  it('held VMs have 8 slots and unknown ids 4, separately; queued ones start in order as slots free', async () => {
    const s = setup();
    for (let i = 0; i < 9; i++) s.hold(`k${i}`, 'running');
    for (let i = 0; i < 9; i++) s.c.confirm(`k${i}`);
    for (let i = 0; i < 5; i++) s.c.confirm(`u${i}`);
    expect(s.asked()).toEqual([...Array.from({ length: 8 }, (_, i) => `k${i}`), 'u0', 'u1', 'u2', 'u3']);
    expect(s.c.inFlightCount).toBe(14);
    s.asks[0]?.answer(vm('k0', 'running'));
    s.asks[8]?.answer(null);
    await flush();
    expect(s.asked().slice(12)).toEqual(['k8', 'u4']);
    expect(s.c.inFlightCount).toBe(12);
  });

  it('at most 1,000 unknown ids wait; held VMs are never refused', () => {
    const s = setup();
    for (let i = 0; i < 4 + 1_000 + 5; i++) s.c.confirm(`u${i}`);
    expect(s.c.inFlightCount).toBe(4 + 1_000);
    for (let i = 0; i < 8 + 1_005; i++) s.hold(`k${i}`, 'running');
    for (let i = 0; i < 8 + 1_005; i++) s.c.confirm(`k${i}`);
    expect(s.c.inFlightCount).toBe(4 + 1_000 + 8 + 1_005);
  });

  it('a queue is dropped, not started, once the sync is stopped; clear() drops it too', async () => {
    const s = setup();
    for (let i = 0; i < 6; i++) s.c.confirm(`u${i}`);
    s.flags.alive = false;
    s.asks[0]?.answer(null);
    await flush();
    expect(s.asked()).toHaveLength(4);
    expect(s.c.inFlightCount).toBe(3); // the three still running; the queue is gone
    const t = setup();
    for (let i = 0; i < 6; i++) t.c.confirm(`u${i}`);
    t.c.clear();
    t.asks[0]?.answer(null);
    await flush();
    expect(t.asked()).toHaveLength(4);
  });

  it('applies an answer: the VM, or its removal; a stopped socket drops it', async () => {
    const s = setup();
    s.hold('a', 'running');
    s.hold('b', 'running');
    s.hold('c', 'running');
    s.c.confirm('a');
    s.c.confirm('b');
    s.c.confirm('c');
    s.asks[0]?.answer(vm('a', 'stopped'));
    s.asks[1]?.answer(null);
    await flush();
    expect(s.applied).toEqual([
      { type: 'vm-upsert', hostId: HOST, vm: vm('a', 'stopped'), at: s.time.now(), offline: false },
      { type: 'vm-removed', hostId: HOST, vmId: 'b' },
    ]);
    s.flags.accepting = false;
    s.asks[2]?.answer(vm('c', 'stopped'));
    await flush();
    expect(s.applied).toHaveLength(2);
  });

  it('an answer overtaken by a live event is asked again, at most three times, then applied', async () => {
    const s = setup();
    s.hold('a', 'running');
    s.c.confirm('a');
    s.c.noteEvent('other'); // an event about a VM not being asked about marks nothing...
    s.c.confirm('other'); // ...so it can still be asked
    expect(s.asked()).toEqual(['a', 'other']);
    s.asks.splice(1, 1);
    for (let i = 0; i < 4; i++) {
      s.c.noteEvent('a'); // an event arrived while the GET was out
      s.asks[i]?.answer(vm('a', 'stopped'));
      await flush();
    }
    expect(s.asked()).toEqual(['a', 'a', 'a', 'a']);
    expect(s.applied).toHaveLength(1);
    expect(s.c.inFlightCount).toBe(1); // 'other', never answered here
  });

  it('a 401 on a confirmation stops the host; another error is logged; after a stop nothing', async () => {
    const s = setup();
    for (const id of ['a', 'b', 'c']) s.c.confirm(id);
    s.asks[0]?.fail(Object.assign(new Error('token expired'), { kind: 'unauthorized' }));
    s.asks[1]?.fail(new Error('socket hang up'));
    await flush();
    expect(s.unauthorized).toEqual(['token expired']);
    expect(s.logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'VM confirmation failed',
        fields: { hostId: HOST, error: 'socket hang up' },
      }),
    ]);
    s.flags.alive = false;
    s.asks[2]?.fail(Object.assign(new Error('late'), { kind: 'unauthorized' }));
    await flush();
    expect(s.unauthorized).toEqual(['token expired']);
    expect(s.logger.lines).toHaveLength(1);
  });

  it('a transitional VM is asked after its window, unless it settled or went away meanwhile', () => {
    const s = setup();
    for (const id of ['stuck', 'settles', 'goes']) {
      s.hold(id, 'stopping');
      s.c.watch(id, s.time.now());
    }
    s.hold('settles', 'stopped'); // the store moved on without a watch (e.g. a list)
    s.vms.delete('goes');
    s.time.advance(WINDOW);
    expect(s.asked()).toEqual(['stuck']);
  });

  it('a VM that never settles costs at most 7 GETs (the first window and 6 re-arms)', async () => {
    const s = setup();
    s.hold('r', 'resetting');
    s.c.watch('r', s.time.now());
    for (let i = 0; i < 12; i++) {
      s.time.advance(WINDOW);
      s.asks[s.asks.length - 1]?.answer(vm('r', 'resetting'));
      await flush();
    }
    expect(s.asked()).toHaveLength(7);
  });

  it('a VM that settles and starts again within a window gets a fresh budget each time', () => {
    const s = setup();
    // 7 rounds: were they counted as re-arms, the next transition would be the 8th and over the budget of 6.
    for (let i = 0; i < 7; i++) {
      s.hold('a', 'starting');
      s.c.watch('a', s.time.now());
      s.hold('a', 'running');
      s.c.watch('a', s.time.now()); // settled: forgotten
      s.time.advance(100);
    }
    s.hold('a', 'starting');
    s.c.watch('a', s.time.now());
    s.time.advance(WINDOW);
    expect(s.asked()).toEqual(['a']);
  });

  it('an unknown id waiting in the queue is not asked a second time once it becomes a held VM', async () => {
    const s = setup();
    for (let i = 0; i < 5; i++) s.c.confirm(`u${i}`); // u4 waits for a lookup slot
    s.hold('u4', 'running'); // its VM_ADDED arrived meanwhile
    s.c.confirm('u4');
    expect(s.asked()).toEqual(['u0', 'u1', 'u2', 'u3']);
    s.asks[0]?.answer(null);
    await flush();
    expect(s.asked()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
  });

  it('a freed slot starts exactly one queued question', async () => {
    const s = setup();
    for (let i = 0; i < 7; i++) s.c.confirm(`u${i}`); // 4 asked, 3 queued
    s.asks[0]?.answer(null);
    await flush();
    expect(s.asked()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
  });

  it('a VM found settled at its deadline, again and again, keeps its full budget for a real stall', () => {
    const s = setup();
    // 7 rounds: were they counted as re-arms, the next transition would be the 8th and over the budget of 6.
    for (let i = 0; i < 7; i++) {
      s.hold('a', 'stopping');
      s.c.watch('a', s.time.now());
      s.hold('a', 'stopped'); // settled, seen by a list rather than an event (no watch)
      s.time.advance(WINDOW);
    }
    expect(s.asked()).toEqual([]);
    s.hold('a', 'stopping');
    s.c.watch('a', s.time.now());
    s.time.advance(WINDOW);
    expect(s.asked()).toEqual(['a']);
  });
});
