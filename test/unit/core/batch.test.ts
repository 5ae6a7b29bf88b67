// The batch paths (one socket read = one pass) must give exactly what one-by-one processing gives.
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCoreDiagnostics } from '../../../src/main/core/app-core';
import type { HubMessage } from '../../../src/main/core/hub-ports';
import {
  createPolicyState,
  decide,
  decideAll,
  type PolicyInput,
  type PolicyState,
} from '../../../src/main/notify/policy';
import type { AppCore } from '../../../src/main/core/ports';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { silentLogger } from '../../support/silent-logger';
import { emptyStore, type StoreAction } from '../../../src/main/core/store';
import { DEFAULT_NOTIFICATION_RULES, DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { Snapshot } from '../../../src/shared/model';
import { FakeTime } from '../../support/fake-time';
import { hostConfig } from '../../support/host-config';
import { FakeHub, settle, vm } from './fake-hub';
import { applyAction, applyActions } from './store-apply';

const H = 'farm-1';

/** A deterministic pseudo-random sequence (no flaky seeds). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const STATES = ['running', 'stopping', 'stopped', 'starting', 'suspended', 'RUNNING'];

/** Store actions with duplicates, reorders (stale transitions), unknown VMs, brace/case id variants. */
function mixedActions(n: number, seed: number): StoreAction[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ids = ['a', 'B', '{c}', 'd', 'zz-unknown'];
  const out: StoreAction[] = [
    {
      type: 'replace-list',
      hostId: H,
      vms: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: `vm ${id}`, state: 'running', os: 'macosx' })),
      at: 1,
      offline: false,
    },
  ];
  for (let i = 0; i < n; i++) {
    const roll = r();
    const id = pick(ids);
    let a: StoreAction;
    if (roll < 0.6)
      a = {
        type: 'vm-state-changed',
        hostId: H,
        vmId: id,
        previousState: r() < 0.3 ? null : pick(STATES),
        state: pick(STATES),
        at: 10 + i,
      };
    else if (roll < 0.75)
      a = { type: 'vm-upsert', hostId: H, vm: { id, name: `vm ${id} ${i % 3}` }, at: 10 + i, offline: false };
    else if (roll < 0.85) a = { type: 'vm-removed', hostId: H, vmId: id };
    else a = { type: 'vm-uptime', hostId: H, vmId: id, uptimeSeconds: r() < 0.2 ? undefined : i };
    out.push(a);
    if (r() < 0.3) out.push(a); // duplicated frame
  }
  return out;
}

describe('store batch (many actions in one StoreDraft)', () => {
  it('equals one draft per action over the same actions, duplicates and reorders included', () => {
    for (const seed of [1, 2, 3, 42, 1_000]) {
      const actions = mixedActions(300, seed);
      const oneByOne = actions.reduce(applyAction, emptyStore);
      const batched = applyActions(emptyStore, actions);
      expect([...batched.vms]).toEqual([...oneByOne.vms]);
      expect([...batched.hosts]).toEqual([...oneByOne.hosts]);
    }
  });

  it('copies the map at most once and never touches the input state', () => {
    const start = applyAction(emptyStore, mixedActions(0, 1)[0] as StoreAction);
    const before = [...start.vms];
    const next = applyActions(start, mixedActions(200, 7).slice(1));
    expect([...start.vms]).toEqual(before);
    expect(next.vms).not.toBe(start.vms);
  });

  it('a batch of no-ops returns the same state object', () => {
    const start = applyAction(emptyStore, mixedActions(0, 1)[0] as StoreAction);
    const noop: StoreAction = {
      type: 'vm-state-changed',
      hostId: H,
      vmId: 'a',
      previousState: null,
      state: 'running',
      at: 5,
    };
    expect(applyActions(start, [noop, noop, { type: 'vm-removed', hostId: H, vmId: 'nope' }])).toBe(start);
  });
});

