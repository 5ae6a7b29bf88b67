import { describe, expect, it } from 'vitest';
import { displayForTray, popoverPosition, type DisplayInfo } from '../../../src/main/shell/position';

// A 1440x900 primary with a 25 px menu bar, and a 1920x1080 secondary placed left of and above it.
const primary: DisplayInfo = {
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const secondary: DisplayInfo = {
  bounds: { x: -1920, y: -300, width: 1920, height: 1080 },
  workArea: { x: -1920, y: -275, width: 1920, height: 1055 },
};
const displays = [primary, secondary];
const size = { width: 360, height: 520 };

describe('popoverPosition', () => {
  it.each([
    [
      'centred under a tray icon on the primary display',
      { x: 1000, y: 0, width: 24, height: 24 },
      { x: 832, y: 29 },
    ],
    [
      'centred under a tray icon on the secondary display (negative origin)',
      { x: -1000, y: -300, width: 24, height: 24 },
      { x: -1168, y: -271 },
    ],
    [
      'clamped at the right edge of the primary display',
      { x: 1420, y: 0, width: 20, height: 24 },
      { x: 1076, y: 29 },
    ],
    [
      'clamped at the right edge of the secondary display',
      { x: -30, y: -300, width: 24, height: 24 },
      { x: -364, y: -271 },
    ],
    [
      'clamped at the left edge of the secondary display',
      { x: -1915, y: -300, width: 24, height: 24 },
      { x: -1916, y: -271 },
    ],
    [
      'rounded from fractional (scaled) bounds',
      { x: 1000.3, y: 0, width: 23.5, height: 24 },
      { x: 832, y: 29 },
    ],
    [
      'top-right of the primary when bounds are all zero',
      { x: 0, y: 0, width: 0, height: 0 },
      { x: 1076, y: 29 },
    ],
  ])('%s', (_name, trayBounds, expected) => {
    expect(popoverPosition({ trayBounds, windowSize: size, displays, primary })).toEqual(expected);
  });

  it('opens upwards for a tray at the bottom of the display (taskbar)', () => {
    const taskbar: DisplayInfo = {
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    };
    const pos = popoverPosition({
      trayBounds: { x: 1800, y: 1045, width: 30, height: 30 },
      windowSize: size,
      displays: [taskbar],
      primary: taskbar,
    });
    expect(pos).toEqual({ x: 1556, y: 1040 - 520 - 4 });
  });

  it('never leaves the work area even when the window is taller than the display', () => {
    const pos = popoverPosition({
      trayBounds: { x: 1000, y: 0, width: 24, height: 24 },
      windowSize: { width: 360, height: 2000 },
      displays,
      primary,
    });
    expect(pos.y).toBe(29);
  });
});

describe('displayForTray', () => {
  it('falls back to the display it overlaps most, then to the primary', () => {
    expect(displayForTray({ x: -10, y: 10, width: 30, height: 10 }, displays, primary)).toBe(primary);
    expect(displayForTray({ x: -25, y: -290, width: 30, height: 10 }, displays, primary)).toBe(secondary);
    expect(displayForTray({ x: 5000, y: 5000, width: 24, height: 24 }, displays, primary)).toBe(primary);
  });
});
