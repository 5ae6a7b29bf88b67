// parseFrame recognises the server's compact VM_STATE_CHANGED frame with a regex instead of JSON.parse. It must
// give exactly what the full parse gives, for every value, and leave anything unusual to the full parse.
import { describe, expect, it, vi } from 'vitest';
import { parseFrame } from '../../../src/main/hub/envelope';

/** The server's byte layout (Go struct order, compact, WriteJSON's trailing newline): the fast path's shape. */
function compact(prev: string, cur: string, vm: string, tail = '\n'): string {
  return (
    `{"id":"7a1b","event_type":"pdfm","timestamp":"2026-08-18T10:16:10.2Z","message":"VM_STATE_CHANGED",` +
    `"body":{"previous_state":${prev},"current_state":${cur},"vm_id":${vm}}}${tail}`
  );
}

/** The same frame with one extra space: never the fast path, always JSON.parse + validation. */
function spaced(prev: string, cur: string, vm: string): string {
  return compact(prev, cur, vm, '').replace('{"id"', '{ "id"');
}

const q = (s: string): string => JSON.stringify(s);

describe('parseFrame VM_STATE_CHANGED fast path', () => {
  const values: [string, string, string][] = [
    [q('stopped'), q('starting'), q('6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a')],
    [q(''), q('running'), q('{6C2D1F0A-8B7E-4C33-9A10-5E4F3D2C1B0A}')],
    [q('stop"ped'), q('run\\ning'), q('a\nb')], // escapes: decoded by JSON.parse, not the regex
    [q('é ü 日本 \u2028'), q('😀'), q('__proto__')],
    [q('x'), q(''), q('vm')], // empty current_state: invalid either way
    [q('x'), q('running'), q('')], // empty vm_id: invalid either way
    [q('x'), '7', q('vm')], // wrong type
    ['null', q('running'), q('vm')],
    [q('x'.repeat(100_000)), q('running'), q('vm')],
  ];

  it.each(values)('gives the full parse result for previous=%s current=%s vm=%s', (prev, cur, vm) => {
    const fast = parseFrame(compact(prev, cur, vm), false);
    expect(fast).toStrictEqual(parseFrame(spaced(prev, cur, vm), false));
    expect(parseFrame(Buffer.from(compact(prev, cur, vm)), false)).toStrictEqual(fast);
  });

  it('takes the real frame shape without JSON.parse and maps an empty previous_state to null', () => {
    const spy = vi.spyOn(JSON, 'parse');
    try {
      expect(parseFrame(compact(q(''), q('stopped'), q('vm-1')), false)).toStrictEqual({
        ok: true,
        message: { type: 'vm-state-changed', vmId: 'vm-1', previousState: null, currentState: 'stopped' },
      });
      expect(spy).not.toHaveBeenCalled();
      parseFrame(spaced(q(''), q('stopped'), q('vm-1')), false);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects what JSON rejects: raw control characters, trailing garbage, non-JSON whitespace', () => {
    expect(parseFrame(compact(`"a\u0001"`, q('running'), q('vm')), false).ok).toBe(false);
    expect(parseFrame(compact(q('a'), q('running'), q('vm'), '}'), false).ok).toBe(false);
    expect(parseFrame(compact(q('a'), q('running'), q('vm'), '\u00a0'), false).ok).toBe(false);
    expect(parseFrame(compact(q('a'), q('running'), q('vm'), ' \t\r\n'), false)).toMatchObject({ ok: true });
  });

  it('leaves other messages and channels to the full parse', () => {
    const added = compact(q('a'), q('running'), q('vm')).replace('VM_STATE_CHANGED', 'VM_REMOVED');
    expect(parseFrame(added, false)).toStrictEqual({ ok: true, message: { type: 'vm-removed', vmId: 'vm' } });
    const other = compact(q('a'), q('running'), q('vm')).replace('"pdfm"', '"orchestrator"');
    expect(parseFrame(other, false)).toMatchObject({ ok: true, message: { type: 'ignored' } });
  });

  it('stays linear on a huge frame that almost matches', () => {
    const huge = compact(q('a'), q('running'), q('v'.repeat(3_000_000)), '"');
    const t0 = performance.now();
    expect(parseFrame(huge, false).ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
