// The page's model seeded from a pulled whole snapshot (issue 15): main remembers that pull as push generation G
// (push-deltas.ts adopt), so deltas that build on G apply to it. A delta with nothing to build on is still a gap
// (the page asks for a full push); deltas that build on a base still arriving in slices are held, in order,
// bounded, and applied with it; pushes older than what the model holds are ignored.
import { describe, expect, it } from 'vitest';
import type { Snapshot, Vm } from '../../../src/shared/model';
import { SnapshotModel } from '../../../src/shared/snapshot-model';
import { readPushGeneration, type StatePush } from '../../../src/shared/state-push';
import { emptySnapshot, testVm } from '../../support/snapshots';

const vm = (id: string, state: Vm['state'] = 'running'): Vm =>
  testVm(id, state, { hostId: 'h1', name: `ci-${id}` });

const whole = (generatedAt = 1): Snapshot => ({
  ...emptySnapshot({ generatedAt }),
  hosts: [{ id: 'h1', name: 'Farm', url: 'https://farm', status: { tag: 'live', since: 0 } }],
  vms: [vm('a'), vm('b'), vm('c')],
});

const stopped = (generation: number, base: number, id: string): StatePush => ({
  generation,
  delta: { base, upserts: [vm(id, 'stopped')], generatedAt: generation },
});

const states = (m: SnapshotModel): string[] => m.current?.vms.map((v) => `${v.id}:${v.state}`) ?? [];

describe('SnapshotModel seeded from a pull', () => {
  it('a seeded model applies the deltas that build on the pulled generation', () => {
    const m = new SnapshotModel();
    expect(m.seed(whole(), 7)).toBe('applied');
    expect(m.generation).toBe(7);
    expect(m.apply(stopped(8, 7, 'b'))).toBe('applied');
    expect(states(m)).toEqual(['a:running', 'b:stopped', 'c:running']);
  });

  it('a delta before any base is a gap, as before (the page asks for a full push)', () => {
    const m = new SnapshotModel();
    expect(m.apply(stopped(2, 1, 'a'))).toBe('gap');
    expect(m.current).toBeNull();
  });

  it('deltas on a base still being assembled are held, then applied in order with it', () => {
    const m = new SnapshotModel();
    m.expectBase(4);
    expect(m.apply(stopped(5, 4, 'a'))).toBe('held');
    expect(m.apply(stopped(6, 5, 'c'))).toBe('held');
    expect(m.current).toBeNull();
    expect(m.seed(whole(), 4)).toBe('applied');
    expect(m.generation).toBe(6);
    expect(states(m)).toEqual(['a:stopped', 'b:running', 'c:stopped']);
  });

  it('a held chain that breaks, or builds on another base, is a gap and drops what was held', () => {
    const broken = new SnapshotModel();
    broken.expectBase(4);
    expect(broken.apply(stopped(5, 4, 'a'))).toBe('held');
    expect(broken.apply(stopped(7, 6, 'b'))).toBe('gap'); // push 6 was lost
    expect(broken.seed(whole(), 4)).toBe('applied'); // the base alone; the full push asked for follows
    expect(states(broken)).toEqual(['a:running', 'b:running', 'c:running']);
    const other = new SnapshotModel();
    other.expectBase(4);
    expect(other.apply(stopped(3, 2, 'a'))).toBe('gap');
  });

  it('holds at most 1,000 deltas (a stalled base): the next one is a gap', () => {
    const m = new SnapshotModel();
    m.expectBase(1);
    for (let g = 2; g <= 1_001; g++) expect(m.apply(stopped(g, g - 1, 'a'))).toBe('held');
    expect(m.apply(stopped(1_002, 1_001, 'a'))).toBe('gap');
    expect(m.abandonBase()).toBe(false); // nothing held any more
  });

  it('abandoning the base says whether deltas were lost with it', () => {
    const m = new SnapshotModel();
    m.expectBase(4);
    expect(m.abandonBase()).toBe(false);
    m.expectBase(4);
    m.apply(stopped(5, 4, 'a'));
    expect(m.abandonBase()).toBe(true);
    expect(m.seed(whole(), 4)).toBe('applied');
    expect(m.generation).toBe(4); // the dropped delta is not replayed
  });

  it('a full push while the base is assembled wins; the base arriving later is stale', () => {
    const m = new SnapshotModel();
    m.expectBase(4);
    m.apply(stopped(5, 4, 'a'));
    expect(m.apply({ generation: 6, full: whole(9) })).toBe('applied');
    expect(m.seed(whole(), 4)).toBe('stale');
    expect(m.generation).toBe(6);
    expect(m.current?.generatedAt).toBe(9);
    expect(m.abandonBase()).toBe(false);
  });

  it('a push not newer than what the model holds is stale and changes nothing', () => {
    const m = new SnapshotModel();
    m.seed(whole(), 7);
    expect(m.apply(stopped(7, 6, 'a'))).toBe('stale');
    expect(m.apply({ generation: 3, full: emptySnapshot() })).toBe('stale');
    expect(states(m)).toEqual(['a:running', 'b:running', 'c:running']);
  });

  it('expectBase is ignored by a model that already holds a state (it keeps building on its pushes)', () => {
    const m = new SnapshotModel();
    m.apply({ generation: 2, full: whole() });
    m.expectBase(9);
    expect(m.apply(stopped(3, 2, 'a'))).toBe('applied');
  });
});

describe('SnapshotModel seed: which pulled bases it takes', () => {
  it('a pulled base newer than the pushes the model holds replaces them; one not newer is stale', () => {
    const m = new SnapshotModel();
    m.apply({ generation: 3, full: emptySnapshot() });
    expect(m.seed(whole(), 3)).toBe('stale'); // the same generation: the model already holds it
    expect(m.current?.vms).toEqual([]);
    expect(m.seed(whole(), 5)).toBe('applied');
    expect(m.generation).toBe(5);
    expect(m.apply(stopped(6, 5, 'c'))).toBe('applied');
    expect(states(m)).toEqual(['a:running', 'b:running', 'c:stopped']);
  });

  it('held deltas are replayed only on the base they were held for, never on another pulled generation', () => {
    const m = new SnapshotModel();
    m.expectBase(4);
    expect(m.apply(stopped(5, 4, 'a'))).toBe('held');
    expect(m.seed(whole(), 3)).toBe('applied');
    expect(m.generation).toBe(3);
    expect(states(m)).toEqual(['a:running', 'b:running', 'c:running']);
    expect(m.abandonBase()).toBe(false); // what was held went with the awaited base
  });

  it('a new model, and a model just seeded, hold no deltas (abandoning then loses nothing)', () => {
    expect(new SnapshotModel().abandonBase()).toBe(false);
    const m = new SnapshotModel();
    m.expectBase(4);
    m.apply(stopped(5, 4, 'a'));
    expect(m.seed(whole(), 4)).toBe('applied');
    expect(m.abandonBase()).toBe(false);
  });
});

describe('readPushGeneration: the pulled snapshot generation is checked like a push number', () => {
  it.each([
    [1, 1],
    [4_000, 4_000],
    [0, null],
    [-3, null],
    [1.5, null],
    [Number.NaN, null],
    [Number.MAX_SAFE_INTEGER + 1, null],
    ['7', null],
    [null, null],
    [undefined, null],
    [{ valueOf: (): number => 3 }, null],
  ])('%s → %s', (value, expected) => {
    expect(readPushGeneration(value)).toBe(expected);
  });
});
