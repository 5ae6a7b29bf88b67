// Farm hosts lost together are told together (fake time): one notification for one Mac, one naming the count for
// several within the window, nothing for a Mac back inside it, and a pause silences them like any notification.
import { describe, expect, it } from 'vitest';
import { fakeTimeRunner } from '../../support/notify-runner';

const setup = () => fakeTimeRunner({ farmUnreachableWindowMs: 5_000 });

const mac = (n: number) => ({ farmHostId: `id-${n}`, name: `mac-0${n}` });

describe('farm hosts unreachable', () => {
  it('one Mac: one notification after the window, naming it; never one per VM', () => {
    const { time, shown, runner } = setup();
    runner.farmHostUnreachable('orch', 'farm-1', mac(7));
    time.advance(4_999);
    expect(shown).toEqual([]);
    time.advance(1);
    expect(shown.map((s) => [s.title, s.farmHostId])).toEqual([['mac-07 is unreachable · farm-1', 'id-7']]);
  });

  it('several Macs within the window: one notification naming the count; one back inside it is left out', () => {
    const { time, shown, runner } = setup();
    runner.farmHostUnreachable('orch', 'farm-1', mac(1));
    time.advance(1_000);
    runner.farmHostUnreachable('orch', 'farm-1', mac(2));
    runner.farmHostUnreachable('orch', 'farm-1', mac(3));
    runner.farmHostUnreachable('orch', 'farm-1', mac(4));
    runner.farmHostReachable('orch', 'id-4');
    time.advance(5_000);
    expect(shown.map((s) => s.title)).toEqual(['3 farm hosts unreachable · farm-1']);
    expect(shown[0]?.body).toContain('mac-01, mac-02, mac-03');
  });

  it('a Mac back before it was told: nothing at all; paused: nothing either', () => {
    const { time, shown, runner } = setup();
    runner.farmHostUnreachable('orch', 'farm-1', mac(1));
    runner.farmHostReachable('orch', 'id-1');
    time.advance(10_000);
    expect(shown).toEqual([]);
    runner.input({ type: 'set-paused', until: time.now() + 60_000 });
    runner.farmHostUnreachable('orch', 'farm-1', mac(2));
    time.advance(10_000);
    expect(shown).toEqual([]);
  });
});
