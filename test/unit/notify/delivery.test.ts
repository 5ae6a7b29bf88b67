// The send side of the notify policy on its own (delivery.ts): which rule wants which notice, the window's
// edges, the rate cap's deferral time, and when a burst is a host-level alert. policy.test.ts drives the whole
// policy through bursts; these pin the boundaries it does not reach.
import { describe, expect, it } from 'vitest';
import { enqueue, tick, wants } from '../../../src/main/notify/delivery';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { createPolicyState } from '../../../src/main/notify/policy';
import type { Notice } from '../../../src/main/notify/text';
import { Working } from '../../../src/main/notify/working';
import { vmKey } from '../../../src/shared/model';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../../src/shared/settings';

const ALL_ON: NotificationRules = {
  ...DEFAULT_NOTIFICATION_RULES,
  enabled: true,
  onStopped: true,
  onSuspended: true,
  onPaused: true,
  onAdded: true,
  onRemoved: true,
};
const WINDOW = 3_000;

function working(o: { rateCapPerMinute?: number; rules?: NotificationRules } = {}): Working {
  return new Working(
    createPolicyState(o.rules ?? ALL_ON, { windowMs: WINDOW, rateCapPerMinute: o.rateCapPerMinute ?? 100 }),
  );
}

function notice(vmId: string, what = 'stopped', hostId = 'farm-1', at = 0): Notice {
  return { hostId, hostName: hostId, vmId, vmName: vmId, what, from: 'running', offline: false, at };
}

describe('wants', () => {
  const kinds = [
    ['stopped', 'onStopped'],
    ['suspended', 'onSuspended'],
    ['paused', 'onPaused'],
    ['added', 'onAdded'],
    ['removed', 'onRemoved'],
  ] as const;

  it.each(kinds)('"%s" follows %s alone', (what, flag) => {
    const none: NotificationRules = {
      ...ALL_ON,
      onStopped: false,
      onSuspended: false,
      onPaused: false,
      onAdded: false,
      onRemoved: false,
    };
    expect(wants({ ...none, [flag]: true }, what)).toBe(true);
    expect(wants({ ...ALL_ON, [flag]: false }, what)).toBe(false);
  });

  it('an unknown kind of change is never wanted, and nothing is when notifications are off', () => {
    expect(wants(ALL_ON, 'exploded')).toBe(false);
    for (const [what] of kinds) expect(wants({ ...ALL_ON, enabled: false }, what)).toBe(false);
  });
});

describe('enqueue: the window', () => {
  it('a notice at the very end of the window is a new leading edge, sent at once', () => {
    const w = working();
    const out: NotificationIntent[] = [];
    enqueue(w, notice('a'), 0, out);
    enqueue(w, notice('b'), WINDOW - 1, out);
    expect(out.map((i) => i.vmId)).toEqual(['a']);
    // The window [0, 3000) has ended even though no tick ran yet.
    enqueue(w, notice('c'), WINDOW, out);
    expect(out.map((i) => i.vmId)).toEqual(['a', 'c']);
    expect(w.windowEndsAt).toBe(2 * WINDOW);
  });

  it('a notice held back by the rate cap opens a window from now', () => {
    const w = working({ rateCapPerMinute: 1 });
    const out: NotificationIntent[] = [];
    enqueue(w, notice('a'), 0, out);
    enqueue(w, notice('b'), 10_000, out);
    expect(out).toHaveLength(1);
    expect([...w.pending.keys()]).toEqual([vmKey('farm-1', 'b')]);
    expect(w.windowEndsAt).toBe(10_000 + WINDOW);
  });
});

