// The popover page and main's pull rules (issue 15): the whole snapshot the page pulls (at once, or as first
// screen + slices) is the base main's next push builds on (main/ipc/push-deltas.ts adopt; handlers.ts answers
// with its generation), so the page applies that delta without asking for the farm again. A delta that arrives
// while the slices are still coming is held and applied once they are in; a pull reply whose generation is
// malformed is only shown, never a base. (Main's real handlers and pusher against the page's model:
// test/unit/ipc/push-adopt.test.ts; this project is type-checked as renderer code, so main is mirrored here.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PopoverApi } from '../../../src/shared/ipc';
import type { Snapshot } from '../../../src/shared/model';
import { firstScreenOf } from '../../../src/shared/first-screen';
import { createSnapshotPins } from '../../../src/shared/snapshot-slices';
import type { StatePush } from '../../../src/shared/state-push';
import { PopoverStore } from '../../../src/renderer/src/popover/popover-store.svelte';
import { fakePopoverApi, ok } from './fake-popover-api';
import { farmVm as vm, oneHostFarm } from './one-host-farm';

const farm = (vms: number): Snapshot => oneHostFarm(1, vms);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/**
 * Main as handlers.ts + push-deltas.ts answer the page: a pull is adopted as the next generation unless a push
 * already went out since the last resync; `stop(i)` stops VM i and returns the delta main would push for it.
 */
function mainWith(vms: number, override: Partial<PopoverApi> = {}) {
  let now = farm(vms);
  let generation = 0;
  let pushed = false;
  const pins = createSnapshotPins(100);
  const resyncs = vi.fn(() => void (pushed = false));
  const adopt = (): number | null => (pushed ? null : (generation += 1));
  const api = fakePopoverApi({
    getSnapshot: (request) => {
      const whole = now;
      const g = adopt();
      const first = request === undefined ? whole : firstScreenOf(whole);
      if (first.firstScreen === undefined) return ok(g === null ? whole : { ...whole, pushGeneration: g });
      const rest = pins.pin(whole);
      return ok({
        ...first,
        firstScreen: { ...first.firstScreen, rest: g === null ? rest : { ...rest, pushGeneration: g } },
      });
    },
    getSnapshotSlice: (request) => {
      try {
        return ok(pins.slice(request.id, request.index));
      } catch (error) {
        return Promise.resolve({ ok: false, error: (error as Error).message });
      }
    },
    requestFullState: () => (resyncs(), ok(undefined)),
    ...override,
  });
  const stop = (i: number): StatePush => {
    const stopped = vm(i, 'stopped');
    now = { ...now, vms: now.vms.map((v) => (v.id === stopped.id ? stopped : v)) };
    pushed = true;
    generation += 1;
    return { generation, delta: { base: generation - 1, upserts: [stopped], generatedAt: 1 } };
  };
  const full = (): StatePush => ((pushed = true), { generation: (generation += 1), full: now });
  return { api, resyncs, stop, full, current: () => now };
}

/** Animation frames run by hand (the follow-up waits for frames), then every task they queued. */
function frames(): () => Promise<void> {
  const queued: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queued.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  return async () => {
    for (let i = 0; i < 8; i++) {
      queued.splice(0).forEach((cb) => cb(0));
      await vi.runAllTimersAsync();
    }
  };
}

describe('PopoverStore: a pulled snapshot is the base of the next push', () => {
  it('first screen + slices, then the first push (a delta) applies without a resync', async () => {
    vi.useFakeTimers();
    const settle = frames();
    const main = mainWith(450); // 5 slices of 100
    const store = new PopoverStore(main.api);
    await store.pull();
    expect(store.snapshot?.firstScreen?.rest).toEqual({ id: 1, slices: 5, total: 450, pushGeneration: 1 });
    await settle();
    expect(store.snapshot?.firstScreen).toBeUndefined();
    const push = main.stop(301);
    expect(push).toMatchObject({ generation: 2, delta: { base: 1 } });
    store.push(structuredClone(push));
    await settle();
    expect(main.resyncs).not.toHaveBeenCalled();
    expect(store.snapshot).toEqual(main.current());
  });

  it('a whole pull (a small farm: nothing left out) is the base too, and its wire field is not kept', async () => {
    vi.useFakeTimers();
    const settle = frames();
    const main = mainWith(30);
    const store = new PopoverStore(main.api);
    await store.pull();
    expect(store.snapshot).not.toHaveProperty('pushGeneration');
    store.push(structuredClone(main.stop(7)));
    await settle();
    expect(main.resyncs).not.toHaveBeenCalled();
    expect(store.snapshot).toEqual(main.current());
  });

  it('deltas that arrive between the first screen and the last slice (shown meanwhile) are held, then applied', async () => {
    vi.useFakeTimers();
    const settle = frames();
    const main = mainWith(450);
    const store = new PopoverStore(main.api);
    await store.pull();
    const cutFrom = main.current();
    store.push(structuredClone(main.stop(301)));
    store.push(structuredClone(main.stop(402)));
    expect(store.snapshot?.firstScreen).toBeDefined();
    await settle();
    expect(main.resyncs).not.toHaveBeenCalled();
    expect(store.snapshot).toEqual(main.current());
    expect(store.snapshot).not.toEqual(cutFrom);
  });

  it('slices that fail after a delta was held: the page asks for a full push once, and ends on it', async () => {
    vi.useFakeTimers();
    const settle = frames();
    const main = mainWith(450, {
      getSnapshotSlice: () => Promise.resolve({ ok: false, error: 'renderer busy' }),
    });
    const store = new PopoverStore(main.api);
    await store.pull();
    store.push(structuredClone(main.stop(301)));
    await settle();
    expect(main.resyncs).toHaveBeenCalledTimes(1);
    store.push(structuredClone(main.full()));
    store.push(structuredClone(main.stop(402)));
    await settle();
    expect(main.resyncs).toHaveBeenCalledTimes(1);
    expect(store.snapshot).toEqual(main.current());
  });

  it.each([['7'], [0], [-1], [1.5], [null], [{}]])(
    'a pulled generation of %j is no base: the first delta is a gap and the page asks for a full push',
    async (bad) => {
      vi.useFakeTimers();
      const settle = frames();
      const main = mainWith(30);
      const store = new PopoverStore({
        ...main.api,
        getSnapshot: async (r) => {
          const result = await main.api.getSnapshot(r);
          return result.ok ? { ok: true, value: { ...result.value, pushGeneration: bad as never } } : result;
        },
      });
      await store.pull();
      expect(store.snapshot?.vms).toHaveLength(30);
      store.push(structuredClone(main.stop(3)));
      await settle();
      expect(main.resyncs).toHaveBeenCalledTimes(1);
    },
  );
});
