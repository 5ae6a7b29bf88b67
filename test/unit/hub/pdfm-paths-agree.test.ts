// The regex fast path (pdfm.ts fastStateChanged) and the full JSON parse must give the same answer for every frame:
// the same message for a good frame, the same refusal reason for a broken one. The fixtures are pretty-printed, so
// as stored they always take the full parse; re-serialised compact (JSON.stringify keeps their Go struct key order,
// plus WriteJSON's newline: events-hub-protocol.md §4.1/§4.4) the VM_STATE_CHANGED ones take the fast path. This
// table runs every fixture, and every value variant of the real state frame, through both shapes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseFrame, type ParseResult } from '../../../src/main/hub/envelope';

const WS = join(__dirname, '../../fixtures/events-hub/ws');
const FIXTURES = readdirSync(WS)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => [file, readFileSync(join(WS, file), 'utf8')] as const);

/** The server's wire bytes for a frame: compact, Go key order (kept by JSON.stringify), trailing newline. */
const wire = (text: string): string => `${JSON.stringify(JSON.parse(text))}\n`;
/** The same frame with whitespace between tokens: valid JSON the fast path never matches. */
const spaced = (text: string): string => JSON.stringify(JSON.parse(text), null, 1);

/** parseFrame, plus whether it got there without JSON.parse (i.e. on a fast path). */
function parseCounting(text: string): { result: ParseResult; fast: boolean } {
  const spy = vi.spyOn(JSON, 'parse');
  try {
    const result = parseFrame(text, false);
    return { result, fast: spy.mock.calls.length === 0 };
  } finally {
    spy.mockRestore();
  }
}

const isPdfmStateChange = (text: string): boolean => {
  const frame = JSON.parse(text) as { event_type?: unknown; message?: unknown };
  return frame.event_type === 'pdfm' && frame.message === 'VM_STATE_CHANGED';
};

describe('pdfm: fast path and full parse agree on every fixture', () => {
  it('there are real VM_STATE_CHANGED fixtures to compare (the table below is not vacuous)', () => {
    expect(FIXTURES.filter(([, text]) => isPdfmStateChange(text)).map(([f]) => f)).toEqual([
      'vm-state-changed-docs.json',
      'vm-state-changed.json',
    ]);
  });

  it.each(FIXTURES)('%s: stored, wire-compact and spaced forms give one result', (_file, text) => {
    const stored = parseCounting(text);
    const compact = parseCounting(wire(text));
    const loose = parseCounting(spaced(text));
    expect(stored.result.ok).toBe(true);
    expect(compact.result).toStrictEqual(stored.result);
    expect(loose.result).toStrictEqual(stored.result);
    // Only the pdfm state frame in its wire shape skips JSON.parse (the orchestrator has its own fast path).
    expect(stored.fast).toBe(false);
    expect(loose.fast).toBe(false);
    const orchestratorFast = text.includes('"HOST_VM_STATE_CHANGED"');
    expect(compact.fast).toBe(isPdfmStateChange(text) || orchestratorFast);
  });
});

describe('pdfm: the real state frame with other values, on both paths', () => {
  const real = JSON.parse(readFileSync(join(WS, 'vm-state-changed.json'), 'utf8')) as {
    body: Record<string, unknown> & { vm_id: string };
  };
  const withBody = (body: Record<string, unknown>): string =>
    JSON.stringify({ ...real, body: { ...real.body, ...body } });

  // [what, body fields replaced, the one result both paths must give]
  const variants: [string, Record<string, unknown>, ParseResult][] = [
    [
      'capitalised states are lower-cased',
      { previous_state: 'Running', current_state: ' STOPPED ' },
      {
        ok: true,
        message: {
          type: 'vm-state-changed',
          vmId: real.body.vm_id,
          previousState: 'running',
          currentState: 'stopped',
        },
      },
    ],
    [
      'an empty previous state is "unknown" (null)',
      { previous_state: '' },
      {
        ok: true,
        message: {
          type: 'vm-state-changed',
          vmId: real.body.vm_id,
          previousState: null,
          currentState: 'stopped',
        },
      },
    ],
    [
      'a blank previous state is "unknown" (null)',
      { previous_state: '   ' },
      {
        ok: true,
        message: {
          type: 'vm-state-changed',
          vmId: real.body.vm_id,
          previousState: null,
          currentState: 'stopped',
        },
      },
    ],
    [
      'a blank current state is refused with its reason',
      { current_state: '   ' },
      { ok: false, reason: 'body.current_state must be a non-empty string' },
    ],
    [
      'an empty current state is refused with its reason',
      { current_state: '' },
      { ok: false, reason: 'body.current_state must be a non-empty string' },
    ],
    [
      'an empty vm id is refused',
      { vm_id: '' },
      { ok: false, reason: 'body.vm_id must be a non-empty string' },
    ],
    [
      'a numeric previous state is refused',
      { previous_state: 5 },
      { ok: false, reason: 'body.previous_state must be a string' },
    ],
    [
      'a numeric current state is refused',
      { current_state: 5 },
      { ok: false, reason: 'body.current_state must be a non-empty string' },
    ],
  ];

  it.each(variants)('%s', (_what, body, expected) => {
    const text = withBody(body);
    const compact = parseCounting(`${text}\n`);
    expect(compact.result).toStrictEqual(expected);
    // A good frame in the wire shape really is read by the fast path, so both paths are under test here.
    if (expected.ok) expect(compact.fast).toBe(true);
    expect(parseFrame(spaced(text), false)).toStrictEqual(expected);
  });
});
