import { describe, expect, it } from 'vitest';
import {
  createPolicyState,
  decide,
  nextWakeAt,
  type PolicyInput,
  type PolicyState,
} from '../../../src/main/notify/policy';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';

const H = 'farm-1';

/** Drives the pure policy like the runner does: inputs at times, ticks at nextWakeAt. */
class Driver {
  s: PolicyState;
  shown: NotificationIntent[] = [];
  /** When each entry of `shown` was sent (same index). */
  shownAt: number[] = [];
  now = 0;
  constructor(o: { windowMs?: number; rateCapPerMinute?: number } = {}, rules = DEFAULT_NOTIFICATION_RULES) {
    this.s = createPolicyState(rules, { windowMs: 3_000, rateCapPerMinute: 100, ...o });
  }
  in(input: PolicyInput, at = this.now): NotificationIntent[] {
    this.runUntil(at);
    const r = decide(this.s, input, at);
    this.s = r.state;
    this.shown.push(...r.intents);
    this.shownAt.push(...r.intents.map(() => at));
    return r.intents;
  }
  runUntil(t: number): void {
    for (let wake = nextWakeAt(this.s); wake !== null && wake <= t; wake = nextWakeAt(this.s)) {
      const r = decide(this.s, { type: 'tick' }, wake);
      this.s = r.state;
      this.shown.push(...r.intents);
      this.shownAt.push(...r.intents.map(() => wake));
      if (nextWakeAt(this.s) === wake) break;
    }
    this.now = t;
  }
  seen(vmId: string, state: string): void {
    this.in({ type: 'vm-seen', hostId: H, vmId, state });
  }
  state(vmId: string, from: string | null, to: string, at = this.now, offline = false): NotificationIntent[] {
    return this.in(
      { type: 'vm-state', hostId: H, hostName: 'Farm 1', vmId, vmName: `VM ${vmId}`, from, to, offline, at },
      at,
    );
  }
}

