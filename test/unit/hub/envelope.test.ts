import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HubRequestError } from '../../../src/main/hub/errors';
import { parseFrame, type HubMessage } from '../../../src/main/hub/envelope';
import { parseMachineList, parseVm } from '../../../src/main/hub/channels/pdfm';

const FIXTURES = join(__dirname, '../../fixtures/events-hub');
const wsFixture = (name: string): string => readFileSync(join(FIXTURES, 'ws', name), 'utf8');
const restFixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, 'rest', name), 'utf8'));

function parsed(text: string): HubMessage {
  const result = parseFrame(text, false);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.message;
}

// Every ws fixture with the message it must become. Adding a fixture without listing it fails the test below.
const WS_TABLE: Record<string, HubMessage> = {
  'client-id.json': { type: 'ignored', eventType: 'system', message: 'client-id' },
  'error-malformed-json.json': {
    type: 'server-error',
    message: "global: invalid character 'x' looking for beginning of value",
  },
  'error-no-handler.json': { type: 'server-error', message: 'global: no handlers registered for type stats' },
  'error-unknown-type.json': { type: 'server-error', message: 'global: invalid message type foo' },
  'mac-vms-running-now.json': { type: 'vms-running-now', vmIds: ['0e3b8f52-77d1-4b0e-a1c4-93f2d6e5a718'] },
  // The orchestrator channel is in the channel table (issue 15): its frames are parsed, not ignored.
  'orchestrator-host-health-update.json': {
    type: 'host-health',
    hostId: 'b7e5c1d2-0000-4aaa-8bbb-123456789abc',
    state: 'unhealthy',
  },
  'orchestrator-host-vm-state-changed.json': {
    type: 'host-vm-state-changed',
    hostId: 'b7e5c1d2-0000-4aaa-8bbb-123456789abc',
    vmId: '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a',
    previousState: 'running',
    currentState: 'stopped',
  },
  'pdfm-unknown-message.json': { type: 'ignored', eventType: 'pdfm', message: 'VM Added - Load Test' },
  'pong.json': { type: 'pong', refId: 'hb-42' },
  'stats.json': { type: 'ignored', eventType: 'stats', message: 'System Stats' },
  'vm-added-docs.json': {
    type: 'vm-upsert',
    vmId: 'ae032783-53d3-49c3-babf-1475589d9a7b',
    reason: 'added',
    vm: { id: 'ae032783-53d3-49c3-babf-1475589d9a7b', name: 'My New VM', os: 'ubuntu', state: 'running' },
  },
  'vm-added.json': {
    type: 'vm-upsert',
    vmId: 'b41f9a07-2c5e-4f6d-8e31-7a0c9d2b5e64',
    reason: 'added',
    vm: {
      id: 'b41f9a07-2c5e-4f6d-8e31-7a0c9d2b5e64',
      name: 'Windows 11 Build Agent',
      state: 'stopped',
      os: 'win-11',
      uptimeSeconds: 0,
      ip: '',
      user: 'ci',
    },
  },
  'vm-removed-docs.json': { type: 'vm-removed', vmId: 'ae032783-53d3-49c3-babf-1475589d9a7b' },
  'vm-snapshots-updated.json': { type: 'ignored', eventType: 'pdfm', message: 'VM_SNAPSHOTS_UPDATED' },
  'vm-state-changed-docs.json': {
    type: 'vm-state-changed',
    vmId: 'fb83295e-0ccb-46b1-8205-b03997f82b00',
    previousState: 'suspended',
    currentState: 'resuming',
  },
  'vm-state-changed.json': {
    type: 'vm-state-changed',
    vmId: '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a',
    previousState: 'running',
    currentState: 'stopped',
  },
  'vm-updated-rename.json': {
    type: 'vm-upsert',
    vmId: '0e3b8f52-77d1-4b0e-a1c4-93f2d6e5a718',
    reason: 'updated',
    vm: {
      id: '0e3b8f52-77d1-4b0e-a1c4-93f2d6e5a718',
      name: 'macOS 26 Runner (renamed)',
      state: 'running',
      os: 'macosx',
      uptimeSeconds: 3725,
      ip: '10.211.55.14',
      user: 'ci',
    },
  },
  'vm-uptime-changed.json': {
    type: 'vm-uptime',
    vmId: '0e3b8f52-77d1-4b0e-a1c4-93f2d6e5a718',
    uptimeSeconds: 3785,
  },
  'welcome-docs.json': {
    type: 'welcome',
    clientId: '338a28f7-666e-46e1-8e7d-4feba5edc061',
    subscriptions: ['pdfm', 'global'],
  },
  'welcome.json': {
    type: 'welcome',
    clientId: '9b2f6c1e-3a47-4d0b-9a51-2f7c8e6d4b10',
    subscriptions: ['pdfm', 'health', 'global'],
  },
};

