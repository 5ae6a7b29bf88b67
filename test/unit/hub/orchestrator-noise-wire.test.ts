// The orchestrator's noise (HOST_STATS_UPDATE, HOST_LOGS_UPDATE, catalog-cache and reverse-proxy relays) is dropped
// on the frame's bytes, before the utf8 decode and JSON.parse (orchestrator-noise.ts). Dropping early must never
// drop a VM event: every frame gives through the wire path (a Buffer, as ws delivers it) exactly what the full parse
// gives (the same frame with one space, which no fast path accepts), over every fixture, every frame the
// orchestrator simulator writes, and hostile variants.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseFrame, type ParseResult } from '../../../src/main/hub/envelope';
import { noiseOnWire } from '../../../src/main/hub/channels/orchestrator-noise';
import type { Hub } from '../../sim/hub';
import { createRng } from '../../sim/rng';
import { OrchestratorChannel } from '../../sim/orchestrator/channel';
import type { OrchestratorSimStats } from '../../sim/orchestrator/types';

const HOST = 'a16c7dfc2e8e79b927f0d8e786c7ac5fce172d800be06c15cb789eabae1550de';
const VM = '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a';
const FIXTURES = join(__dirname, '../../fixtures/events-hub/ws');

/** What the server writes: compact JSON in struct order plus WriteJSON's newline. */
const wire = (frame: unknown): string => `${JSON.stringify(frame)}\n`;
/** One space after the brace: no fast path (text or wire) takes it, so this is always the full parse. Its invalid-JSON
 * reason counts that space, so the count is left out of the comparison. */
const fullParse = (text: string) => meaning(parseFrame(text.replace(/^\{/, '{ '), false));
const meaning = (result: ParseResult): ParseResult =>
  result.ok ? result : { ok: false, reason: result.reason.replace(/\(\d+ characters\)/, '(n characters)') };
const viaWire = (text: string) => meaning(parseFrame(Buffer.from(text, 'utf8'), false));

function simulatorFrames(): string[] {
  const out: string[] = [];
  const hub = { publish: (f: unknown) => out.push(wire(f)) } as unknown as Hub;
  const ch = new OrchestratorChannel(hub, { published: {} } as OrchestratorSimStats, createRng(3), false);
  const vm = { id: VM, name: 'Ubuntu', state: 'running', os: 'ubuntu', uptime: '1', user: 'ci' };
  ch.vmStateChanged(HOST, VM, 'running', 'stopped');
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
  for (let i = 0; i < 12; i++) ch.hostStats(HOST); // the 12th is the disk-space body
  for (let i = 0; i < 5; i++) ch.hostLog(HOST);
  ch.hostWrapped(HOST, 'HOST_CATALOG_CACHE_EVENT');
  ch.hostWrapped(HOST, 'HOST_REVERSE_PROXY_UPDATED');
  ch.hostAdded(HOST, '192.168.1.20', 'mac-mini-01');
  ch.hostRemoved(HOST, '192.168.1.20');
  ch.hostDeployed('', '192.168.1.21');
  return out;
}

const envelope = (message: string, body: unknown, extra: Record<string, string> = {}): string =>
  wire({
    id: extra.id ?? 'f'.repeat(64),
    event_type: extra.eventType ?? 'orchestrator',
    timestamp: extra.timestamp ?? '2026-08-18T10:24:00.123456Z',
    message,
    body,
  });
const stateChanged = (vmId: string): unknown => ({
  host_id: HOST,
  event: { previous_state: 'running', current_state: 'stopped', vm_id: vmId },
});
const logLine = (text: string): unknown => ({
  host_id: HOST,
  log: { level: 'info', message: text, time: '2026-08-18T10:24:00Z' },
});

/** Frames built to fool a prefix matcher; each must mean on the wire what it means to JSON.parse. */
const HOSTILE: [string, string][] = [
  [
    'a VM event whose vm_id is a noise name',
    envelope('HOST_VM_STATE_CHANGED', stateChanged('HOST_LOGS_UPDATE')),
  ],
  [
    'a VM event whose vm_id spells a noise prefix',
    envelope('HOST_VM_STATE_CHANGED', stateChanged('","message":"HOST_LOGS_UPDATE"')),
  ],
  [
    'a VM rename to a noise-looking name',
    envelope('HOST_VM_UPDATED', {
      host_id: HOST,
      event: { vm_id: VM, new_vm: { ID: VM, Name: 'HOST_STATS_UPDATE' } },
    }),
  ],
  [
    'a log line quoting a VM event',
    envelope('HOST_LOGS_UPDATE', logLine('"message":"HOST_VM_REMOVED" \\ "x"')),
  ],
  ['a log line naming HOST_LOGS_UPDATE', envelope('HOST_LOGS_UPDATE', logLine('HOST_LOGS_UPDATE'))],
  [
    'an id with escaped quotes spelling a noise envelope',
    envelope(
      'HOST_VM_REMOVED',
      { host_id: HOST, event: { vm_id: VM } },
      {
        id: 'x","event_type":"orchestrator","timestamp":"t","message":"HOST_LOGS_UPDATE',
      },
    ),
  ],
  [
    'a timestamp with an escaped quote',
    envelope(
      'HOST_VM_REMOVED',
      { host_id: HOST, event: { vm_id: VM } },
      { timestamp: 't","message":"HOST_STATS_UPDATE' },
    ),
  ],
  [
    'a timestamp with a backslash, then noise',
    envelope('HOST_STATS_UPDATE', { host_id: HOST }, { timestamp: 'a\\b' }),
  ],
  [
    'an escaped quote ending the id early (invalid JSON: must stay invalid, not become noise)',
    '{"id":"x\\","event_type":"orchestrator","timestamp":"t","message":"HOST_LOGS_UPDATE","body":{}}\n',
  ],
  [
    'a control character in the id (raw, not escaped)',
    envelope('HOST_STATS_UPDATE', {}).replace('"ffff', '"\u0001fff'),
  ],
  ['noise on another channel', envelope('HOST_LOGS_UPDATE', logLine('x'), { eventType: 'pdfm' })],
  ['a longer name that starts like noise', envelope('HOST_STATS_UPDATE_V2', { host_id: HOST })],
  ['a shorter name', envelope('HOST_STATS', { host_id: HOST })],
  [
    'multi-byte UTF-8 in id and timestamp',
    envelope('HOST_LOGS_UPDATE', logLine('é'), { id: 'é日本😀', timestamp: '\u2028' }),
  ],
  ['a byte-order mark before the frame', `\ufeff${envelope('HOST_STATS_UPDATE', { host_id: HOST })}`],
  ['an error frame', envelope('error', { error: 'HOST_LOGS_UPDATE' })],
];

const fixtureFrames = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .flatMap((name): [string, string][] => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    return [
      [`${name} (as stored)`, text],
      [`${name} (compact, as the server writes it)`, wire(JSON.parse(text))],
    ];
  });

