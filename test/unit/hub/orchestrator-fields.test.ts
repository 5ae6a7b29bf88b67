// What the orchestrator channel parser makes of the non-VM names and the per-VM side events (orchestrator-protocol.md
// §3.3/§3.4): the reason a broken frame is refused with (the log line is the only trace of a misbehaving
// orchestrator), optional names that are empty, and noise recognised by its name alone, on both parse paths.
import { describe, expect, it } from 'vitest';
import { parseFrame, type ParseResult } from '../../../src/main/hub/envelope';
import { accepted, frame, HOST, refused, spaced, VM } from './orchestrator-frames';

describe('orchestrator: the other names, good and broken', () => {
  it.each([
    [
      'HOST_VM_REMOVED without event',
      'HOST_VM_REMOVED',
      { host_id: HOST },
      refused('body.event must be an object'),
    ],
    [
      'HOST_VM_REMOVED with a numeric host',
      'HOST_VM_REMOVED',
      { host_id: 7, event: { vm_id: VM } },
      refused('body.host_id must be a non-empty string'),
    ],
    [
      'HOST_VM_REMOVED without vm_id',
      'HOST_VM_REMOVED',
      { host_id: HOST, event: {} },
      refused('body.event.vm_id must be a non-empty string'),
    ],
    ['a string body', 'HOST_VM_REMOVED', 'removed', refused('frame.body must be an object')],
    ['an array body', 'HOST_ADDED', [HOST], refused('frame.body must be an object')],
    [
      'HOST_HEALTH_UPDATE without host_id',
      'HOST_HEALTH_UPDATE',
      { state: 'healthy' },
      refused('body.host_id must be a non-empty string'),
    ],
    [
      'HOST_REMOVED, a numeric host name',
      'HOST_REMOVED',
      { host_id: HOST, host: 5 },
      refused('body.host must be a string'),
    ],
    [
      'HOST_DEPLOYED, a numeric host name',
      'HOST_DEPLOYED',
      { host_id: '', host: 5 },
      refused('body.host must be a string'),
    ],
    [
      'HOST_VM_UPTIME_CHANGED',
      'HOST_VM_UPTIME_CHANGED',
      { host_id: HOST, event: { vm_id: VM, uptime: '3725' } },
      accepted({ type: 'host-vm-uptime', hostId: HOST, vmId: VM, uptimeSeconds: 3725 }),
    ],
    [
      'HOST_VM_UPTIME_CHANGED without vm_id',
      'HOST_VM_UPTIME_CHANGED',
      { host_id: HOST, event: { uptime: '1' } },
      refused('body.event.vm_id must be a non-empty string'),
    ],
    [
      'HOST_VM_SNAPSHOTS_UPDATED',
      'HOST_VM_SNAPSHOTS_UPDATED',
      { host_id: HOST, event: { vm_id: VM, snapshots: [] } },
      accepted({ type: 'host-vm-snapshots', hostId: HOST, vmId: VM }),
    ],
    [
      'HOST_VM_SNAPSHOTS_UPDATED without vm_id',
      'HOST_VM_SNAPSHOTS_UPDATED',
      { host_id: HOST, event: {} },
      refused('body.event.vm_id must be a non-empty string'),
    ],
    [
      'HOST_MAC_VMS_RUNNING_NOW, a Go nil slice',
      'HOST_MAC_VMS_RUNNING_NOW',
      { host_id: HOST, event: { mac_vms_running: null } },
      accepted({ type: 'host-mac-vms-running', hostId: HOST, vmIds: [] }),
    ],
    [
      'HOST_MAC_VMS_RUNNING_NOW, no list',
      'HOST_MAC_VMS_RUNNING_NOW',
      { host_id: HOST, event: {} },
      accepted({ type: 'host-mac-vms-running', hostId: HOST, vmIds: [] }),
    ],
    [
      'HOST_MAC_VMS_RUNNING_NOW, an object',
      'HOST_MAC_VMS_RUNNING_NOW',
      { host_id: HOST, event: { mac_vms_running: { 0: VM } } },
      refused('body.event.mac_vms_running must be an array of strings'),
    ],
    [
      'HOST_MAC_VMS_RUNNING_NOW, a number in the list',
      'HOST_MAC_VMS_RUNNING_NOW',
      { host_id: HOST, event: { mac_vms_running: [VM, 1] } },
      refused('body.event.mac_vms_running must be an array of strings'),
    ],
    [
      'HOST_HEALTH_UPDATE healthy',
      'HOST_HEALTH_UPDATE',
      { host_id: HOST, state: 'healthy' },
      accepted({ type: 'host-health', hostId: HOST, state: 'healthy' }),
    ],
    [
      'HOST_HEALTH_UPDATE "degraded"',
      'HOST_HEALTH_UPDATE',
      { host_id: HOST, state: 'degraded' },
      refused('body.state must be healthy or unhealthy, got "degraded"'),
    ],
    [
      'HOST_HEALTH_UPDATE, a long state cut at 40',
      'HOST_HEALTH_UPDATE',
      { host_id: HOST, state: 'x'.repeat(100) },
      refused(`body.state must be healthy or unhealthy, got "${'x'.repeat(40)}"`),
    ],
    [
      'HOST_HEALTH_UPDATE without state',
      'HOST_HEALTH_UPDATE',
      { host_id: HOST },
      refused('body.state must be a non-empty string'),
    ],
    [
      'HOST_WEBSOCKET_CONNECTED',
      'HOST_WEBSOCKET_CONNECTED',
      { host_id: HOST, state: 'websocket_connected' },
      accepted({ type: 'host-link', hostId: HOST, link: 'connected' }),
    ],
    [
      'HOST_WEBSOCKET_DISCONNECTED',
      'HOST_WEBSOCKET_DISCONNECTED',
      { host_id: HOST, state: 'websocket_disconnected' },
      accepted({ type: 'host-link', hostId: HOST, link: 'disconnected' }),
    ],
    [
      'HOST_WEBSOCKET_DEGRADED (its state says "healthy")',
      'HOST_WEBSOCKET_DEGRADED',
      { host_id: HOST, state: 'healthy' },
      accepted({ type: 'host-link', hostId: HOST, link: 'degraded' }),
    ],
    [
      'HOST_WEBSOCKET_CONNECTED without host',
      'HOST_WEBSOCKET_CONNECTED',
      { state: 'websocket_connected' },
      refused('body.host_id must be a non-empty string'),
    ],
    [
      'HOST_ADDED without description',
      'HOST_ADDED',
      { host_id: HOST, host: '192.168.1.21' },
      accepted({ type: 'host-added', hostId: HOST, hostName: '192.168.1.21', description: null }),
    ],
    [
      'HOST_ADDED, empty names are none',
      'HOST_ADDED',
      { host_id: HOST, host: '', description: '' },
      accepted({ type: 'host-added', hostId: HOST, hostName: null, description: null }),
    ],
    [
      'HOST_ADDED, a numeric host name',
      'HOST_ADDED',
      { host_id: HOST, host: 5 },
      refused('body.host must be a string'),
    ],
    [
      'HOST_ADDED, a numeric description',
      'HOST_ADDED',
      { host_id: HOST, host: 'h', description: 5 },
      refused('body.description must be a string'),
    ],
    [
      'HOST_ADDED without host_id',
      'HOST_ADDED',
      { host: 'h' },
      refused('body.host_id must be a non-empty string'),
    ],
    [
      'HOST_REMOVED by name, without host',
      'HOST_REMOVED',
      { host_id: 'Mac-Mini-02' },
      accepted({ type: 'host-removed', hostId: 'Mac-Mini-02', hostName: null }),
    ],
    [
      'HOST_REMOVED with an empty id',
      'HOST_REMOVED',
      { host_id: '' },
      refused('body.host_id must be a non-empty string'),
    ],
    [
      'HOST_DEPLOYED with an empty id (§3.3)',
      'HOST_DEPLOYED',
      { host_id: '', message: 'Agent deployed and registered successfully' },
      accepted({ type: 'host-deployed', hostId: '', hostName: null }),
    ],
    ['HOST_DEPLOYED without an id', 'HOST_DEPLOYED', { host: 'h' }, refused('body.host_id must be a string')],
    [
      'HOST_DEPLOYED with a numeric id',
      'HOST_DEPLOYED',
      { host_id: 3 },
      refused('body.host_id must be a string'),
    ],
  ] as [string, string, unknown, ParseResult][])('%s', (_what, message, body, expected) => {
    expect(parseFrame(frame(message, body), false)).toStrictEqual(expected);
    expect(parseFrame(spaced(frame(message, body)), false)).toStrictEqual(expected);
  });
});

