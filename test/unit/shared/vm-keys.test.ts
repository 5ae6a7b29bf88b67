import { describe, expect, it } from 'vitest';
import { MAX_MEMO_ID_LENGTH, normalizedVmId, vmKeyOf } from '../../../src/shared/vm-keys';
import { normalizeVmId, vmKey } from '../../../src/shared/model';

describe('memoised VM keys', () => {
  it('equal the shared definitions for real, braced, cased and oversized ids', () => {
    const ids = [
      '6C2D1F0A-8B7E-4C33-9A10-5E4F3D2C1B0A',
      '{6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a}',
      '  spaced  ',
      'x'.repeat(MAX_MEMO_ID_LENGTH + 1),
      'Y'.repeat(100_000),
    ];
    for (const id of [...ids, ...ids]) {
      expect(normalizedVmId(id)).toBe(normalizeVmId(id));
      expect(vmKeyOf('farm-1', id)).toBe(vmKey('farm-1', id));
    }
  });

  it('stays correct when endless fresh ids force the memo to start over', () => {
    for (let i = 0; i < 25_000; i++) {
      const id = `VM-${i}`;
      expect(vmKeyOf('h', id)).toBe(`h/vm-${i}`);
    }
    expect(vmKeyOf('h', 'VM-3')).toBe('h/vm-3');
  });
});
