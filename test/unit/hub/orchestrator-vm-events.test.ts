// The orchestrator channel's VM events (orchestrator-protocol.md §3.3/§3.4): HOST_VM_STATE_CHANGED's fast path agrees
// with the full parse for every value, including the broken ones (same message, same refusal reason), and
// HOST_VM_ADDED/UPDATED carry the inner VM, identified by vm_id or else new_vm.ID.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseFrame, type ParseResult } from '../../../src/main/hub/envelope';
import { accepted, frame, HOST, refused, spaced, VM } from './orchestrator-frames';

describe('orchestrator: HOST_VM_STATE_CHANGED, fast path and full parse agree on every value', () => {
  const stored = JSON.parse(
    readFileSync(
      join(__dirname, '../../fixtures/events-hub/ws/orchestrator-host-vm-state-changed.json'),
      'utf8',
    ),
  ) as { body: { host_id: string; event: Record<string, unknown> } };
  const withEvent = (event: Record<string, unknown>, hostId: unknown = stored.body.host_id): string =>
    frame('HOST_VM_STATE_CHANGED', { host_id: hostId, event: { ...stored.body.event, ...event } });
  const change = (previousState: string | null, currentState: string) =>
    accepted({
      type: 'host-vm-state-changed',
      hostId: stored.body.host_id,
      vmId: VM,
      previousState,
      currentState,
    });

  it.each([
    ['the stored fixture', {}, undefined, change('running', 'stopped')],
    [
      'capitalised, padded states',
      { previous_state: 'Running', current_state: ' STOPPED ' },
      undefined,
      change('running', 'stopped'),
    ],
    ['an empty previous state', { previous_state: '' }, undefined, change(null, 'stopped')],
    ['a blank previous state', { previous_state: '  ' }, undefined, change(null, 'stopped')],
    [
      'a blank current state',
      { current_state: '  ' },
      undefined,
      refused('body.event.current_state must be a non-empty string'),
    ],
    [
      'an empty current state',
      { current_state: '' },
      undefined,
      refused('body.event.current_state must be a non-empty string'),
    ],
    ['an empty vm id', { vm_id: '' }, undefined, refused('body.event.vm_id must be a non-empty string')],
    [
      'a numeric previous state',
      { previous_state: 5 },
      undefined,
      refused('body.event.previous_state must be a string'),
    ],
    ['an empty host id', {}, '', refused('body.host_id must be a non-empty string')],
  ] as [string, Record<string, unknown>, unknown, ParseResult][])('%s', (_what, event, hostId, expected) => {
    const text = withEvent(event, hostId);
    const spy = vi.spyOn(JSON, 'parse');
    let fast: ParseResult;
    try {
      fast = parseFrame(text, false);
      // A good frame in the wire shape is read without JSON.parse: the fast path is what this row tests.
      if (expected.ok) expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(fast).toStrictEqual(expected);
    expect(parseFrame(spaced(text), false)).toStrictEqual(expected);
  });
});

describe('orchestrator: HOST_VM_ADDED / HOST_VM_UPDATED', () => {
  const newVm = { ID: VM, Name: 'macOS 15 runner', State: 'stopped', OS: 'macosx', Uptime: '0', user: 'ci' };
  const vm = {
    id: VM,
    name: 'macOS 15 runner',
    state: 'stopped',
    os: 'macosx',
    uptimeSeconds: 0,
    user: 'ci',
  };

  it('the §3.4 frame: the VM, the outer host id, added vs updated', () => {
    for (const [message, reason] of [
      ['HOST_VM_ADDED', 'added'],
      ['HOST_VM_UPDATED', 'updated'],
    ] as const)
      expect(
        parseFrame(frame(message, { host_id: HOST, event: { vm_id: VM, new_vm: newVm } }), false),
      ).toStrictEqual(accepted({ type: 'host-vm-upsert', hostId: HOST, vmId: VM, vm, reason }));
  });

  it('without vm_id (or with an empty one) the VM is identified by new_vm.ID', () => {
    for (const event of [{ new_vm: newVm }, { vm_id: '', new_vm: newVm }, { vm_id: null, new_vm: newVm }])
      expect(parseFrame(frame('HOST_VM_UPDATED', { host_id: HOST, event }), false)).toStrictEqual(
        accepted({ type: 'host-vm-upsert', hostId: HOST, vmId: VM, vm, reason: 'updated' }),
      );
  });

  it('a new_vm that is not a VM is null (re-list that host), not a refusal', () => {
    const event = { vm_id: VM, new_vm: { ID: VM, Name: 7 } };
    expect(parseFrame(frame('HOST_VM_UPDATED', { host_id: HOST, event }), false)).toStrictEqual(
      accepted({ type: 'host-vm-upsert', hostId: HOST, vmId: VM, vm: null, reason: 'updated' }),
    );
  });

  it('neither a vm_id nor a VM with an ID is refused', () => {
    expect(
      parseFrame(frame('HOST_VM_ADDED', { host_id: HOST, event: { new_vm: { Name: 'x' } } }), false),
    ).toStrictEqual(refused('body.event.vm_id or body.event.new_vm.ID is required'));
    expect(parseFrame(frame('HOST_VM_ADDED', { host_id: HOST, event: { vm_id: 5 } }), false)).toStrictEqual(
      refused('body.event.vm_id must be a string'),
    );
  });
});
