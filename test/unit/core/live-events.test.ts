// One live pdfm event applied (live-events.ts, protocol §4.4, §9.1-9.3): what reaches the store and which VMs are
// asked about with GET /machines/{id}. Real VmConfirmations and VmEventMemory; the store is a Map, REST a recorder.
import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../src/shared/model';
import { VmEventMemory } from '../../../src/main/core/event-memory';
import type { HubMessage } from '../../../src/main/core/hub-ports';
import { applyLiveEvent } from '../../../src/main/core/live-events';
import type { StoreAction } from '../../../src/main/core/store';
import { VmConfirmations } from '../../../src/main/core/vm-confirmations';
import { createCapturingLogger } from '../../support/capture';
import { FakeTime } from '../../support/fake-time';

const HOST = 'host-1';
const WINDOW = 3_000; // the memory's stale-update window

function setup(held: Partial<Vm>[] = []) {
  const time = new FakeTime();
  const vms = new Map<string, Vm>();
  for (const v of held) vms.set(v.id ?? '', { hostId: HOST, name: v.id, state: 'running', ...v } as Vm);
  const applied: StoreAction[] = [];
  const asked: string[] = [];
  const logger = createCapturingLogger();
  const confirmations = new VmConfirmations({
    hostId: HOST,
    rest: {
      getMachine: (id: string) => {
        asked.push(id);
        return new Promise(() => undefined); // never answers: these tests are about what is asked
      },
    },
    timers: { setTimeout: (run, ms) => time.setTimeout(run, ms), clearTimeout: (h) => time.clearTimeout(h) },
    now: () => time.now(),
    logger,
    confirmTransitionalAfterMs: 5_000,
    getVm: (id) => vms.get(id),
    apply: () => undefined,
    accepting: () => true,
    alive: () => true,
    onUnauthorized: () => undefined,
  });
  const memory = new VmEventMemory(HOST, WINDOW);
  const deps = {
    hostId: HOST,
    getVm: (id: string) => vms.get(id),
    apply: (action: StoreAction) => {
      applied.push(action);
    },
    confirmations,
    memory,
    logger,
  };
  const send = (m: HubMessage): void => applyLiveEvent(m, time.now(), deps);
  return { time, vms, applied, asked, logger, memory, send };
}

const stateChange = (vmId: string, previousState: string | null, currentState: string): HubMessage => ({
  type: 'vm-state-changed',
  vmId,
  previousState,
  currentState,
});

