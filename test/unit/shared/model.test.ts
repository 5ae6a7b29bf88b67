import { describe, expect, it } from 'vitest';
import { TRANSITIONAL_STATES, isTransitionalState, normalizeVmId } from '../../../src/shared/model';

describe('isTransitionalState', () => {
  it('is true for every transitional state, in any case', () => {
    for (const s of TRANSITIONAL_STATES) {
      expect(isTransitionalState(s)).toBe(true);
      expect(isTransitionalState(s.toUpperCase())).toBe(true);
      expect(isTransitionalState(s[0]!.toUpperCase() + s.slice(1))).toBe(true);
    }
  });

  it('is false for settled, unknown and near-miss states', () => {
    for (const s of [
      'running',
      'stopped',
      'suspended',
      'paused',
      'unknown',
      '',
      'Stopped',
      'stopping ',
      'stop',
    ])
      expect(isTransitionalState(s)).toBe(false);
  });
});

describe('normalizeVmId', () => {
  it('ignores case, braces and surrounding space', () => {
    expect(normalizeVmId(' {6C2D1F0A-8B7E-4C33-9A10-0000000003E8} ')).toBe(
      '6c2d1f0a-8b7e-4c33-9a10-0000000003e8',
    );
  });
});
