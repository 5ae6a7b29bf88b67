// What work still in flight may do once the socket closed, the sync was disposed, or REST said 401: lookups that
// answer late, transitional deadlines, frames without a VM, and the log line a failing list leaves.
import { describe, expect, it } from 'vitest';
import type { HubMessage } from '../../../src/main/core/hub-ports';
import type { LogFields, Logger } from '../../../src/main/kernel/logger';
import { settle, vm } from './fake-hub';
import { kindFailure, listFailure, recordingSync } from './sync-recorder';

const unknownVm = (vmId: string): HubMessage => ({
  type: 'vm-state-changed',
  vmId,
  previousState: null,
  currentState: 'running',
});
/** Frames that name no VM. */
const noVm: HubMessage[] = [
  { type: 'pong', refId: '1' },
  { type: 'server-error', message: 'queue full' },
];

function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, ...(fields === undefined ? {} : { fields }) });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('HostSync: work in flight', () => {
  it('a lookup answer is applied as a confirmation', async () => {
    const h = recordingSync();
    await h.goLive([]);
    h.sync.handleMessage(unknownVm('x'));
    h.rest.gets[0]?.d.resolve(vm('x', 'ci-x', 'running'));
    await settle();
    expect(h.vms()).toEqual(['ci-x:running']);
    expect(h.applied.at(-1)).toMatchObject({ source: 'confirm', reason: 'confirm' });
  });

  it('a lookup answered after the socket closed is dropped', async () => {
    const h = recordingSync();
    await h.goLive([]);
    h.sync.handleMessage(unknownVm('x'));
    h.sync.connectionClosed();
    h.rest.gets[0]?.d.resolve(vm('x', 'ci-x', 'running'));
    await settle();
    expect(h.vms()).toEqual([]);
  });

  it('a lookup answered after dispose is dropped, and no new lookup starts', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.sync.handleMessage(unknownVm('x'));
    h.sync.dispose();
    h.rest.gets[0]?.d.resolve(vm('x', 'ci-x', 'running'));
    await settle();
    expect(h.vms()).toEqual(['ci-01:running']);
    expect(h.rest.gets).toHaveLength(1);
  });

  it('a lookup failing after dispose reports nothing: no 401, no log line', async () => {
    const logger = recordingLogger();
    const h = recordingSync({ logger });
    await h.goLive([]);
    h.sync.handleMessage(unknownVm('x'));
    h.sync.handleMessage(unknownVm('y'));
    h.sync.dispose();
    h.rest.gets[0]?.d.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    h.rest.gets[1]?.d.reject(listFailure('socket hang up'));
    await settle();
    expect(h.unauthorized).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('a transitional VM is not confirmed once the socket closed', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: '1',
      previousState: 'running',
      currentState: 'stopping',
    });
    h.sync.connectionClosed();
    expect(h.time.pendingCount).toBe(0);
    h.time.advance(60_000);
    expect(h.rest.gets).toHaveLength(0);
  });

  it('two 401s at once (list and lookup) are told once', async () => {
    const h = recordingSync();
    await h.goLive([]);
    h.sync.resync('user');
    h.sync.handleMessage(unknownVm('x'));
    h.rest.gets[0]?.d.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    h.rest.lists[1]?.reject(kindFailure('unauthorized', 'Credentials rejected by the host'));
    await settle();
    expect(h.unauthorized).toEqual(['Credentials rejected by the host']);
  });

  it('frames that name no VM, buffered or during a re-list, cause no lookup', async () => {
    const h = recordingSync();
    h.sync.connectionOpened();
    h.sync.handleMessages(noVm);
    h.rest.lists[0]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    h.sync.resync('user');
    h.sync.handleMessages(noVm);
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'running')]);
    await settle();
    expect(h.rest.gets).toHaveLength(0);
    expect(h.vms()).toEqual(['ci-01:running']);
  });

  it('a server error frame is logged with the host', async () => {
    const logger = recordingLogger();
    const h = recordingSync({ logger });
    await h.goLive();
    h.sync.handleMessage({ type: 'server-error', message: 'queue full' });
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'server reported an error',
      fields: { hostId: 'farm-1', message: 'queue full' },
    });
  });

  it('a failed list is logged with the host, the reason and the retry delay', async () => {
    const logger = recordingLogger();
    const h = recordingSync({ logger });
    h.sync.connectionOpened();
    h.rest.lists[0]?.reject(listFailure('prlctl list failed'));
    await settle();
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'machine list failed; retrying',
        fields: { hostId: 'farm-1', error: 'prlctl list failed', delayMs: 1_000 },
      },
    ]);
  });

  it('a new connection does not judge updates by the old connection’s events', async () => {
    const h = recordingSync();
    await h.goLive([vm('1', 'ci-01', 'running')]);
    h.sync.handleMessage({
      type: 'vm-state-changed',
      vmId: '1',
      previousState: 'running',
      currentState: 'stopped',
    });
    h.sync.connectionClosed();
    h.sync.connectionOpened();
    h.rest.lists[1]?.resolve([vm('1', 'ci-01', 'stopped')]);
    await settle();
    h.time.advance(1_000);
    // Within 10 s of the old stop event, but the list after the reconnect is the new baseline: the update counts.
    h.sync.handleMessage({
      type: 'vm-upsert',
      vmId: '1',
      vm: vm('1', 'ci-01', 'running'),
      reason: 'updated',
    });
    expect(h.vm('1')?.state).toBe('running');
    expect(h.rest.gets).toHaveLength(0);
  });
});
