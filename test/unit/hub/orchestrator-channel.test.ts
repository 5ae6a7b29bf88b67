// parseOrchestratorFrame against the frames the orchestrator simulator writes (orchestrator-protocol.md §3.3/§3.4
// shapes): every one of the 18 names, the fast paths (noise dropped on its prefix, HOST_VM_STATE_CHANGED without
// JSON.parse) equal to the full parse, and broken input turned into {ok:false} without a throw.
import { describe, expect, it, vi } from 'vitest';
import { parseFrame as parseOrchestratorFrame } from '../../../src/main/hub/envelope';
import type { Hub } from '../../sim/hub';
import { createRng } from '../../sim/rng';
import { OrchestratorChannel, ORCHESTRATOR_MESSAGES } from '../../sim/orchestrator/channel';
import type { OrchestratorSimStats } from '../../sim/orchestrator/types';

const HOST = 'a16c7dfc2e8e79b927f0d8e786c7ac5fce172d800be06c15cb789eabae1550de';
const VM = '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a';

/** Every frame the simulator's channel can write, as the server's wire text (compact JSON + newline). */
function simulatorFrames(): Map<string, string> {
  const out = new Map<string, string>();
  const hub = {
    publish: (f: { message: string }) => out.set(f.message, `${JSON.stringify(f)}\n`),
  } as unknown as Hub;
  const stats = { published: {} } as OrchestratorSimStats;
  const ch = new OrchestratorChannel(hub, stats, createRng(1), false);
  const vm = { id: VM, name: 'Ubuntu 24.04', state: 'running', os: 'ubuntu', uptime: '3605', user: 'ci' };
  ch.vmStateChanged(HOST, VM, 'running', 'stopping');
  ch.vmUpsert(HOST, vm, 'HOST_VM_ADDED');
  ch.vmUpsert(HOST, vm, 'HOST_VM_UPDATED');
  ch.vmRemoved(HOST, VM);
  ch.vmUptime(HOST, VM, '3725');
  ch.vmSnapshots(HOST, VM);
  ch.macVmsRunning(HOST, [VM]);
  ch.health(HOST, 'unhealthy');
  ch.linkConnected(HOST);
  ch.linkDisconnected(HOST);
  ch.linkDegraded(HOST);
  ch.hostStats(HOST);
  ch.hostLog(HOST);
  ch.hostWrapped(HOST, 'HOST_CATALOG_CACHE_EVENT');
  ch.hostWrapped(HOST, 'HOST_REVERSE_PROXY_UPDATED');
  ch.hostAdded(HOST, '192.168.1.20', 'mac-mini-01');
  ch.hostRemoved(HOST.toUpperCase(), '192.168.1.20');
  ch.hostDeployed('', '192.168.1.21');
  return out;
}

const frames = simulatorFrames();
const parse = (name: string) => {
  const text = frames.get(name);
  if (text === undefined) throw new Error(`no ${name} frame`);
  return parseOrchestratorFrame(text, false);
};