describe('applyLiveEvent', () => {
  it('a state change of a held VM is applied; only a previous_state that disagrees with ours asks REST', () => {
    const { applied, asked, send, time } = setup([
      { id: 'agree', state: 'running' },
      { id: 'differ', state: 'running' },
      { id: 'none', state: 'running' },
    ]);
    send(stateChange('agree', 'running', 'stopped'));
    send(stateChange('differ', 'paused', 'stopped')); // we missed an event
    send(stateChange('none', null, 'stopped')); // the fast path gives no previous state
    expect(applied).toEqual(
      ['agree', 'differ', 'none'].map((vmId) => ({
        type: 'vm-state-changed',
        hostId: HOST,
        vmId,
        previousState: vmId === 'agree' ? 'running' : vmId === 'differ' ? 'paused' : null,
        state: 'stopped',
        at: time.now(),
      })),
    );
    expect(asked).toEqual(['differ']);
  });

  it('a VM_UPDATED contradicting a state event of the last few seconds keeps our state and asks REST', () => {
    const { vms, applied, asked, send, time } = setup([{ id: 'a', name: 'old', state: 'running' }]);
    send(stateChange('a', 'running', 'stopped'));
    vms.set('a', { ...(vms.get('a') as Vm), state: 'stopped' }); // the store applied it
    applied.length = 0;
    time.advance(WINDOW);
    // The periodic full refresh's snapshot, built before the stop.
    send({ type: 'vm-upsert', vmId: 'a', vm: { id: 'a', name: 'new', state: 'running' }, reason: 'updated' });
    expect(applied).toEqual([
      {
        type: 'vm-upsert',
        hostId: HOST,
        vm: { id: 'a', name: 'new', state: 'stopped' },
        at: time.now(),
        offline: false,
      },
    ]);
    expect(asked).toEqual(['a']);
  });

  it('an update is believed when it is an addition, has no state, agrees, or comes after the window', () => {
    const { vms, applied, asked, send, time } = setup([
      { id: 'added', state: 'stopped' },
      { id: 'stateless', state: 'stopped' },
      { id: 'same', state: 'stopped' },
      { id: 'late', state: 'stopped' },
    ]);
    for (const id of vms.keys()) send(stateChange(id, null, 'stopped')); // a state event for each, seen just now
    applied.length = 0;
    send({
      type: 'vm-upsert',
      vmId: 'added',
      vm: { id: 'added', name: 'n', state: 'running' },
      reason: 'added',
    });
    send({ type: 'vm-upsert', vmId: 'stateless', vm: { id: 'stateless', name: 'n' }, reason: 'updated' });
    send({
      type: 'vm-upsert',
      vmId: 'same',
      vm: { id: 'same', name: 'n', state: 'stopped' },
      reason: 'updated',
    });
    time.advance(WINDOW + 1);
    send({
      type: 'vm-upsert',
      vmId: 'late',
      vm: { id: 'late', name: 'n', state: 'running' },
      reason: 'updated',
    });
    expect(applied.map((a) => (a.type === 'vm-upsert' ? [a.vm.id, a.vm.state, a.offline] : a.type))).toEqual([
      ['added', 'running', false],
      ['stateless', undefined, false],
      ['same', 'stopped', false],
      ['late', 'running', false],
    ]);
    expect(asked).toEqual([]);
  });

  it('an unknown VM is asked about when its event lacks its name or its state, not when it has both', () => {
    const { applied, asked, send } = setup();
    send(stateChange('unknown-state', null, 'running')); // no name in a state event: not applied, asked
    send({ type: 'vm-upsert', vmId: 'no-name', vm: { id: 'no-name', state: 'running' }, reason: 'added' });
    send({ type: 'vm-upsert', vmId: 'no-state', vm: { id: 'no-state', name: 'n' }, reason: 'added' });
    send({
      type: 'vm-upsert',
      vmId: 'full',
      vm: { id: 'full', name: 'n', state: 'running' },
      reason: 'added',
    });
    // An update about a VM whose VM_ADDED we missed: complete, so taken as it is.
    send({
      type: 'vm-upsert',
      vmId: 'upd',
      vm: { id: 'upd', name: 'n', state: 'running' },
      reason: 'updated',
    });
    expect(asked).toEqual(['unknown-state', 'no-name', 'no-state']);
    expect(applied.map((a) => (a.type === 'vm-upsert' ? a.vm.id : a.type))).toEqual([
      'no-name',
      'no-state',
      'full',
      'upd',
    ]);
  });

  it('a held VM without name or state in its update is not asked about', () => {
    const { asked, send } = setup([{ id: 'a', state: 'running' }]);
    send({ type: 'vm-upsert', vmId: 'a', vm: { id: 'a' }, reason: 'updated' });
    expect(asked).toEqual([]);
  });

  it('removal, uptime and a server error each do their one thing; anything else changes nothing', () => {
    const { applied, asked, logger, memory, send } = setup([{ id: 'a', state: 'running' }]);
    send({ type: 'vm-uptime', vmId: 'a', uptimeSeconds: 42 });
    send({ type: 'vm-removed', vmId: 'a' });
    expect(applied).toEqual([
      { type: 'vm-uptime', hostId: HOST, vmId: 'a', uptimeSeconds: 42 },
      { type: 'vm-removed', hostId: HOST, vmId: 'a' },
    ]);
    expect(memory.lastWasRemoval('a')).toBe(true);
    send({ type: 'server-error', message: 'disk full' });
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'server reported an error',
        fields: { hostId: HOST, message: 'disk full' },
      }),
    ]);
    send({ type: 'vms-running-now', vmIds: ['a'] });
    expect(applied).toHaveLength(2);
    expect(asked).toEqual([]);
    expect(logger.lines).toHaveLength(1);
  });
});
