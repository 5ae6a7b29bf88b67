// A snapshot the popover pulled is the base of the next push (issue 15): the pusher adopts it as a generation,
// exactly as if it had been pushed, so the first push after the popover is shown is what changed since the pull,
// not the whole farm again. Measured over the real core fed by the scriptable hub, like push-deltas.test.ts.
import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatePusher } from '../../../src/main/ipc/push-deltas';
import { SnapshotModel } from '../../../src/shared/snapshot-model';
import type { StatePush } from '../../../src/shared/state-push';
import { farm, stopFarm } from '../core/fake-farm';
import { expectPageHolds } from './page-holds';

afterEach(stopFarm);

/** What the pull handler does: the cursor and the snapshot in one synchronous step, then adopt. */
function pull(core: Awaited<ReturnType<typeof farm>>['core'], pusher: ReturnType<typeof createStatePusher>) {
  const cursor = core.view.vmCursor();
  const snapshot = core.snapshot();
  return { snapshot, generation: pusher.adopt(snapshot, cursor) };
}

function stop(hub: Awaited<ReturnType<typeof farm>>['hub'], host: string, vmId: string): void {
  hub.last(host).connection.msg({
    type: 'vm-state-changed',
    vmId,
    previousState: 'running',
    currentState: 'stopped',
  });
}

describe('state pushes after a pull', () => {
  it('the first push after an adopted pull is a delta of what changed since (one VM at 4,000: under 2 KB)', async () => {
    const { hub, core } = await farm(100, 40);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const pulled = pull(core, pusher);
    expect(pulled.generation).toBe(1);
    stop(hub, 'h7', 'h7-vm-3');
    const push = pusher.next();
    expect('delta' in push && push.delta.base).toBe(1);
    expect(push.generation).toBe(2);
    expect('delta' in push && push.delta.upserts?.map((v) => [v.id, v.state])).toEqual([
      ['h7-vm-3', 'stopped'],
    ]);
    expect(serialize(push).length).toBeLessThan(2_048);
  });

  it('nothing changed since the pull: the push carries nothing but its numbers', async () => {
    const { core } = await farm(3, 5);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    pull(core, pusher);
    const push = pusher.next();
    expect(push).toEqual({ generation: 2, delta: { base: 1, generatedAt: expect.any(Number) } });
  });

  it('a page seeded with the pulled snapshot and fed the pushes holds exactly the core snapshot', async () => {
    const { hub, core } = await farm(3, 5);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const page = new SnapshotModel();
    const pulled = pull(core, pusher);
    expect(page.seed(structuredClone(pulled.snapshot), pulled.generation!)).toBe('applied');
    stop(hub, 'h1', 'h1-vm-2');
    core.setVmMuted('h1', 'h1-vm-2', true);
    hub.last('h1').connection.msg({ type: 'vm-removed', vmId: 'h1-vm-4' });
    const deliver = (p: StatePush): void => expect(page.apply(structuredClone(p))).toBe('applied');
    deliver(pusher.next());
    // 'closed' alone changes no status; the retry it schedules makes the host 'reconnecting' (app-core.test.ts).
    hub.last('h2').connection.emit({ type: 'closed', reason: '1006', willRetry: true });
    hub.last('h2').connection.emit({ type: 'retry-scheduled', attempt: 1, nextAt: 5_000, lastError: '1006' });
    deliver(pusher.next());
    expectPageHolds(page.current, core);
    expect(page.current!.hosts.map((h) => h.status.tag)).toEqual(['live', 'live', 'reconnecting']);
  });

  it('a journal that no longer reaches back to the pull gives a full push', async () => {
    const { core } = await farm(2, 3);
    let overflowed = false;
    const view = {
      ...core.view,
      vmChangesSince: (c: number) => (overflowed ? null : core.view.vmChangesSince(c)),
    };
    const pusher = createStatePusher({ view, snapshot: () => core.snapshot() });
    const pulled = pull(core, pusher);
    overflowed = true;
    const push = pusher.next();
    expect('full' in push && push.full.vms).toHaveLength(6);
    expect(push.generation).toBe((pulled.generation ?? 0) + 1);
  });

  it('once a push went to the page, pulls are no base (it builds on the pushes); reset() makes them one again', async () => {
    const { hub, core } = await farm(1, 3);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const page = new SnapshotModel();
    expect(pull(core, pusher).generation).toBe(1);
    expect(page.apply(pusher.next())).toBe('gap'); // this page never got the pull: it asks for a full one
    expect(pull(core, pusher).generation).toBeNull();
    stop(hub, 'h0', 'h0-vm-1');
    const push = pusher.next();
    expect('delta' in push && push.delta.base).toBe(2); // still on the stream, not on the refused pull
    pusher.reset(); // a reload (did-start-loading) or 'state:resync'
    const again = pull(core, pusher);
    expect(again.generation).toBe(4);
    const next = pusher.next();
    expect('delta' in next && next.delta.base).toBe(4);
  });

  it('a second pull (a new first screen, a whole pull after a failed slice) replaces the first as the base', async () => {
    const { hub, core } = await farm(1, 3);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    const first = pull(core, pusher);
    stop(hub, 'h0', 'h0-vm-0');
    const second = pull(core, pusher);
    expect(second.generation).toBe((first.generation ?? 0) + 1);
    const stale = new SnapshotModel();
    expect(stale.seed(first.snapshot, first.generation!)).toBe('applied');
    const fresh = new SnapshotModel();
    expect(fresh.seed(second.snapshot, second.generation!)).toBe('applied');
    stop(hub, 'h0', 'h0-vm-1');
    const push = pusher.next();
    expect(stale.apply(push)).toBe('gap'); // built on the second: a page holding only the first resyncs
    expect(fresh.apply(push)).toBe('applied');
    expect(fresh.current?.vms.filter((v) => v.state === 'stopped')).toHaveLength(2);
  });
});