describe('notify policy', () => {
  it('notifies a stop by default, naming VM and host, never a URL', () => {
    const d = new Driver();
    d.seen('a', 'running');
    const [i] = d.state('a', 'running', 'stopped');
    expect(i).toMatchObject({ hostId: H, vmId: 'a', title: 'VM a stopped · Farm 1', offline: false });
    expect(i?.body).toMatch(/^Was running; stopped /);
    expect(i?.body).not.toMatch(/https?:/);
  });

  it('does not notify starts, or suspends unless enabled', () => {
    const d = new Driver();
    d.seen('a', 'stopped');
    expect(d.state('a', 'stopped', 'running')).toEqual([]);
    expect(d.state('a', 'running', 'suspended', 10_000)).toEqual([]);
    const e = new Driver({}, { ...DEFAULT_NOTIFICATION_RULES, onSuspended: true });
    e.seen('a', 'running');
    expect(e.state('a', 'running', 'suspended')).toHaveLength(1);
  });

  it('never twice for the same transition: duplicate frame, resync re-confirm, reordered stopping', () => {
    const d = new Driver();
    d.seen('a', 'running');
    expect(d.state('a', 'running', 'stopped', 0)).toHaveLength(1);
    d.state('a', 'running', 'stopped', 10_000); // duplicated frame
    d.state('a', 'running', 'stopped', 20_000, true); // resync re-confirming
    d.state('a', 'stopped', 'stopping', 30_000); // reordered transitional
    d.state('a', 'stopping', 'stopped', 40_000); // confirm GET
    d.runUntil(100_000);
    expect(d.shown).toHaveLength(1);
  });

  it('stop -> start -> stop notifies twice', () => {
    const d = new Driver();
    d.seen('a', 'running');
    d.state('a', 'running', 'stopped', 0);
    d.state('a', 'stopped', 'starting', 10_000);
    d.state('a', 'starting', 'running', 11_000);
    d.state('a', 'running', 'stopped', 20_000);
    d.runUntil(100_000);
    expect(d.shown.map((i) => i.title)).toEqual(['VM a stopped · Farm 1', 'VM a stopped · Farm 1']);
  });

  it('a VM never seen settled but seen leaving a transitional state notifies', () => {
    const d = new Driver();
    expect(d.state('x', 'stopping', 'stopped')).toHaveLength(1);
  });

  it('bursts: leading edge immediately, then ONE summary after the window', () => {
    const d = new Driver({ windowMs: 3_000 });
    for (const id of ['a', 'b', 'c', 'd']) d.seen(id, 'running');
    expect(d.state('a', 'running', 'stopped', 0)).toHaveLength(1);
    expect(d.state('b', 'running', 'stopped', 100)).toEqual([]);
    expect(d.state('c', 'running', 'stopped', 200)).toEqual([]);
    expect(d.state('d', 'running', 'stopped', 300)).toEqual([]);
    expect(nextWakeAt(d.s)).toBe(3_000);
    d.runUntil(60_000);
    expect(d.shown.map((i) => i.title)).toEqual([
      'VM a stopped · Farm 1',
      '3 more VMs stopped on Farm 1 in 1 s',
    ]);
    // The names, once, without nested brackets repeating the host the title already names.
    expect(d.shown[1]?.body).toBe('VM b, VM c, VM d.');
    // Every stop is accounted for exactly once across the two notifications.
    expect(d.shown.flatMap((i) => i.covers.map((c) => c.vmId)).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(nextWakeAt(d.s)).toBeNull();
  });

  it('a burst longer than one window: a window stays open after each summary, so at most one notification per window', () => {
    const d = new Driver({ windowMs: 3_000 });
    const ids = Array.from({ length: 20 }, (_, i) => `v${i}`);
    for (const id of ids) d.seen(id, 'running');
    // One stop every 500 ms for 10 s: more than three windows long.
    ids.forEach((id, i) => d.state(id, 'running', 'stopped', i * 500));
    d.runUntil(60_000);
    // Leading edge at 0; then a summary at each window's end: 3 000 (0.5-2.5 s), 6 000 (3.0-5.5 s),
    // 9 000 (6.0-8.5 s), 12 000 (9.0-9.5 s). Without the window after a summary, the stop at 3.5 s would be
    // shown on its own at once, 500 ms after the first summary.
    expect(d.shownAt).toEqual([0, 3_000, 6_000, 9_000, 12_000]);
    // The burst that takes the host past half its VMs stopped is said once as a host-level alert; the rest of the
    // long outage is plain summaries again.
    expect(d.shown.map((i) => i.title)).toEqual([
      'VM v0 stopped · Farm 1',
      '5 more VMs stopped on Farm 1 in 2 s',
      'Most VMs on Farm 1 stopped',
      '6 more VMs stopped on Farm 1 in 3 s',
      '2 more VMs stopped on Farm 1 in 1 s',
    ]);
    expect(d.shown.flatMap((i) => i.covers.map((c) => c.vmId))).toEqual(ids);
    expect(nextWakeAt(d.s)).toBeNull();
  });

  it('global rate cap defers summaries instead of dropping them', () => {
    const d = new Driver({ windowMs: 1_000, rateCapPerMinute: 2 });
    const ids = ['a', 'b', 'c', 'd'];
    for (const id of ids) d.seen(id, 'running');
    d.state('a', 'running', 'stopped', 0); // shown (1)
    d.state('b', 'running', 'stopped', 500); // pending -> summary at 1000 (2)
    d.state('c', 'running', 'stopped', 5_000); // leading edge, but cap reached: pending
    d.runUntil(59_000);
    expect(d.shown).toHaveLength(2);
    d.runUntil(61_000);
    expect(d.shown).toHaveLength(3);
    expect(d.shown[2]?.title).toMatch(/^1 more VM stopped on Farm 1 in /);
  });

  it('a VM flapping while the rate cap defers the summary is queued once: the queue is bounded by VMs, not events', () => {
    const d = new Driver({ windowMs: 1_000, rateCapPerMinute: 1 });
    for (const id of ['a', 'b']) d.seen(id, 'running');
    d.state('a', 'running', 'stopped', 0); // shown; the cap is now used up for a minute
    for (let i = 0; i < 2_000; i++) {
      const t = 10 + i * 20;
      d.state('b', 'stopped', 'running', t);
      d.state('b', 'running', 'stopped', t + 10);
    }
    expect(d.s.pending.size).toBe(1);
    d.runUntil(120_000);
    expect(d.shown.map((i) => i.title)).toEqual([
      'VM a stopped · Farm 1',
      '1 more VM stopped on Farm 1 in 1 s',
    ]);
    expect(d.shown[1]?.covers).toEqual([{ hostId: H, vmId: 'b' }]);
  });

  it('mute silences one VM; pause silences all until the time; neither notifies later', () => {
    const d = new Driver();
    d.seen('a', 'running');
    d.seen('b', 'running');
    d.in({ type: 'set-muted', hostId: H, vmId: 'A', muted: true });
    expect(d.state('a', 'running', 'stopped', 0)).toEqual([]);
    d.in({ type: 'set-paused', until: 50_000 });
    expect(d.state('b', 'running', 'stopped', 10_000)).toEqual([]);
    d.runUntil(100_000);
    expect(d.shown).toEqual([]);
    // Resumed: a re-confirmation of the stop that happened while paused does not notify late.
    expect(d.state('b', 'running', 'stopped', 100_000)).toEqual([]);
    d.state('b', 'stopped', 'running', 110_000);
    expect(d.state('b', 'running', 'stopped', 120_000)).toHaveLength(1);
  });

  it('offline-discovered stops are marked', () => {
    const d = new Driver();
    d.seen('a', 'running');
    const [i] = d.state('a', 'running', 'stopped', 0, true);
    expect(i?.offline).toBe(true);
    expect(i?.body).toContain('while Hubwatch was disconnected');
  });

  it('connection lost: once per outage, only past the threshold', () => {
    const d = new Driver();
    const lost = (seconds: number): PolicyInput => ({
      type: 'connection-lost',
      hostId: H,
      hostName: 'Farm 1',
      seconds,
    });
    expect(d.in(lost(30))).toEqual([]);
    expect(d.in(lost(130))).toHaveLength(1);
    expect(d.in(lost(200))).toEqual([]);
    d.in({ type: 'connection-restored', hostId: H });
    expect(d.in(lost(130))[0]?.title).toBe('Lost connection to Farm 1');
  });

  it('connection lost: says why, and only an unreachable host "keeps retrying"', () => {
    const lost = (
      cause: 'unreachable' | 'credentials' | 'certificate',
      credential?: string,
    ): PolicyInput => ({
      type: 'connection-lost',
      hostId: H,
      hostName: 'farm-1',
      seconds: 7_260,
      cause,
      ...(credential ? { credential } : {}),
    });
    const [down] = new Driver().in(lost('unreachable'));
    expect(down?.body).toBe('No connection for 2 h 1 m. Hubwatch keeps retrying.');
    const [auth] = new Driver().in(lost('credentials', 'API key'));
    expect(auth?.title).toBe('farm-1 rejected the API key');
    expect(auth?.body).not.toContain('retrying');
    const [tls] = new Driver().in(lost('certificate'));
    expect(tls?.title).toBe("farm-1's certificate is not trusted");
  });

  it('a stop says what the VM was doing and for how long (prlctl uptime at first sight, then observed)', () => {
    const d = new Driver();
    d.in({ type: 'vm-seen', hostId: H, vmId: 'a', state: 'running', uptimeSeconds: 9 * 3600 + 42 * 60 });
    // Through the transitional state: the body names the settled one it left, not "stopping".
    d.state('a', 'running', 'stopping');
    const [stop] = d.state('a', 'stopping', 'stopped');
    expect(stop?.title).toBe('VM a stopped · Farm 1');
    expect(stop?.body).toMatch(/^Was running 9 h 42 m; stopped \S/);
    d.runUntil(d.now + 60_000);
    d.state('a', 'stopped', 'running');
    d.runUntil(d.now + 125 * 60_000);
    const [again] = d.state('a', 'running', 'stopped');
    expect(again?.body).toMatch(/^Was running 2 h 5 m; stopped /);
  });

  it('most of a host stopping at once is one host-level alert, not "N more VMs stopped"', () => {
    const d = new Driver();
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    for (const id of ids) d.seen(id, 'running');
    for (const id of ids.slice(0, 7)) d.state(id, 'running', 'stopped');
    d.runUntil(d.now + 10_000);
    expect(d.shown.map((i) => i.title)).toEqual(['VM a stopped · Farm 1', 'Most VMs on Farm 1 stopped']);
    expect(d.shown[1]?.body).toMatch(
      /^7 of 8 VMs are stopped; 6 more stopped in 1 s\. This looks like a problem with the host\.$/,
    );
  });

  it('rules.enabled=false silences everything', () => {
    const d = new Driver({}, { ...DEFAULT_NOTIFICATION_RULES, enabled: false, onAdded: true });
    d.seen('a', 'running');
    d.state('a', 'running', 'stopped');
    d.in({
      type: 'vm-added',
      hostId: H,
      hostName: 'F',
      vmId: 'z',
      vmName: 'z',
      state: 'running',
      offline: false,
      at: 0,
    });
    expect(d.shown).toEqual([]);
  });

  it('added/removed notify only when enabled', () => {
    const d = new Driver({}, { ...DEFAULT_NOTIFICATION_RULES, onAdded: true });
    const add: PolicyInput = {
      type: 'vm-added',
      hostId: H,
      hostName: 'F',
      vmId: 'z',
      vmName: 'zed',
      state: 'running',
      offline: false,
      at: 0,
    };
    expect(d.in(add)[0]?.title).toBe('zed added · F');
    expect(
      d.in(
        { type: 'vm-removed', hostId: H, hostName: 'F', vmId: 'z', vmName: 'zed', offline: false, at: 0 },
        10_000,
      ),
    ).toEqual([]);
  });
});
