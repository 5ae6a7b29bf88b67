import { describe, expect, it } from 'vitest';
import {
  TRANSITIONAL_STATES,
  isTransitionalState,
  normalizeVmId,
  normalizeVmState,
} from '../../../src/shared/model';

describe('isTransitionalState', () => {
  // States are normalised once by the parsers; isTransitionalState itself is a plain set lookup.
  it('is true for every transitional state, in any case once normalised', () => {
    for (const s of TRANSITIONAL_STATES) {
      expect(isTransitionalState(s)).toBe(true);
      expect(isTransitionalState(normalizeVmState(s.toUpperCase()))).toBe(true);
      expect(isTransitionalState(normalizeVmState(` ${s[0]!.toUpperCase()}${s.slice(1)}\t`))).toBe(true);
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
