// What the pdfm parser makes of each field of a real VM (events-hub-protocol.md §4.4 new_vm / §8.1 GET /machines:
// capitalised ParallelsVM keys, or the public docs' lower-case ones): uptime as prlctl writes it, the guest IP that
// ends up in a copied shell command, fields the server left out, and the reason a broken frame is refused with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrame, type ParseResult } from '../../../src/main/hub/envelope';
import { HubRequestError } from '../../../src/main/hub/errors';
import { parseMachineList, parseVm } from '../../../src/main/hub/channels/pdfm';

const WS = join(__dirname, '../../fixtures/events-hub/ws');
const fixture = (name: string): { body: Record<string, unknown> } & Record<string, unknown> =>
  JSON.parse(readFileSync(join(WS, name), 'utf8')) as { body: Record<string, unknown> };

/** A real fixture frame with body fields replaced (undefined = field removed). */
function frame(name: string, body: Record<string, unknown>): string {
  const real = fixture(name);
  return JSON.stringify({ ...real, body: { ...real.body, ...body } });
}

describe('uptime (VM_UPTIME_CHANGED, prlctl writes seconds as a string)', () => {
  // [the wire value, seconds or undefined = unknown]
  const cases: [unknown, number | undefined][] = [
    ['3785', 3785],
    [' 42 ', 42], // prlctl column padding
    ['\t42', 42],
    ['42.9', 42],
    ['42.55', 42],
    [3785, 3785], // a number is accepted too
    [12.7, 12],
    [0, 0],
    ['', undefined], // not 0: an empty field is unknown
    ['   ', undefined],
    ['1 day', undefined],
    ['x42', undefined],
    ['42x', undefined],
    ['1e3', undefined], // only plain decimal seconds, not what Number() happens to read
    ['0x10', undefined],
    ['-5', undefined],
    [-5, undefined],
    [[5], undefined], // Number([5]) is 5, but an array is not an uptime
    [true, undefined],
    [null, undefined],
  ];
  it.each(cases)('%j -> %s', (uptime, seconds) => {
    const result = parseFrame(frame('vm-uptime-changed.json', { uptime }), false);
    expect(result).toStrictEqual({
      ok: true,
      message: {
        type: 'vm-uptime',
        vmId: fixture('vm-uptime-changed.json').body['vm_id'],
        uptimeSeconds: seconds,
      },
    });
  });

  it('an uptime too big for a double (1e400 parses to Infinity) is unknown', () => {
    const text = frame('vm-uptime-changed.json', { uptime: 0 }).replace('"uptime":0', '"uptime":1e400');
    expect(parseFrame(text, false)).toMatchObject({ ok: true, message: { uptimeSeconds: undefined } });
  });
});

describe('a VM object: spellings, and fields the server left out stay absent', () => {
  const base = { ID: 'vm-1', Name: 'Build', State: 'running' };

  it('takes the lower-case os and uptime spellings too', () => {
    expect(
      parseVm({ id: 'vm-1', name: 'Build', state: 'running', os: 'macosx', uptime: '61' }),
    ).toStrictEqual({
      id: 'vm-1',
      name: 'Build',
      state: 'running',
      os: 'macosx',
      uptimeSeconds: 61,
    });
  });

  it('a VM with only id, name and state has exactly those (and an empty os), nothing set to undefined', () => {
    // Absent, not undefined: a merge over what we knew must not erase the uptime, IP or owner we held.
    expect(parseVm(base)).toStrictEqual({ id: 'vm-1', name: 'Build', state: 'running', os: '' });
  });

  it('an empty ID or owner counts as missing', () => {
    expect(parseVm({ ...base, ID: '' })).toBeNull();
    expect(parseVm({ ...base, user: '' })).toStrictEqual({
      id: 'vm-1',
      name: 'Build',
      state: 'running',
      os: '',
    });
  });

  it('a VM without a name is not a VM', () => {
    expect(parseVm({ ID: 'vm-1', State: 'running' })).toBeNull();
    expect(parseMachineList([{ ID: 'vm-1', State: 'running' }, base])).toStrictEqual([
      { id: 'vm-1', name: 'Build', state: 'running', os: '' },
    ]);
  });

  it('VM_UPDATED with a partial new_vm carries only what it was given', () => {
    const text = frame('vm-updated-rename.json', { new_vm: { ID: 'vm-9', Name: 'Renamed', user: '' } });
    expect(parseFrame(text, false)).toStrictEqual({
      ok: true,
      message: {
        type: 'vm-upsert',
        vmId: fixture('vm-updated-rename.json').body['vm_id'],
        reason: 'updated',
        vm: { id: 'vm-9', name: 'Renamed' },
      },
    });
  });

  it("VM_ADDED whose new_vm.ID is empty is that event's vm_id", () => {
    const vmId = fixture('vm-added.json').body['vm_id'];
    const text = frame('vm-added.json', { new_vm: { ID: '', Name: 'New', State: 'stopped' } });
    expect(parseFrame(text, false)).toStrictEqual({
      ok: true,
      message: { type: 'vm-upsert', vmId, reason: 'added', vm: { id: vmId, name: 'New', state: 'stopped' } },
    });
  });

  it('a machines body that is null says so', () => {
    expect(() => parseMachineList(null)).toThrow(
      new HubRequestError('bad-response', 'The machines list is not a JSON array (got null)'),
    );
    expect(() => parseMachineList({})).toThrow('(got object)');
  });
});

