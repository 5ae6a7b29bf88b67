// The periodic re-list is jittered (issue 15 Scale): with one interval for every host, N hosts that went live
// together (a launch, a wake) re-listed together every 5 minutes. Each waits interval × (1 − 0.1 × random), never
// longer than the interval the user can rely on; the random source is injected, so the fake clock can check it.
import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../support/fake-time';
import { FakeRest, fakeTimeSync, settle, vm } from './fake-hub';

async function liveSync(time: FakeTime, random: () => number): Promise<FakeRest> {
  const rest = new FakeRest();
  const sync = fakeTimeSync(time, rest, { random });
  sync.connectionOpened();
  rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
  await settle();
  return rest;
}

describe('periodic reconcile', () => {
  it('hosts live at the same moment re-list at different moments, all within the interval', async () => {
    const time = new FakeTime();
    const hosts = await Promise.all([0, 0.5, 0.99].map((r) => liveSync(time, () => r)));
    const lists = (): number[] => hosts.map((rest) => rest.lists.length);
    time.advance(54_000);
    expect(lists()).toEqual([1, 1, 1]);
    time.advance(100); // 54.1 s: 60 × (1 − 0.099)
    expect(lists()).toEqual([1, 1, 2]);
    time.advance(2_900); // 57 s: 60 × (1 − 0.05)
    expect(lists()).toEqual([1, 2, 2]);
    time.advance(3_000); // 60 s: the interval itself, never later
    expect(lists()).toEqual([2, 2, 2]);
  });
});
