import { describe, expect, it } from 'vitest';
import {
  absoluteTime,
  countdown,
  formatUptime,
  isoTime,
  osKind,
  osLabel,
  relativeTime,
  stateBadge,
} from '../../../src/renderer/src/lib/format';
import { stateTone } from '../../../src/shared/state-tone';
import { normalizeVmState } from '../../../src/shared/model';

const NOW = Date.UTC(2026, 7, 18, 10, 0, 0);

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [60_000, '1 min ago'],
    [119_999, '1 min ago'],
    [120_000, '2 min ago'],
    [59 * 60_000 + 59_999, '59 min ago'],
    [3_600_000, '1 h ago'],
    [23 * 3_600_000 + 3_599_999, '23 h ago'],
    [24 * 3_600_000, '1 day ago'],
    [3 * 24 * 3_600_000, '3 days ago'],
    [-5_000, 'just now'],
  ])('%i ms ago reads "%s"', (ago, expected) => {
    expect(relativeTime(NOW - ago, NOW)).toBe(expected);
  });

  it('treats NaN as just now rather than "NaN min ago"', () => {
    expect(relativeTime(Number.NaN, NOW)).toBe('just now');
  });
});

describe('countdown', () => {
  it.each([
    [12_000, 'in 12 s'],
    [11_001, 'in 12 s'],
    [500, 'in 1 s'],
    [0, 'now'],
    [-3_000, 'now'],
    [59_000, 'in 59 s'],
    [60_000, 'in 1 min'],
    [61_000, 'in 2 min'],
  ])('%i ms ahead reads "%s"', (ahead, expected) => {
    expect(countdown(NOW + ahead, NOW)).toBe(expected);
  });
});

describe('formatUptime', () => {
  it.each([
    [undefined, ''],
    [-1, ''],
    [Number.NaN, ''],
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [3599, '59m'],
    [3600, '1h 0m'],
    [3725, '1h 2m'],
    [86_399, '23h 59m'],
    [86_400, '1d 0h'],
    [2 * 86_400 + 4 * 3600 + 59, '2d 4h'],
  ])('%s s → "%s"', (seconds, expected) => {
    expect(formatUptime(seconds)).toBe(expected);
  });
});

describe('stateTone', () => {
  // attentionOf ranks by this instead of stateBadge(...).tone; a drift would sort a VM under the wrong badge colour.
  it.each([
    'running',
    ' Stopped ',
    'suspended',
    'paused',
    'STARTING',
    'resetting',
    'invalid',
    'unknown',
    '',
    'weird x',
  ])('agrees with stateBadge for %j', (state) => {
    expect(stateTone(state)).toBe(stateBadge(state).tone);
  });

  // A server's state is a free string: one that names an Object.prototype member is just an unknown state.
  it.each(['constructor', 'tostring', '__proto__', 'hasownproperty'])('%j is an unknown state', (state) => {
    expect(stateTone(state)).toBe('other');
  });
});

describe('stateBadge', () => {
  it.each([
    ['running', 'Running', 'running'],
    [normalizeVmState(' RUNNING '), 'Running', 'running'],
    ['stopped', 'Stopped', 'stopped'],
    ['suspended', 'Suspended', 'paused'],
    ['paused', 'Paused', 'paused'],
    ['starting', 'Starting', 'busy'],
    ['resetting', 'Resetting', 'busy'],
    ['invalid', 'Invalid', 'error'],
    ['unknown', 'Unknown', 'error'],
  ])('%s → %s (%s)', (state, label, tone) => {
    expect(stateBadge(state)).toEqual({ label, tone });
  });

  it('shows unknown states verbatim, keeping case and spaces', () => {
    expect(stateBadge('deleting state')).toEqual({ label: 'deleting state', tone: 'other' });
    expect(stateBadge('Snapshoting')).toEqual({ label: 'Snapshoting', tone: 'other' });
  });

  it('labels an empty state instead of rendering an empty badge', () => {
    expect(stateBadge('')).toEqual({ label: '(no state)', tone: 'other' });
  });
});

describe('osKind', () => {
  it.each([
    ['macosx', 'apple'],
    ['macOS', 'apple'],
    ['ubuntu', 'linux'],
    ['debian', 'linux'],
    ['fedora-core', 'linux'],
    ['linux', 'linux'],
    ['win-11', 'windows'],
    ['windows', 'windows'],
    ['', 'generic'],
    ['freebsd', 'generic'],
  ])('%s → %s', (os, kind) => {
    expect(osKind(os)).toBe(kind);
  });

  it('gives an accessible label for every kind', () => {
    expect(osLabel('macosx')).toBe('macOS');
    expect(osLabel('ubuntu')).toBe('Linux (ubuntu)');
    expect(osLabel('win-11')).toBe('Windows (win-11)');
    expect(osLabel('')).toBe('Unknown OS');
    expect(osLabel('freebsd')).toBe('freebsd');
  });
});

describe('absoluteTime', () => {
  it('reads exactly like Date#toLocaleString (the tooltip did not change when the formatter was cached)', () => {
    for (const at of [NOW, NOW - 86_400_000 * 400, 0]) {
      expect(absoluteTime(at)).toBe(new Date(at).toLocaleString());
    }
  });

  it('is empty for a time that cannot be a date instead of throwing', () => {
    expect(absoluteTime(Number.NaN)).toBe('');
    expect(absoluteTime(Number.POSITIVE_INFINITY)).toBe('');
    expect(absoluteTime(8.64e15 + 1)).toBe('');
  });
});

describe('isoTime', () => {
  it('is the ISO 8601 UTC form', () => {
    expect(isoTime(NOW)).toBe('2026-08-18T10:00:00.000Z');
  });

  it('is empty for a time that cannot be a date instead of throwing', () => {
    expect(isoTime(Number.NaN)).toBe('');
    expect(isoTime(8.64e15 + 1)).toBe('');
  });
});
