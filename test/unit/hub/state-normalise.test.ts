// VM states are lower-cased (and trimmed) once, where they enter: the frame parsers (full parse and fast path), the
// REST list/VM parsers, the orchestrator's /status read and the event log read back from disk. Everything past the
// boundary compares states with ===, so a capitalised state that slipped through would be a silent mismatch.
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/main/hub/envelope';
import { parseMachineList, parseVm } from '../../../src/main/hub/channels/pdfm';
// Since the channel table (issue 15), the one envelope parser reads orchestrator frames too.
const parseOrchestratorFrame = parseFrame;
import { OrchestratorRestClient } from '../../../src/main/hub/orchestrator-rest';
import { HubRequestError } from '../../../src/main/hub/errors';
import { parseHubEvent } from '../../../src/main/persist/hub-event-parse';

const HOST = 'a'.repeat(64);

// Compact and in Go struct order, so these take the regex fast path; the spaced copies take the full parse.
const pdfmStateFrame = (previous: string, current: string): string =>
  `{"id":"e1","event_type":"pdfm","timestamp":"2026-08-18T10:15:00Z","message":"VM_STATE_CHANGED",` +
  `"body":{"previous_state":"${previous}","current_state":"${current}","vm_id":"vm-1"}}\n`;
const orchestratorStateFrame = (previous: string, current: string): string =>
  `{"id":"e1","event_type":"orchestrator","timestamp":"2026-08-18T10:15:00Z","message":"HOST_VM_STATE_CHANGED",` +
  `"body":{"host_id":"${HOST}","event":{"previous_state":"${previous}","current_state":"${current}","vm_id":"vm-1"}}}`;
const spaced = (frame: string): string => JSON.stringify(JSON.parse(frame), null, 1);

function message(result: { ok: true; message: unknown } | { ok: false; reason: string }): unknown {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.message;
}

describe('VM states arrive lower-cased from every parser', () => {
  it.each([
    ['fast path', (f: string) => f],
    ['full parse', spaced],
  ])('pdfm VM_STATE_CHANGED (%s): "Running" -> "STOPPED"', (_path, shape) => {
    expect(message(parseFrame(shape(pdfmStateFrame('Running', 'STOPPED')), false))).toEqual({
      type: 'vm-state-changed',
      vmId: 'vm-1',
      previousState: 'running',
      currentState: 'stopped',
    });
  });

  it.each([
    ['fast path', (f: string) => f],
    ['full parse', spaced],
  ])('orchestrator HOST_VM_STATE_CHANGED (%s): "Running" -> "STOPPED"', (_path, shape) => {
    expect(
      message(parseOrchestratorFrame(shape(orchestratorStateFrame('Running', 'STOPPED')), false)),
    ).toEqual({
      type: 'host-vm-state-changed',
      hostId: HOST,
      vmId: 'vm-1',
      previousState: 'running',
      currentState: 'stopped',
    });
  });

  it('a whitespace-only current state is as invalid as an empty one, on both paths', () => {
    const frame = pdfmStateFrame('running', '  ');
    expect(parseFrame(frame, false)).toMatchObject({ ok: false });
    expect(parseFrame(spaced(frame), false)).toMatchObject({ ok: false });
  });

  it('pdfm VM_UPDATED new_vm and orchestrator HOST_VM_UPDATED new_vm', () => {
    const pdfm = JSON.stringify({
      id: 'e2',
      event_type: 'pdfm',
      timestamp: 't',
      message: 'VM_UPDATED',
      body: { vm_id: 'vm-1', new_vm: { ID: 'vm-1', Name: 'Build', State: ' Suspended ' } },
    });
    expect(message(parseFrame(pdfm, false))).toMatchObject({ vm: { state: 'suspended' } });
    const farm = JSON.stringify({
      id: 'e3',
      event_type: 'orchestrator',
      timestamp: 't',
      message: 'HOST_VM_UPDATED',
      body: {
        host_id: HOST,
        event: { vm_id: 'vm-1', new_vm: { ID: 'vm-1', Name: 'Build', State: 'PAUSED' } },
      },
    });
    expect(message(parseOrchestratorFrame(farm, false))).toMatchObject({ vm: { state: 'paused' } });
  });

  it('REST: GET /machines items and GET /machines/{id} (both key spellings); a blank state is no state', () => {
    expect(
      parseMachineList([
        { ID: '1', Name: 'one', State: 'Running' },
        { id: '2', name: 'two', state: 'STOPPED' },
        { ID: '3', Name: 'three', State: '   ' },
      ]).map((vm) => [vm.id, vm.state]),
    ).toEqual([
      ['1', 'running'],
      ['2', 'stopped'],
    ]);
    expect(parseVm({ ID: '4', Name: 'four', State: 'Deleting State' })?.state).toBe('deleting state');
  });

  it('the orchestrator /status read', async () => {
    const client = new OrchestratorRestClient({
      request: () =>
        Promise.resolve({
          status: 200,
          contentType: 'application/json',
          text: '{"id":"vm-1","status":"Running"}',
        }),
      errorFor: () => new HubRequestError('bad-response', 'unused'),
    });
    expect(await client.vmStatus(HOST, 'vm-1')).toEqual({ ok: true, vmId: 'vm-1', state: 'running' });
  });

  it('the event log read back from disk: states lower-cased, a rename’s names kept as written', () => {
    const base = { id: '1', at: 1, hostId: 'h', vmId: 'v', vmName: 'VM' };
    expect(parseHubEvent({ ...base, kind: 'state-changed', from: 'Running', to: 'STOPPED' })).toMatchObject({
      from: 'running',
      to: 'stopped',
    });
    expect(parseHubEvent({ ...base, kind: 'added', to: 'Running' })).toMatchObject({ to: 'running' });
    expect(parseHubEvent({ ...base, kind: 'removed', from: 'Stopped' })).toMatchObject({ from: 'stopped' });
    expect(parseHubEvent({ ...base, kind: 'renamed', from: 'Old Name', to: 'New Name' })).toMatchObject({
      from: 'Old Name',
      to: 'New Name',
    });
  });
});
