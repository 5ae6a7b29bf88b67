import { describe, expect, it } from 'vitest';
import { ATTENTION_WINDOW_MS, selectTrayStatus } from '../../../src/main/shell/tray-status';
import type { ConnectionStatus, HostSummary, HubEvent, Snapshot, Vm } from '../../../src/shared/model';
import { emptySnapshot, testVm } from '../../support/snapshots';

const NOW = 1_800_000_000_000;
const host = (id: string, status: ConnectionStatus): HostSummary => ({
  id,
  name: `Farm ${id}`,
  url: `https://${id}.local`,
  status,
});
const live: ConnectionStatus = { tag: 'live', since: NOW - 1000 };
const vm = (id: string, state: string, hostId = 'a'): Vm => testVm(id, state, { hostId, stateSince: NOW });
const stopEvent = (vmId: string, at: number, hostId = 'a'): HubEvent => ({
  id: `${vmId}-${at}`,
  at,
  hostId,
  kind: 'state-changed',
  vmId,
  from: 'running',
  to: 'stopped',
});

function snap(p: Partial<Snapshot>): Snapshot {
  return emptySnapshot({ generatedAt: NOW, ...p });
}

describe('selectTrayStatus', () => {
  const cases: [string, Partial<Snapshot>, boolean, { icon: string; title: string }][] = [
    ['no hosts configured', {}, true, { icon: 'disconnected', title: '' }],
    [
      'all hosts switched off',
      { hosts: [host('a', { tag: 'stopped' })] },
      true,
      { icon: 'disconnected', title: '' },
    ],
    [
      'all live, two running',
      { hosts: [host('a', live)], vms: [vm('1', 'running'), vm('2', 'running'), vm('3', 'stopped')] },
      true,
      { icon: 'ok', title: '2' },
    ],
    [
      'count hidden by setting',
      { hosts: [host('a', live)], vms: [vm('1', 'running')] },
      false,
      { icon: 'ok', title: '' },
    ],
    [
      'one host reconnecting',
      {
        hosts: [
          host('a', live),
          host('b', { tag: 'reconnecting', attempt: 2, nextAt: NOW + 5000, lastError: 'ECONNREFUSED' }),
        ],
      },
      true,
      { icon: 'disconnected', title: '0' },
    ],
    [
      'auth beats disconnected',
      {
        hosts: [
          host('a', { tag: 'auth-failed', message: '401' }),
          host('b', { tag: 'connecting', attempt: 1 }),
        ],
      },
      true,
      { icon: 'auth', title: '–' },
    ],
    [
      'untrusted certificate needs the user',
      { hosts: [host('a', { tag: 'tls-untrusted', fingerprint: 'AB', message: 'x' })] },
      true,
      { icon: 'auth', title: '–' },
    ],
    [
      'a VM stopped recently',
      { hosts: [host('a', live)], vms: [vm('1', 'stopped')], events: [stopEvent('1', NOW - 60_000)] },
      true,
      { icon: 'attention', title: '0' },
    ],
    [
      'a stop older than the window is not attention',
      {
        hosts: [host('a', live)],
        vms: [vm('1', 'stopped')],
        events: [stopEvent('1', NOW - ATTENTION_WINDOW_MS - 1)],
      },
      true,
      { icon: 'ok', title: '0' },
    ],
    [
      'a stopped VM that was started again is not attention',
      { hosts: [host('a', live)], vms: [vm('1', 'running')], events: [stopEvent('1', NOW - 60_000)] },
      true,
      { icon: 'ok', title: '1' },
    ],
    [
      'a muted VM is not attention',
      {
        hosts: [host('a', live)],
        vms: [vm('{ABC}', 'stopped')],
        events: [stopEvent('abc', NOW - 1)],
        mutedVms: ['a/abc'],
      },
      true,
      { icon: 'ok', title: '0' },
    ],
    [
      'a failed action is attention',
      {
        hosts: [host('a', live)],
        vms: [vm('1', 'running')],
        events: [{ id: 'e', at: NOW - 5, hostId: 'a', kind: 'action-failed', vmId: '1' }],
      },
      true,
      { icon: 'attention', title: '1' },
    ],
  ];
  it.each(cases)('%s', (_name, partial, showTrayCount, expected) => {
    expect(selectTrayStatus(snap(partial), { showTrayCount })).toMatchObject(expected);
  });

  it('the tooltip names the hosts that need attention', () => {
    const status = selectTrayStatus(
      snap({
        hosts: [host('a', { tag: 'auth-failed', message: '401' }), host('b', { tag: 'syncing' })],
        vms: [vm('1', 'running')],
      }),
      { showTrayCount: true },
    );
    // Neither host is live, so its last-known VM is not counted as running.
    expect(status.tooltip).toContain('no host live');
    expect(status.tooltip).not.toContain('1 VM running');
    expect(status.tooltip).toContain('Sign-in or certificate needed: Farm a');
    expect(status.tooltip).toContain('Not connected: Farm b');
  });

  it("counts only live hosts' running VMs and names the stale host with its time", () => {
    const asOf = new Date(2026, 0, 1, 14, 2).getTime();
    const status = selectTrayStatus(
      snap({
        hosts: [
          host('a', live),
          { ...host('b', { tag: 'reconnecting', attempt: 1, nextAt: NOW, lastError: '' }), dataAsOf: asOf },
        ],
        vms: [vm('1', 'running', 'a'), vm('2', 'running', 'b'), vm('3', 'running', 'b')],
      }),
      { showTrayCount: true },
    );
    expect(status.title).toBe('1');
    expect(status.tooltip).toContain('1 VM running on live hosts');
    const time = new Date(asOf).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(status.tooltip).toContain(`Last known, not live: Farm b as of ${time}`);
  });
});