describe('parseFrame: ws fixtures', () => {
  it('lists every fixture file (add new fixtures to WS_TABLE)', () => {
    const files = readdirSync(join(FIXTURES, 'ws'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(Object.keys(WS_TABLE).sort());
  });

  it.each(Object.entries(WS_TABLE))('%s', (file, expected) => {
    expect(parsed(wsFixture(file))).toEqual(expected);
  });

  it('parses the same frame from a Buffer, an ArrayBuffer and fragments', () => {
    const text = wsFixture('vm-state-changed.json');
    const buf = Buffer.from(text);
    const expected = WS_TABLE['vm-state-changed.json'];
    expect(parseFrame(buf, false)).toEqual({ ok: true, message: expected });
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    expect(parseFrame(ab, false)).toEqual({ ok: true, message: expected });
    expect(parseFrame([buf.subarray(0, 10), buf.subarray(10)], false)).toEqual({
      ok: true,
      message: expected,
    });
  });
});

describe('parseFrame: shapes and edge cases', () => {
  it('new_vm without name/state keeps those fields absent (the store keeps what it knew)', () => {
    const msg = parsed(
      JSON.stringify({
        event_type: 'pdfm',
        message: 'VM_UPDATED',
        body: { vm_id: 'v1', new_vm: { ID: 'v1', OS: 'macosx' } },
      }),
    );
    expect(msg).toEqual({ type: 'vm-upsert', vmId: 'v1', reason: 'updated', vm: { id: 'v1', os: 'macosx' } });
    expect(msg.type === 'vm-upsert' && 'name' in msg.vm).toBe(false);
    expect(msg.type === 'vm-upsert' && 'state' in msg.vm).toBe(false);
  });

  it('takes the id from new_vm.ID when vm_id is missing, and passes ids through verbatim', () => {
    expect(
      parsed(
        JSON.stringify({
          event_type: 'pdfm',
          message: 'VM_ADDED',
          body: { new_vm: { ID: '{ABC-1}', Name: 'x', State: 'running' } },
        }),
      ),
    ).toMatchObject({
      vmId: '{ABC-1}',
      vm: { id: '{ABC-1}', name: 'x', state: 'running' },
    });
  });

  it('a missing previous_state becomes null; MAC_VMS_RUNNING_NOW null (Go nil slice) becomes []', () => {
    expect(
      parsed(
        '{"event_type":"pdfm","message":"VM_STATE_CHANGED","body":{"vm_id":"a","current_state":"running"}}',
      ),
    ).toEqual({
      type: 'vm-state-changed',
      vmId: 'a',
      previousState: null,
      currentState: 'running',
    });
    expect(
      parsed('{"event_type":"pdfm","message":"MAC_VMS_RUNNING_NOW","body":{"mac_vms_running":null}}'),
    ).toEqual({ type: 'vms-running-now', vmIds: [] });
  });

  it('an unparseable uptime is unknown, not 0', () => {
    expect(
      parsed('{"event_type":"pdfm","message":"VM_UPTIME_CHANGED","body":{"vm_id":"a","uptime":"1 day"}}'),
    ).toEqual({ type: 'vm-uptime', vmId: 'a', uptimeSeconds: undefined });
  });

  it('an error frame without a body still becomes a server-error', () => {
    expect(parsed('{"event_type":"system","message":"error"}')).toEqual({
      type: 'server-error',
      message: 'system: unspecified server error',
    });
  });
});

describe('parseFrame: hostile input is {ok:false}, never a throw', () => {
  const cases: [string, string | Buffer, boolean][] = [
    ['invalid JSON', '{"event_type":', false],
    ['empty', '', false],
    ['binary frame', Buffer.from(wsFixture('welcome.json')), true],
    ['random bytes', Buffer.from([0xff, 0xfe, 0x00, 0x01]), false],
    ['array instead of object', '[{"event_type":"pdfm"}]', false],
    ['null', 'null', false],
    ['number', '42', false],
    ['string', '"hello"', false],
    ['event_type not a string', '{"event_type":5,"message":"VM_REMOVED","body":{"vm_id":"a"}}', false],
    ['missing event_type', '{"message":"VM_REMOVED","body":{"vm_id":"a"}}', false],
    ['message not a string', '{"event_type":"pdfm","message":["VM_REMOVED"],"body":{"vm_id":"a"}}', false],
    ['vm_id a number', '{"event_type":"pdfm","message":"VM_REMOVED","body":{"vm_id":12}}', false],
    ['vm_id empty', '{"event_type":"pdfm","message":"VM_REMOVED","body":{"vm_id":""}}', false],
    [
      'current_state an object',
      '{"event_type":"pdfm","message":"VM_STATE_CHANGED","body":{"vm_id":"a","current_state":{}}}',
      false,
    ],
    ['pdfm body an array', '{"event_type":"pdfm","message":"VM_REMOVED","body":["a"]}', false],
    ['new_vm an array', '{"event_type":"pdfm","message":"VM_ADDED","body":{"vm_id":"a","new_vm":[]}}', false],
    [
      'new_vm Name a number',
      '{"event_type":"pdfm","message":"VM_ADDED","body":{"vm_id":"a","new_vm":{"Name":7}}}',
      false,
    ],
    [
      'welcome subscriptions not strings',
      '{"event_type":"global","body":{"client_id":"c","subscriptions":[1,2]}}',
      false,
    ],
    [
      'welcome client_id a number',
      '{"event_type":"global","body":{"client_id":3,"subscriptions":[]}}',
      false,
    ],
    [
      'mac_vms_running an object',
      '{"event_type":"pdfm","message":"MAC_VMS_RUNNING_NOW","body":{"mac_vms_running":{"0":"a"}}}',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, input, binary) => {
    const result = parseFrame(input, binary);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
  });

  it('survives 1 MB strings and reports them without echoing them', () => {
    const big = 'x'.repeat(1024 * 1024);
    const ok = parseFrame(
      JSON.stringify({
        event_type: 'pdfm',
        message: 'VM_STATE_CHANGED',
        body: { vm_id: 'a', current_state: big },
      }),
      false,
    );
    expect(ok.ok && ok.message.type === 'vm-state-changed' && ok.message.currentState.length).toBe(
      big.length,
    );
    const bad = parseFrame(`{"event_type":"pdfm","message":"${big}`, false);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason.length).toBeLessThan(200);
  });

  it('survives absurd nesting', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(parseFrame(deep, false).ok).toBe(false);
    const deepBody = `{"event_type":"pdfm","message":"VM_REMOVED","body":{"vm_id":"a","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;
    expect(parseFrame(deepBody, false)).toEqual({ ok: true, message: { type: 'vm-removed', vmId: 'a' } });
  });

  it('__proto__ / constructor keys neither pollute Object.prototype nor supply fields', () => {
    const frames = [
      '{"__proto__":{"event_type":"pdfm","polluted":true},"message":"VM_REMOVED","body":{"vm_id":"a"}}',
      '{"event_type":"pdfm","message":"VM_REMOVED","body":{"__proto__":{"vm_id":"evil"}}}',
      '{"event_type":"pdfm","message":"VM_ADDED","body":{"vm_id":"a","new_vm":{"__proto__":{"Name":"evil"},"constructor":{"prototype":{"polluted":true}}}}}',
      '{"constructor":{"prototype":{"polluted":true}},"event_type":"global","body":{"client_id":"c","subscriptions":["pdfm"]}}',
    ];
    const results = frames.map((f) => parseFrame(f, false));
    expect(results[0]?.ok).toBe(false); // event_type only exists on the (own) __proto__ object
    expect(results[1]?.ok).toBe(false); // vm_id only via __proto__
    expect(results[2]).toEqual({
      ok: true,
      message: { type: 'vm-upsert', vmId: 'a', reason: 'added', vm: { id: 'a' } },
    });
    expect(results[3]).toEqual({
      ok: true,
      message: { type: 'welcome', clientId: 'c', subscriptions: ['pdfm'] },
    });
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.event_type).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('REST bodies', () => {
  it('machines.json parses every VM with the real capitalised keys', () => {
    const raw = restFixture('machines.json') as unknown[];
    const vms = parseMachineList(raw);
    expect(vms).toHaveLength(raw.length);
    expect(vms[0]).toEqual({
      id: '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a',
      name: 'Ubuntu 24.04 CI',
      state: 'running',
      os: 'ubuntu',
      uptimeSeconds: 3725,
      ip: '10.211.55.14',
      user: 'ci',
    });
    for (const vm of vms) {
      expect(vm.id).toMatch(/\S/);
      expect(typeof vm.name).toBe('string');
      expect(vm.state).toMatch(/\S/);
    }
  });

  it('every rest fixture is either a VM list or not a VM', () => {
    const files = readdirSync(join(FIXTURES, 'rest')).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const body = restFixture(file);
      if (file === 'machines.json') continue;
      // None of the other bodies is a VM; they must be rejected without throwing.
      expect(parseVm(body), file).toBeNull();
      if (!Array.isArray(body)) expect(() => parseMachineList(body), file).toThrow(HubRequestError);
    }
  });

  it('parseVm accepts the public-docs shape and rejects incomplete or wrong-typed objects', () => {
    expect(parseVm({ id: 'a', name: 'n', state: 'stopped', os_type: 'ubuntu' })).toEqual({
      id: 'a',
      name: 'n',
      state: 'stopped',
      os: 'ubuntu',
    });
    expect(parseVm({ ID: 'a', Name: 'n', State: 'running' })).toEqual({
      id: 'a',
      name: 'n',
      state: 'running',
      os: '',
    });
    expect(parseVm({ Name: 'n', State: 'running' })).toBeNull();
    expect(parseVm({ ID: 'a', Name: 5, State: 'running' })).toBeNull();
    expect(parseVm([{ ID: 'a', Name: 'n', State: 'running' }])).toBeNull();
    expect(parseVm('a')).toBeNull();
    expect(parseVm(null)).toBeNull();
  });

  it('parseMachineList: [] is empty, broken items are skipped, non-arrays throw bad-response', () => {
    expect(parseMachineList([])).toEqual([]);
    expect(parseMachineList([{ ID: 'a', Name: 'n', State: 'running' }, 7, null, { ID: 1 }])).toHaveLength(1);
    for (const bad of [null, {}, 'x', 3]) {
      try {
        parseMachineList(bad);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(HubRequestError);
        expect((error as HubRequestError).kind).toBe('bad-response');
      }
    }
  });
});

describe('parseVm: the guest IP and owner (issue 14: Copy IP / ssh)', () => {
  const base = { ID: 'a', Name: 'n', State: 'running', OS: 'ubuntu' };
  it('takes internal_ip_address first, else the first IPv4 of Network.ipAddresses', () => {
    expect(parseVm({ ...base, internal_ip_address: '10.211.55.5', user: 'alice' })).toMatchObject({
      ip: '10.211.55.5',
      user: 'alice',
    });
    expect(
      parseVm({
        ...base,
        Network: {
          ipAddresses: [
            { type: 'ipv6', ip: 'fe80::1' },
            { type: 'ipv4', ip: '10.0.0.9' },
          ],
        },
      })?.ip,
    ).toBe('10.0.0.9');
  });
  it('says "no IP" for an empty one, ignores junk, and never fails the VM over it', () => {
    expect(parseVm({ ...base, internal_ip_address: '', Network: { ipAddresses: [] } })?.ip).toBe('');
    expect(parseVm({ ...base, internal_ip_address: '1.2.3.4; rm -rf /' })?.ip).toBe('');
    expect(parseVm({ ...base, Network: 'weird' })).not.toBeNull();
    expect(parseVm(base)?.ip).toBeUndefined();
  });
});