describe('parseOrchestratorFrame: the 18 names', () => {
  it('the simulator wrote all 18', () => {
    expect([...frames.keys()].sort()).toEqual([...ORCHESTRATOR_MESSAGES].sort());
  });

  it('VM events carry the outer host_id and the host body', () => {
    expect(parse('HOST_VM_STATE_CHANGED')).toEqual({
      ok: true,
      message: {
        type: 'host-vm-state-changed',
        hostId: HOST,
        vmId: VM,
        previousState: 'running',
        currentState: 'stopping',
      },
    });
    const added = parse('HOST_VM_ADDED');
    expect(added).toMatchObject({
      ok: true,
      message: { type: 'host-vm-upsert', hostId: HOST, vmId: VM, reason: 'added' },
    });
    if (added.ok && added.message.type === 'host-vm-upsert')
      expect(added.message.vm).toMatchObject({
        id: VM,
        name: 'Ubuntu 24.04',
        state: 'running',
        uptimeSeconds: 3605,
      });
    expect(parse('HOST_VM_UPDATED')).toMatchObject({ ok: true, message: { reason: 'updated' } });
    expect(parse('HOST_VM_REMOVED')).toEqual({
      ok: true,
      message: { type: 'host-vm-removed', hostId: HOST, vmId: VM },
    });
    expect(parse('HOST_VM_UPTIME_CHANGED')).toEqual({
      ok: true,
      message: { type: 'host-vm-uptime', hostId: HOST, vmId: VM, uptimeSeconds: 3725 },
    });
    expect(parse('HOST_VM_SNAPSHOTS_UPDATED')).toMatchObject({
      ok: true,
      message: { type: 'host-vm-snapshots' },
    });
    expect(parse('HOST_MAC_VMS_RUNNING_NOW')).toEqual({
      ok: true,
      message: { type: 'host-mac-vms-running', hostId: HOST, vmIds: [VM] },
    });
  });

  it('host health, link and registry events', () => {
    expect(parse('HOST_HEALTH_UPDATE')).toEqual({
      ok: true,
      message: { type: 'host-health', hostId: HOST, state: 'unhealthy' },
    });
    expect(parse('HOST_WEBSOCKET_CONNECTED')).toMatchObject({
      message: { type: 'host-link', link: 'connected' },
    });
    expect(parse('HOST_WEBSOCKET_DISCONNECTED')).toMatchObject({ message: { link: 'disconnected' } });
    // DEGRADED's body says state "healthy": the name, not the state, decides.
    expect(parse('HOST_WEBSOCKET_DEGRADED')).toMatchObject({ message: { link: 'degraded' } });
    expect(parse('HOST_ADDED')).toEqual({
      ok: true,
      message: { type: 'host-added', hostId: HOST, hostName: '192.168.1.20', description: 'mac-mini-01' },
    });
    expect(parse('HOST_REMOVED')).toEqual({
      ok: true,
      message: { type: 'host-removed', hostId: HOST.toUpperCase(), hostName: '192.168.1.20' },
    });
    expect(parse('HOST_DEPLOYED')).toEqual({
      ok: true,
      message: { type: 'host-deployed', hostId: '', hostName: '192.168.1.21' },
    });
  });

  it('stats, logs, catalog-cache and reverse-proxy relays are noise, recognised without JSON.parse', () => {
    const spy = vi.spyOn(JSON, 'parse');
    try {
      for (const name of [
        'HOST_STATS_UPDATE',
        'HOST_LOGS_UPDATE',
        'HOST_CATALOG_CACHE_EVENT',
        'HOST_REVERSE_PROXY_UPDATED',
      ]) {
        expect(parse(name)).toEqual({ ok: true, message: { type: 'noise', message: name } });
      }
      expect(parse('HOST_VM_STATE_CHANGED').ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('parseOrchestratorFrame: fast paths equal the full parse', () => {
  const spaced = (text: string): string => text.replace('{"id"', '{ "id"');
  it.each([...frames.keys()])('%s', (name) => {
    const text = frames.get(name) as string;
    expect(parseOrchestratorFrame(text, false)).toStrictEqual(parseOrchestratorFrame(spaced(text), false));
  });

  it('escapes and odd values in a state change go through the full parse with the same meaning', () => {
    const text = (prev: string, cur: string, vm: string): string =>
      `{"id":"x","event_type":"orchestrator","timestamp":"t","message":"HOST_VM_STATE_CHANGED","body":{"host_id":"h","event":{"previous_state":${prev},"current_state":${cur},"vm_id":${vm}}}}`;
    const q = JSON.stringify;
    for (const [p, c, v] of [
      [q(''), q('running'), q('vm')],
      [q('st"op'), q('run\\ning'), q('__proto__')],
      [q('x'), q(''), q('vm')],
      ['null', q('stopped'), q('vm')],
      [q('x'), '7', q('vm')],
    ] as [string, string, string][]) {
      expect(parseOrchestratorFrame(text(p, c, v), false)).toStrictEqual(
        parseOrchestratorFrame(spaced(text(p, c, v)), false),
      );
    }
    expect(parseOrchestratorFrame(text(q(''), q('running'), q('vm')), false)).toMatchObject({
      ok: true,
      message: { previousState: null },
    });
  });
});

describe('parseOrchestratorFrame: other channels and broken input', () => {
  it('welcome and pong go to the single-host parser', () => {
    const welcome = `{"id":"1","event_type":"global","timestamp":"t","message":"WebSocket connection established subscribed to global by default","body":{"client_id":"c1","subscriptions":["orchestrator","global"]}}`;
    expect(parseOrchestratorFrame(welcome, false)).toEqual({
      ok: true,
      message: { type: 'welcome', clientId: 'c1', subscriptions: ['orchestrator', 'global'] },
    });
    const pong =
      '{"id":"2","ref_id":"r","event_type":"health","timestamp":"t","message":"pong","client_id":"c1"}';
    expect(parseOrchestratorFrame(pong, false)).toEqual({ ok: true, message: { type: 'pong', refId: 'r' } });
  });

  it('wrong types, missing host_id, unknown health states, garbage and binary are {ok:false}, never a throw', () => {
    const bad = [
      '{"event_type":"orchestrator","message":"HOST_VM_REMOVED","body":{"event":{"vm_id":"v"}}}',
      '{"event_type":"orchestrator","message":"HOST_VM_REMOVED","body":{"host_id":7,"event":{"vm_id":"v"}}}',
      '{"event_type":"orchestrator","message":"HOST_VM_REMOVED","body":{"host_id":"h","event":[]}}',
      '{"event_type":"orchestrator","message":"HOST_HEALTH_UPDATE","body":{"host_id":"h","state":"degraded"}}',
      '{"event_type":"orchestrator","message":"HOST_VM_ADDED","body":{"host_id":"h","event":{"new_vm":{}}}}',
      '{"event_type":"orchestrator","message":"HOST_ADDED","body":null}',
      '{"event_type":"orchestrator","message":7,"body":{}}',
      '{"event_type":"orchestrator","message":"HOST_MAC_VMS_RUNNING_NOW","body":{"host_id":"h","event":{"mac_vms_running":[1]}}}',
      'not json',
      '[]',
      '{"__proto__":{"polluted":true},"event_type":"orchestrator","message":"HOST_ADDED","body":{"__proto__":{"host_id":"x"}}}',
    ];
    for (const text of bad) expect(parseOrchestratorFrame(text, false).ok, text).toBe(false);
    expect(parseOrchestratorFrame(Buffer.from('{}'), true).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unknown message name is ignored, not an error (newer servers may add names)', () => {
    const text = '{"event_type":"orchestrator","message":"HOST_SOMETHING_NEW","body":{"host_id":"h"}}';
    expect(parseOrchestratorFrame(text, false)).toEqual({
      ok: true,
      message: { type: 'ignored', eventType: 'orchestrator', message: 'HOST_SOMETHING_NEW' },
    });
  });
});