describe('tick', () => {
  it('does nothing before the window ends', () => {
    const w = working();
    const out: NotificationIntent[] = [];
    enqueue(w, notice('a'), 0, out);
    enqueue(w, notice('b'), 100, out);
    tick(w, WINDOW - 1, out);
    expect(out).toHaveLength(1);
    expect(w.pending.size).toBe(1);
    tick(w, WINDOW, out);
    expect(out).toHaveLength(2);
  });

  it('leaves out what was muted, paused or switched off since it was queued', () => {
    const w = working();
    const out: NotificationIntent[] = [];
    enqueue(w, notice('lead'), 0, out);
    enqueue(w, notice('muted'), 10, out);
    enqueue(w, notice('kept'), 20, out);
    enqueue(w, notice('sleepy', 'suspended'), 30, out);
    w.writeMuted().add(vmKey('farm-1', 'muted'));
    w.rules = { ...ALL_ON, onSuspended: false };
    tick(w, WINDOW, out);
    expect(out[1]?.covers).toEqual([{ hostId: 'farm-1', vmId: 'kept' }]);
  });

  it('a summary over the rate cap waits until the oldest send of the last minute leaves it', () => {
    const w = working({ rateCapPerMinute: 2 });
    const out: NotificationIntent[] = [];
    // At 60 000 the send at 0 is exactly a minute old (no longer counted); 30 000 and 45 000 fill the cap.
    w.sentAt = [0, 30_000, 45_000];
    w.windowEndsAt = 60_000;
    w.pushPending(notice('b'));
    tick(w, 60_000, out);
    expect(out).toEqual([]);
    // The cap frees up when 30 000 leaves the minute.
    expect(w.windowEndsAt).toBe(90_000);
    expect([...w.pending.keys()]).toEqual([vmKey('farm-1', 'b')]);
  });
});

describe('tick: a host-level alert instead of "N more VMs stopped"', () => {
  /** A host with `known` VMs, `stoppedBefore` of them already stopped, then a burst of `burst` stops. */
  function burst(o: {
    known: number;
    stoppedBefore: number;
    burst: number;
    otherHostVms?: number;
    mixed?: Notice[];
  }): NotificationIntent | undefined {
    const w = working();
    const settled = w.writeSettled();
    for (let i = 0; i < o.known; i++)
      settled.set(vmKey('farm-1', `vm${i}`), i < o.stoppedBefore ? 'stopped' : 'running');
    for (let i = 0; i < (o.otherHostVms ?? 0); i++) settled.set(vmKey('farm-2', `vm${i}`), 'running');
    const out: NotificationIntent[] = [];
    enqueue(w, notice('lead', 'stopped', 'farm-9'), 0, out); // opens the window; its own host
    for (let i = o.stoppedBefore; i < o.stoppedBefore + o.burst; i++) {
      settled.set(vmKey('farm-1', `vm${i}`), 'stopped');
      enqueue(w, notice(`vm${i}`), 100 + i, out);
    }
    for (const n of o.mixed ?? []) enqueue(w, n, 200, out);
    tick(w, WINDOW, out);
    return out[1];
  }
  const isAlert = (i: NotificationIntent | undefined): boolean => i?.title === 'Most VMs on farm-1 stopped';

  it('5 of 5 VMs stopping at once is the host (the smallest burst that counts)', () => {
    const alert = burst({ known: 5, stoppedBefore: 0, burst: 5 });
    expect(alert?.title).toBe('Most VMs on farm-1 stopped');
    expect(alert?.body).toMatch(/^5 of 5 VMs are stopped; 5 more stopped /);
    expect(isAlert(burst({ known: 4, stoppedBefore: 0, burst: 4 }))).toBe(false);
  });

  it('exactly half of the host stopped is "most"', () => {
    expect(isAlert(burst({ known: 10, stoppedBefore: 0, burst: 5 }))).toBe(true);
    expect(isAlert(burst({ known: 12, stoppedBefore: 0, burst: 5 }))).toBe(false);
  });

  it("counts only this host's VMs (another host's running VMs do not dilute it)", () => {
    expect(isAlert(burst({ known: 6, stoppedBefore: 0, burst: 6, otherHostVms: 20 }))).toBe(true);
  });

  it('is said once: a host already at half before the burst gets a plain summary', () => {
    expect(isAlert(burst({ known: 10, stoppedBefore: 5, burst: 5 }))).toBe(false);
    expect(isAlert(burst({ known: 10, stoppedBefore: 4, burst: 5 }))).toBe(true);
  });

  it("a burst that is not only this host's stops is a summary", () => {
    expect(
      isAlert(burst({ known: 6, stoppedBefore: 0, burst: 6, mixed: [notice('x', 'stopped', 'farm-2')] })),
    ).toBe(false);
    expect(isAlert(burst({ known: 6, stoppedBefore: 0, burst: 6, mixed: [notice('y', 'suspended')] }))).toBe(
      false,
    );
  });
});