describe('notify policy batch (decideAll)', () => {
  const ref = (vmId: string) => ({
    hostId: H,
    hostName: 'Farm 1',
    vmId,
    vmName: `VM ${vmId}`,
    offline: false,
    at: 0,
  });

  function inputs(seed: number): PolicyInput[] {
    const r = rng(seed);
    const out: PolicyInput[] = ['a', 'b', 'c'].map((vmId) => ({
      type: 'vm-seen',
      hostId: H,
      vmId,
      state: 'running',
    }));
    for (let i = 0; i < 200; i++) {
      const vmId = ['a', 'b', 'c', 'd'][Math.floor(r() * 4)] as string;
      const roll = r();
      if (roll < 0.7) {
        const to = STATES[Math.floor(r() * STATES.length)] as string;
        out.push({ ...ref(vmId), type: 'vm-state', from: r() < 0.5 ? null : 'running', to });
      } else if (roll < 0.8) out.push({ type: 'set-muted', hostId: H, vmId, muted: r() < 0.5 });
      else if (roll < 0.9) out.push({ ...ref(vmId), type: 'vm-removed' });
      else out.push({ ...ref(vmId), type: 'vm-added', state: 'running' });
    }
    return out;
  }

  it('equals folding decide: same intents, same state', () => {
    for (const seed of [3, 5, 8]) {
      const list = inputs(seed);
      const start = createPolicyState(DEFAULT_NOTIFICATION_RULES, { windowMs: 3_000, rateCapPerMinute: 6 });
      let s: PolicyState = start;
      const shown: NotificationIntent[] = [];
      for (const input of list) {
        const r = decide(s, input, 1_000);
        s = r.state;
        shown.push(...r.intents);
      }
      const b = decideAll(start, list, 1_000);
      expect(b.intents).toEqual(shown);
      expect({ ...b.state, muted: [...b.state.muted], lastSettled: [...b.state.lastSettled] }).toEqual({
        ...s,
        muted: [...s.muted],
        lastSettled: [...s.lastSettled],
      });
      // Pure: the starting state is untouched.
      expect(start.lastSettled.size).toBe(0);
      expect(start.pending.size).toBe(0);
    }
  });

  it('a batch that changes nothing returns the same state object', () => {
    const s = createPolicyState(DEFAULT_NOTIFICATION_RULES);
    expect(decideAll(s, [{ type: 'tick' }, { type: 'connection-restored', hostId: H }], 0).state).toBe(s);
  });
});

let core: (AppCore & AppCoreDiagnostics) | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

describe('app core: one socket read is one pass', () => {
  async function live() {
    const time = new FakeTime();
    const hub = new FakeHub();
    const shown: NotificationIntent[] = [];
    core = await createAppCore({
      clock: time,
      timers: time,
      logger: silentLogger,
      eventLog: { load: async () => [], save: async () => undefined },
      notifier: { show: (i) => shown.push(i) },
      secrets: { getSecret: async () => 'tok' },
      hubFactory: hub,
      options: { coalesceWindowMs: 1_000, notificationRateCapPerMinute: 100 },
    });
    core.configure({
      ...DEFAULT_SETTINGS,
      hosts: [hostConfig({ id: H })],
    });
    await settle();
    const c = hub.last(H);
    c.connection.open();
    c.rest.lists.at(-1)?.resolve(['1', '2', '3', '4'].map((id) => vm(id, `ci-0${id}`, 'running')));
    await settle();
    let emits = 0;
    core.onChange(() => emits++);
    return { c, shown, core, emits: () => emits };
  }

  const sc = (vmId: string, previousState: string | null, currentState: string): HubMessage => ({
    type: 'vm-state-changed',
    vmId,
    previousState,
    currentState,
  });

  // Duplicates, a reordered transitional ("stopping" after "stopped"), case/brace id variants, an unknown VM.
  const frames: HubMessage[] = [
    sc('1', 'running', 'stopping'),
    sc('1', 'stopping', 'stopped'),
    sc('1', 'stopping', 'stopped'),
    sc('1', 'running', 'stopping'),
    sc('{2}', 'running', 'stopped'),
    sc('3', 'running', 'suspended'),
    sc('3', 'running', 'suspended'),
    { type: 'vm-upsert', vmId: '4', vm: { id: '4', name: 'ci-04-renamed' }, reason: 'updated' },
    { type: 'vm-removed', vmId: '3' },
    sc('unknown', 'running', 'stopped'),
  ];

  const view = (s: Snapshot) => ({
    vms: s.vms.map((v) => [v.id, v.name, v.state, v.stateSince, v.changedWhileOffline]),
    events: s.events.map((e) => [e.id, e.kind, e.vmId, e.from, e.to]),
  });

  it('a batch gives the same store, log and notifications as the same frames one by one, with one emit', async () => {
    const one = await live();
    for (const m of frames) one.c.connection.msg(m);
    const oneView = view(one.core.snapshot());
    const oneShown = [...one.shown];
    expect(one.emits()).toBeGreaterThan(1);
    await core?.stop();

    const batch = await live();
    batch.c.connection.msgs(frames);
    expect(batch.emits()).toBe(1);
    expect(view(batch.core.snapshot())).toEqual(oneView);
    expect(batch.shown.map((i) => i.title)).toEqual(oneShown.map((i) => i.title));
    // Two stops: the first shown at once, the second folded into the summary later. Exactly one per stop.
    expect(oneShown.map((i) => i.title)).toEqual(['ci-01 stopped · Farm 1']);
    expect(oneView.vms).toContainEqual(['1', 'ci-01', 'stopped', expect.any(Number), false]);
  });

  it('a batch that changes nothing emits nothing', async () => {
    const t = await live();
    t.c.connection.msgs([sc('1', 'running', 'running'), { type: 'vm-removed', vmId: 'nope' }]);
    expect(t.emits()).toBe(0);
  });
});
