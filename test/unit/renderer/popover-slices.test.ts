// After its first screen the popover pulls the rest of the farm in slices ('vm:snapshot-slice',
// shared/snapshot-slices.ts; main keeps the snapshot the first screen was cut from, shared/snapshot-slices.ts createSnapshotPins),
// one slice per frame, and renders the whole list once the last one is in. These pin the contract the page relies
// on: it ends exactly where a page given the whole snapshot would, a whole push that lands between slices wins and
// ends the pulls, a failed or wrong slice falls back to one whole pull, and the keyboard cursor and open panel
// survive the swap.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PopoverApi, SnapshotRequest } from '../../../src/shared/ipc';
import type { SnapshotSliceRequest } from '../../../src/shared/snapshot-slices';
import type { Snapshot } from '../../../src/shared/model';
import { firstScreenOf } from '../../../src/shared/first-screen';
import { createSnapshotPins } from '../../../src/shared/snapshot-slices';
import { PopoverStore } from '../../../src/renderer/src/popover/popover-store.svelte';
import { headerCounts } from '../../../src/renderer/src/lib/status';
import { vmItemKey } from '../../../src/renderer/src/lib/vm-list';
import { fakePopoverApi, ok } from './fake-popover-api';
import { frames, oneHostFarm, pageOf as page } from './one-host-farm';

const SLICE = 100;

const farm = (generatedAt: number, vms = 450): Snapshot => oneHostFarm(generatedAt, vms);

/** Main's two handlers, as src/main/ipc/handlers.ts answers them (slices of SLICE VMs), with a request log. */
function mainLike(current: () => Snapshot, overrides: Partial<PopoverApi> = {}) {
  const pins = createSnapshotPins(SLICE);
  const requests: (SnapshotRequest | SnapshotSliceRequest | 'whole')[] = [];
  const api = fakePopoverApi({
    getSnapshot: (request) => {
      requests.push(request ?? 'whole');
      const whole = current();
      if (request === undefined) return ok(whole);
      const first = firstScreenOf(whole);
      return ok(
        first.firstScreen === undefined
          ? first
          : { ...first, firstScreen: { ...first.firstScreen, rest: pins.pin(whole) } },
      );
    },
    getSnapshotSlice: (request) => {
      requests.push(request);
      try {
        return ok(pins.slice(request.id, request.index));
      } catch (error) {
        return Promise.resolve({ ok: false, error: (error as Error).message });
      }
    },
    ...overrides,
  });
  return { api, requests };
}

