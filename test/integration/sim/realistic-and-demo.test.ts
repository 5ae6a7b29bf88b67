import { describe, expect, it } from 'vitest';
import type { TimerHandle, Timers } from '../../../src/main/kernel/clock';
import { runDemoScenario, startSimulator, type SimOptions, type Simulator } from '../../sim';
import { connectWs, type WsTestClient } from '../../sim/test-client';
import { closeAfterEach } from '../../support/close-after-each';

const track = closeAfterEach();
async function setup(o: SimOptions): Promise<{ s: Simulator; c: WsTestClient }> {
  const s = track(await startSimulator({ flushIntervalMs: 5, ...o }));
  const c = track(await connectWs(s));
  await c.next();
  return { s, c };
}

/** Runs the same burst on a fresh realistic simulator and returns the received order of current_state values. */
async function burst(seed: number): Promise<{ received: string[]; sent: string[]; added: number }> {
  const { s, c } = await setup({ vms: 1, seed, realistic: true });
  const id = s.vms()[0]?.id ?? '';
  const sent: string[] = [];
  for (let i = 0; i < 30; i++) {
    const state = `state-${i}`;
    s.setState(id, state);
    sent.push(state);
  }
  for (let i = 0; i < 10; i++) s.addVm();
  s.broadcast({ event_type: 'pdfm', message: 'marker' });
  await c.next((f) => f.message === 'marker');
  const received = c.frames
    .filter((f) => f.message === 'VM_STATE_CHANGED')
    .map((f) => (f.body as { current_state: string }).current_state);
  const added = c.frames.filter((f) => f.message === 'VM_ADDED').length;
  c.close();
  await s.close();
  return { received, sent, added };
}

describe('realistic mode', () => {
  it('reorders some same-VM events and duplicates some VM_ADDED, deterministically per seed', async () => {
    const a = await burst(11);
    expect([...a.received].sort()).toEqual([...a.sent].sort()); // nothing lost, nothing invented
    expect(a.received).not.toEqual(a.sent);
    expect(a.added).toBeGreaterThan(10);
    const b = await burst(11);
    expect(b).toEqual(a);
  });

  it('sends a VM_UPDATED for every VM on each refresh', async () => {
    const { s, c } = await setup({ vms: 4, realistic: true, refreshIntervalMs: 40 });
    const updated = new Set<string>();
    while (updated.size < 4) {
      const f = await c.next((fr) => fr.message === 'VM_UPDATED');
      updated.add((f.body as { vm_id: string }).vm_id);
    }
    expect([...updated].sort()).toEqual(
      s
        .vms()
        .map((v) => v.id)
        .sort(),
    );
  });
});

/** Manual timers: the test decides when time passes. */
function manualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  const queue = new Map<object, { at: number; cb: () => void }>();
  return {
    setTimeout(cb, ms) {
      const h = {};
      queue.set(h, { at: now + ms, cb });
      return h;
    },
    clearTimeout(h: TimerHandle) {
      queue.delete(h as object);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...queue.entries()].filter(([, t]) => t.at <= end).sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        queue.delete(due[0]);
        now = due[1].at;
        due[1].cb();
      }
      now = end;
    },
    pending: () => queue.size,
  };
}

describe('demo scenario', () => {
  it('starts, stops, suspends, adds, renames, resumes and removes VMs on a loop, and stops cleanly', async () => {
    const { s, c } = await setup({ vms: 4, seed: 3 });
    const timers = manualTimers();
    const stop = runDemoScenario(s, { timers, stepMs: 1000, transitionMs: 300 });
    timers.advance(8 * 1000 + 500); // one full loop of eight steps
    s.broadcast({ event_type: 'pdfm', message: 'marker' });
    await c.next((f) => f.message === 'marker');
    const seen = new Set(c.frames.map((f) => f.message));
    for (const m of ['VM_STATE_CHANGED', 'VM_ADDED', 'VM_UPDATED', 'VM_REMOVED', 'VM_UPTIME_CHANGED'])
      expect(seen).toContain(m);
    const states = new Set(
      c.frames.map((f) => (f.body as { current_state?: string } | undefined)?.current_state),
    );
    for (const st of ['starting', 'running', 'stopping', 'stopped', 'suspending', 'suspended', 'resuming'])
      expect(states).toContain(st);
    expect(s.vms()).toHaveLength(4); // the added VM was removed again
    stop();
    expect(timers.pending()).toBe(0);
  });
});