describe('the guest IP (it ends up in a copied shell command)', () => {
  const base = { ID: 'vm-1', Name: 'Build', State: 'running' };
  const ipOf = (fields: Record<string, unknown>): string | undefined => parseVm({ ...base, ...fields })?.ip;
  const longest = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255'; // 45 characters, the longest address text

  it.each([
    ['an IPv6 address of the longest form', longest, longest],
    ['one character longer than any address', `${longest}0`, ''],
    ['"0.0.0.0" (no address)', '0.0.0.0', ''],
    ['"::" (no digit: not an address)', '::', ''],
    ['junk before an address', 'x10.0.0.1', ''],
    ['junk after an address', '10.0.0.1;reboot', ''],
  ])('internal_ip_address: %s', (_what, value, ip) => {
    expect(ipOf({ internal_ip_address: value })).toBe(ip);
  });

  it('Network.ipAddresses: entries that are not addresses are skipped, an IPv4 preferred', () => {
    const network = (...ipAddresses: unknown[]) => ({ Network: { ipAddresses } });
    expect(ipOf(network({ type: 'ipv4', ip: 7 }, { type: 'ipv6', ip: 'fe80::1' }))).toBe('fe80::1');
    expect(ipOf(network({ type: 'ipv4', ip: '10.0.0.1; rm -rf /' }, { type: 'ipv6', ip: 'fe80::2' }))).toBe(
      'fe80::2',
    );
    expect(ipOf(network({ type: 'ipv4', ip: '0.0.0.0' }))).toBe('');
    expect(ipOf(network('10.0.0.3', { type: 'ipv6', ip: 'fe80::3' }, { type: 'ipv4', ip: '10.0.0.4' }))).toBe(
      '10.0.0.4',
    );
    expect(ipOf({ internal_ip_address: '0.0.0.0', ...network({ type: 'ipv4', ip: '10.0.0.5' }) })).toBe(
      '10.0.0.5',
    );
  });
});

describe('a broken pdfm frame is refused with the field it broke on (the log line is the only trace)', () => {
  const refused = (reason: string): ParseResult => ({ ok: false, reason });
  it.each([
    [
      'VM_ADDED without new_vm',
      frame('vm-added.json', { new_vm: undefined }),
      'body.new_vm must be an object',
    ],
    [
      'VM_ADDED with a numeric new_vm.Name',
      frame('vm-added.json', { new_vm: { ID: 'a', Name: 7 } }),
      'body.new_vm.Name must be a string',
    ],
    ['VM_ADDED with a numeric vm_id', frame('vm-added.json', { vm_id: 5 }), 'body.vm_id must be a string'],
    [
      'VM_UPDATED with neither vm_id nor new_vm.ID',
      frame('vm-updated-rename.json', { vm_id: undefined, new_vm: { Name: 'x' } }),
      'body.vm_id or body.new_vm.ID is required',
    ],
    [
      'VM_UPDATED with an empty vm_id and no new_vm.ID',
      frame('vm-updated-rename.json', { vm_id: '', new_vm: { Name: 'x' } }),
      'body.vm_id or body.new_vm.ID is required',
    ],
    [
      'VM_UPTIME_CHANGED without vm_id',
      frame('vm-uptime-changed.json', { vm_id: undefined }),
      'body.vm_id must be a non-empty string',
    ],
    [
      'MAC_VMS_RUNNING_NOW with a numeric id',
      frame('mac-vms-running-now.json', { mac_vms_running: ['a', 1] }),
      'body.mac_vms_running must be an array of strings',
    ],
    [
      'VM_REMOVED with a numeric vm_id',
      frame('vm-removed-docs.json', { vm_id: 12 }),
      'body.vm_id must be a non-empty string',
    ],
  ])('%s', (_what, text, reason) => {
    expect(parseFrame(text, false)).toStrictEqual(refused(reason));
  });

  it('nothing is lost around a broken frame: the frames before and after it parse in full', () => {
    const good = ['vm-state-changed.json', 'vm-added.json', 'vm-removed-docs.json'].map((f) =>
      readFileSync(join(WS, f), 'utf8'),
    );
    const broken = frame('vm-added.json', { new_vm: [] });
    const alone = good.map((text) => parseFrame(text, false));
    const interleaved = [good[0], broken, good[1], broken, good[2]].map((text) =>
      parseFrame(text ?? '', false),
    );
    expect(interleaved.filter((r) => !r.ok)).toHaveLength(2);
    expect(interleaved.filter((r) => r.ok)).toStrictEqual(alone);
    expect(alone.every((r) => r.ok)).toBe(true);
  });
});