/** One frame, then every task it queued. */
async function frame(runFrame: () => void): Promise<void> {
  runFrame();
  await vi.runAllTimersAsync();
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('PopoverStore: the rest of the farm in slices after the first screen', () => {
  it('pulls one slice per frame and ends equal to the page given the whole snapshot', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const whole = farm(1);
    const { api, requests } = mainLike(() => whole);
    const store = new PopoverStore(api);
    await store.pull();
    const first = store.snapshot;
    expect(first?.firstScreen?.rest).toEqual({ id: 1, slices: 5, total: 450 });
    await frame(runFrame); // the frame that shows the first screen
    expect(requests).toHaveLength(1);
    await frame(runFrame); // presented: the first slice follows in a task of its own
    expect(requests.slice(1)).toEqual([{ id: 1, index: 0 }]);
    // Between slices the page keeps the first screen (counts of the whole farm), and every later slice waits
    // for a frame.
    for (let index = 1; index < 5; index++) {
      expect(store.snapshot).toBe(first);
      expect(page(store.snapshot)).toMatchObject({ counts: headerCounts(whole.hosts, whole.vms) });
      await frame(runFrame);
      expect(requests.at(-1)).toEqual({ id: 1, index });
    }
    expect(store.snapshot?.firstScreen).toBeUndefined();
    expect(store.snapshot).toEqual(whole);
    expect(page(store.snapshot)).toEqual(page(whole));
    expect(requests).toHaveLength(6); // first screen + 5 slices, no whole pull
  });

  it('a farm that changes between slices still lands as the snapshot the first screen was cut from', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    let now = farm(1);
    const cutFrom = now;
    const { api } = mainLike(() => now);
    const store = new PopoverStore(api);
    await store.pull();
    now = { ...farm(2, 300), vms: farm(2, 300).vms.map((v) => ({ ...v, state: 'stopped' })) };
    for (let i = 0; i < 8; i++) await frame(runFrame);
    expect(store.snapshot).toEqual(cutFrom);
  });

  it('a whole push between two slices wins: no further slice is pulled and the older whole is not applied', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const { api, requests } = mainLike(() => farm(1));
    const store = new PopoverStore(api);
    await store.pull();
    await frame(runFrame);
    await frame(runFrame); // slice 0
    store.push({ generation: 1, full: farm(5, 460) });
    for (let i = 0; i < 8; i++) await frame(runFrame);
    expect(requests.slice(1)).toEqual([{ id: 1, index: 0 }]);
    expect(store.snapshot?.generatedAt).toBe(5);
    expect(store.snapshot?.vms).toHaveLength(460);
    // Then deltas build on that push, as the numbered-push rules want.
    const moved = { ...farm(6, 460).vms[3]!, state: 'stopped' };
    store.push({ generation: 2, delta: { base: 1, upserts: [moved], generatedAt: 6 } });
    await frame(runFrame);
    expect(store.snapshot?.vms[3]?.state).toBe('stopped');
  });

  it('a delta between slices (nothing to build on yet) asks for a full push once; the slices still complete', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const requestFullState = vi.fn(() => ok(undefined));
    const whole = farm(1);
    const { api } = mainLike(() => whole, { requestFullState });
    const store = new PopoverStore(api);
    await store.pull();
    await frame(runFrame);
    await frame(runFrame);
    store.push({ generation: 4, delta: { base: 3, generatedAt: 2 } });
    store.push({ generation: 5, delta: { base: 4, generatedAt: 3 } });
    expect(requestFullState).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 8; i++) await frame(runFrame);
    expect(store.snapshot).toEqual(whole);
    // The full push main sends on that request replaces it, being newer.
    store.push({ generation: 6, full: farm(7, 451) });
    await frame(runFrame);
    expect(store.snapshot?.vms).toHaveLength(451);
  });

  it('a failed slice falls back to one whole pull', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const whole = farm(1);
    const base = mainLike(() => whole);
    let calls = 0;
    const { api, requests } = mainLike(() => whole, {
      getSnapshotSlice: (request) => {
        calls += 1;
        requests.push(request);
        if (calls === 3) return Promise.resolve({ ok: false, error: 'renderer busy' });
        return base.api.getSnapshotSlice(request);
      },
    });
    // The first screen must come from the same main as the slices: route it through `base`.
    const store = new PopoverStore({ ...api, getSnapshot: (r) => base.api.getSnapshot(r) });
    await store.pull();
    for (let i = 0; i < 8; i++) await frame(runFrame);
    expect(requests.filter((r) => r === 'whole' || 'index' in r)).toEqual([
      { id: 1, index: 0 },
      { id: 1, index: 1 },
      { id: 1, index: 2 },
    ]);
    expect(base.requests.at(-1)).toBe('whole');
    expect(store.snapshot).toEqual(whole);
    expect(store.loadError).toBeNull();
  });

  it('a slice that is not the one asked for (or does not add up) is never kept: one whole pull instead', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const whole = farm(1);
    const wrongs: ((r: SnapshotSliceRequest) => unknown)[] = [
      (r) => ({ ...r, id: 99, vms: [] }),
      (r) => ({ ...r, index: r.index + 1, vms: [] }),
      (r) => ({ ...r, vms: 'nope' }),
      (r) => ({ ...r, vms: [] }), // the right slices, empty: the total does not add up
    ];
    for (const [n, wrong] of wrongs.entries()) {
      let wholePulls = 0;
      const { api } = mainLike(() => whole, {
        getSnapshotSlice: (r) => ok(wrong(r) as never),
      });
      const store = new PopoverStore({
        ...api,
        getSnapshot: (r) => {
          if (r === undefined) wholePulls += 1;
          return api.getSnapshot(r);
        },
      });
      await store.pull();
      for (let i = 0; i < 8; i++) await frame(runFrame);
      expect(wholePulls, `wrong slice #${n}`).toBe(1);
      expect(store.snapshot, `wrong slice #${n}`).toEqual(whole);
    }
  });

  it('the keyboard cursor and an open action panel on a first-screen row survive the whole list landing', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const whole = farm(1);
    const { api } = mainLike(() => whole);
    const store = new PopoverStore(api);
    await store.pull();
    const stopped = store.snapshot!.vms.find((v) => v.state === 'stopped')!;
    const key = vmItemKey(stopped.hostId, stopped.id);
    store.openActions(key);
    store.query = 'ci-mac';
    for (let i = 0; i < 8; i++) await frame(runFrame);
    expect(store.snapshot?.firstScreen).toBeUndefined();
    expect(store.activeKey).toBe(key);
    expect(store.openKey).toBe(key);
    expect(store.query).toBe('ci-mac');
    expect(store.snapshot?.vms).toContainEqual(stopped);
  });
});
