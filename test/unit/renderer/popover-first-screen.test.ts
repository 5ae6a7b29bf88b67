// The popover's first pull is the first screen only (shared/first-screen.ts); the whole snapshot is pulled once
// that frame is on screen. The page must end exactly where a page given the whole snapshot would be, and a
// first-screen snapshot must never stand for the truth longer than that one follow-up.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PopoverApi, SnapshotRequest } from '../../../src/shared/ipc';
import { fakePopoverApi, ok } from './fake-popover-api';
import type { Snapshot } from '../../../src/shared/model';
import { firstScreenOf } from '../../../src/shared/first-screen';
import { PopoverStore } from '../../../src/renderer/src/popover/popover-store.svelte';
import { headerCounts } from '../../../src/renderer/src/lib/status';
import { frames, oneHostFarm, pageOf as page } from './one-host-farm';

const farm = (generatedAt: number, vms = 500): Snapshot => oneHostFarm(generatedAt, vms);

const api = (getSnapshot: PopoverApi['getSnapshot']): PopoverApi => fakePopoverApi({ getSnapshot });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('PopoverStore: the first screen, then the whole snapshot', () => {
  it('after the first-screen pull and its follow-up, the page equals the page given the whole snapshot', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const whole = farm(1);
    const requests: (SnapshotRequest | undefined)[] = [];
    const store = new PopoverStore(
      api((request) => {
        requests.push(request);
        return ok(request?.firstScreen === true ? firstScreenOf(whole) : whole);
      }),
    );
    await store.pull();
    expect(requests).toEqual([{ firstScreen: true }]);
    expect(store.snapshot?.firstScreen).toBeDefined();
    expect(store.snapshot!.vms.length).toBeLessThan(whole.vms.length);
    // The header already counts the whole farm.
    expect(headerCounts(whole.hosts, store.snapshot!.vms, store.snapshot!.firstScreen?.omitted)).toEqual(
      headerCounts(whole.hosts, whole.vms),
    );

    runFrame(); // the frame that shows the first screen
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1); // not before that frame has been presented
    runFrame();
    await vi.runAllTimersAsync();
    expect(requests).toEqual([{ firstScreen: true }, undefined]);
    expect(store.snapshot).toEqual(whole);
    expect(page(store.snapshot)).toEqual(page(whole));

    // Later pulls (the page shown again before any push) ask for everything at once.
    await store.pull();
    expect(requests.at(-1)).toBeUndefined();
  });

  it('a first-screen snapshot never replaces a whole one, even when newer', () => {
    const store = new PopoverStore(api(() => ok(farm(1))));
    store.apply(farm(1));
    store.apply(firstScreenOf(farm(2)));
    expect(store.snapshot?.firstScreen).toBeUndefined();
    expect(store.snapshot?.vms).toHaveLength(500);
  });

  it('a whole push that lands first ends the first screen and no second pull is made', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const getSnapshot = vi.fn((request?: SnapshotRequest) =>
      ok(request?.firstScreen === true ? firstScreenOf(farm(1)) : farm(1)),
    );
    const store = new PopoverStore(api(getSnapshot));
    await store.pull();
    store.push({ generation: 1, full: farm(2) });
    runFrame();
    runFrame();
    await vi.runAllTimersAsync();
    expect(getSnapshot).toHaveBeenCalledTimes(1);
    expect(store.snapshot?.firstScreen).toBeUndefined();
    expect(store.snapshot?.generatedAt).toBe(2);
  });

  it('a failed follow-up pull keeps the first screen only until the next whole push', async () => {
    vi.useFakeTimers();
    const runFrame = frames();
    const store = new PopoverStore(
      api((request) =>
        request?.firstScreen === true
          ? ok(firstScreenOf(farm(1)))
          : Promise.resolve({ ok: false, error: 'not ready' }),
      ),
    );
    await store.pull();
    runFrame();
    runFrame();
    await vi.runAllTimersAsync();
    expect(store.loadError).toBe('not ready');
    expect(store.snapshot?.firstScreen).toBeDefined();
    store.push({ generation: 1, full: farm(3) });
    runFrame();
    expect(store.snapshot?.firstScreen).toBeUndefined();
    expect(page(store.snapshot)).toEqual(page(farm(3)));
  });
});