describe('orchestrator noise dropped on the wire', () => {
  const table: [string, string][] = [
    ...fixtureFrames,
    ...simulatorFrames().map((text): [string, string] => [text.slice(0, 140), text]),
    ...HOSTILE,
  ];

  it.each(table)('%s: the wire path gives the full parse result', (_label, text) => {
    expect(viaWire(text)).toStrictEqual(fullParse(text));
  });

  it('recognises every noise frame the simulator writes, and nothing else', () => {
    const frames = simulatorFrames();
    const noise = frames.filter((text) => noiseOnWire(Buffer.from(text)) !== null);
    expect(noise).toHaveLength(12 + 5 + 2);
    for (const text of frames) {
      const full = fullParse(text);
      const isNoise = full.ok && full.message.type === 'noise';
      expect(noiseOnWire(Buffer.from(text)) !== null).toBe(isNoise);
    }
  });

  it('noise costs neither a decode nor JSON.parse', () => {
    const frames = simulatorFrames()
      .filter(
        (text) => text.includes('"message":"HOST_STATS_UPDATE"') || text.includes('"message":"HOST_LOGS'),
      )
      .map((text) => Buffer.from(text));
    const json = vi.spyOn(JSON, 'parse');
    const decode = vi.spyOn(Buffer.prototype, 'toString');
    try {
      for (const frame of frames)
        expect(parseFrame(frame, false)).toMatchObject({ message: { type: 'noise' } });
      expect(json).not.toHaveBeenCalled();
      expect(decode).not.toHaveBeenCalled();
    } finally {
      json.mockRestore();
      decode.mockRestore();
    }
  });

  it('invalid UTF-8 inside the id reads as the decoded text does (a decoder never swallows an ASCII byte)', () => {
    const text = envelope('HOST_LOGS_UPDATE', logLine('x'), { id: 'AB' });
    const at = text.indexOf('AB');
    // 0xE2 opens a 3-byte sequence; the next byte is ASCII, so the decoder ends the sequence there.
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from([0xe2, 0x41, 0xff]),
      Buffer.from(text.slice(at + 2)),
    ]);
    expect(meaning(parseFrame(bytes, false))).toStrictEqual(fullParse(bytes.toString('utf8')));
    expect(noiseOnWire(bytes)).toBe('HOST_LOGS_UPDATE');
    // An invalid lead byte right before the closing quote must not hide the quote.
    const hidden = Buffer.from(envelope('HOST_VM_REMOVED', { host_id: HOST, event: { vm_id: VM } }));
    const quote = hidden.indexOf('","event_type"');
    const withLead = Buffer.concat([hidden.subarray(0, quote), Buffer.from([0xf0]), hidden.subarray(quote)]);
    expect(meaning(parseFrame(withLead, false))).toStrictEqual(fullParse(withLead.toString('utf8')));
  });

  it('a frame cut anywhere is never a VM event through the wire path; a cut after the name is noise', () => {
    // Known and accepted: a noise prefix with a broken tail is dropped as noise, where the full parse calls it
    // invalid. Both drop it; neither reaches the store. A cut before the name's closing quote falls through.
    const text = envelope('HOST_LOGS_UPDATE', logLine('Processing VM state change'));
    const nameEnd = text.indexOf('HOST_LOGS_UPDATE"') + 'HOST_LOGS_UPDATE"'.length;
    for (let cut = 0; cut < text.length; cut++) {
      const part = text.slice(0, cut);
      const result = viaWire(part);
      if (cut >= nameEnd)
        expect(result).toStrictEqual({ ok: true, message: { type: 'noise', message: 'HOST_LOGS_UPDATE' } });
      else expect(result).toStrictEqual(fullParse(part));
    }
  });
});
