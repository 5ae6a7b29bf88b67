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

describe('normalizeVmState', () => {
  // Every state of protocol §7, as a fresh string (like a regex capture from a frame): the canonical copy comes
  // back, whichever spelling arrived, and states the module does not know keep their trimmed, lower-cased letters.
  const known = [
    'running',
    'stopped',
    'suspended',
    'paused',
    'unknown',
    'invalid',
    ...TRANSITIONAL_STATES,
    'snapshoting',
    'migrating',
    'compacting',
    'deleting state',
    'reconnecting',
    'mounted',
  ];
  const fresh = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

  it('gives each known state as the one canonical string, from any spelling', () => {
    for (const s of known) {
      const canonical = normalizeVmState(s);
      expect(canonical).toBe(s);
      for (const spelling of [fresh(s), s.toUpperCase(), ` ${s}\t`])
        expect(normalizeVmState(spelling)).toBe(canonical);
    }
  });

  it('isTransitionalState says true exactly for TRANSITIONAL_STATES, for every known state', () => {
    const transitional: readonly string[] = TRANSITIONAL_STATES;
    for (const s of [...known, 'runnine', 'stoppinG', ''])
      expect(isTransitionalState(s), s).toBe(transitional.includes(s));
  });

  it('leaves an unknown state trimmed and lower-cased, a same-length near miss included', () => {
    expect(normalizeVmState(' Hibernated ')).toBe('hibernated');
    expect(normalizeVmState('runnine')).toBe('runnine');
    expect(normalizeVmState('')).toBe('');
  });
});