describe('orchestrator: noise is recognised by name alone', () => {
  it.each([
    'HOST_STATS_UPDATE',
    'HOST_LOGS_UPDATE',
    'HOST_CATALOG_CACHE_EVENT',
    'HOST_REVERSE_PROXY_UPDATED',
  ])('%s, whatever its body, on both paths', (message) => {
    const expected = accepted({ type: 'noise', message });
    for (const body of [{ host_id: HOST, log: { level: 'info' } }, { event: {}, host_id: HOST }, {}])
      for (const text of [frame(message, body), spaced(frame(message, body))])
        expect(parseFrame(text, false)).toStrictEqual(expected);
  });

  it('a state-change-shaped body is read by its channel and name, not by its shape', () => {
    const event = { previous_state: 'running', current_state: 'stopped', vm_id: VM };
    expect(parseFrame(frame('HOST_VM_UPDATED', { host_id: HOST, event }), false)).toStrictEqual(
      accepted({ type: 'host-vm-upsert', hostId: HOST, vmId: VM, vm: null, reason: 'updated' }),
    );
    const otherChannel = frame('HOST_VM_STATE_CHANGED', { host_id: HOST, event }).replace(
      '"orchestrator"',
      '"stats"',
    );
    expect(parseFrame(otherChannel, false)).toStrictEqual(
      accepted({ type: 'ignored', eventType: 'stats', message: 'HOST_VM_STATE_CHANGED' }),
    );
  });

  it('a name that only starts like noise is not noise', () => {
    expect(parseFrame(frame('HOST_STATS_UPDATE_V2', { host_id: HOST }), false)).toStrictEqual(
      accepted({ type: 'ignored', eventType: 'orchestrator', message: 'HOST_STATS_UPDATE_V2' }),
    );
  });
});
