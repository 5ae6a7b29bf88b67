import { describe, expect, it } from 'vitest';
import { MAX_MEMO_ID_LENGTH, normalizeVmId, vmKey } from '../../../src/shared/model';

describe('memoised vmKey', () => {
  it('equals host/normalizeVmId(id) for real, braced, cased and oversized ids, first time and memoised', () => {
    const ids = [
      '6C2D1F0A-8B7E-4C33-9A10-5E4F3D2C1B0A',
      '{6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a}',
      '  spaced  ',
      'x'.repeat(MAX_MEMO_ID_LENGTH + 1),
      'Y'.repeat(100_000),
    ];
    for (const id of [...ids, ...ids]) {
      expect(vmKey('farm-1', id)).toBe(`farm-1/${normalizeVmId(id)}`);
      expect(vmKey('farm-2', id)).toBe(`farm-2/${normalizeVmId(id)}`);
    }
  });

  it('stays correct when endless fresh ids force the memo to start over', () => {
    for (let i = 0; i < 25_000; i++) {
      const id = `VM-${i}`;
      expect(vmKey('h', id)).toBe(`h/vm-${i}`);
    }
    expect(vmKey('h', 'VM-3')).toBe('h/vm-3');
  });

  it('keys a farm VM by entry, farm host and id (§6.1), interleaved, oversized and after the memo starts over', () => {
    const id = '{6C2D1F0A-8B7E-4C33-9A10-5E4F3D2C1B0A}';
    const n = normalizeVmId(id);
    const farmHosts = ['mac-a', 'mac-b', 'z'.repeat(MAX_MEMO_ID_LENGTH + 1)];
    for (const round of [1, 2])
      for (const entry of ['orch-1', 'orch-2'])
        for (const fh of farmHosts) {
          expect(vmKey(entry, id, fh), `round ${round}`).toBe(`${entry}/${fh}/${n}`);
          expect(vmKey(entry, id)).toBe(`${entry}/${n}`);
        }
    for (let i = 0; i < 25_000; i++) expect(vmKey('orch-1', 'VM-1', `mac-${i}`)).toBe(`orch-1/mac-${i}/vm-1`);
    expect(vmKey('orch-1', 'VM-1', 'mac-3')).toBe('orch-1/mac-3/vm-1');
  });
});
