// Where the popover goes, from the tray icon's bounds and the displays. PURE: Electron's screen module is read by
// the caller and passed in, so multi-display setups (secondary displays with negative or offset origins) are
// table-tested here.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DisplayInfo {
  readonly bounds: Rect;
  readonly workArea: Rect;
}

export interface PositionInput {
  /** Tray icon bounds from the click event or tray.getBounds(); all zeros when macOS does not know them. */
  readonly trayBounds: Rect;
  readonly windowSize: { readonly width: number; readonly height: number };
  readonly displays: readonly DisplayInfo[];
  readonly primary: DisplayInfo;
  /** Gap kept between the popover and the work-area edges. */
  readonly margin?: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

const DEFAULT_MARGIN = 4;

function isEmpty(rect: Rect): boolean {
  return rect.width <= 0 || rect.height <= 0;
}

function contains(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The display whose bounds contain the tray's centre, else the one it overlaps most, else the primary. */
export function displayForTray(
  trayBounds: Rect,
  displays: readonly DisplayInfo[],
  primary: DisplayInfo,
): DisplayInfo {
  const cx = trayBounds.x + trayBounds.width / 2;
  const cy = trayBounds.y + trayBounds.height / 2;
  const containing = displays.find((d) => contains(d.bounds, cx, cy));
  if (containing) return containing;
  let best: DisplayInfo = primary;
  let bestArea = 0;
  for (const d of displays) {
    const area = overlapArea(d.bounds, trayBounds);
    if (area > bestArea) [best, bestArea] = [d, area];
  }
  return best;
}

function clamp(value: number, min: number, max: number): number {
  // When the window is wider than the work area, pin it to the start edge rather than overflowing both sides.
  return max < min ? min : Math.min(Math.max(value, min), max);
}

export function popoverPosition(input: PositionInput): Point {
  const margin = input.margin ?? DEFAULT_MARGIN;
  const { width, height } = input.windowSize;
  if (isEmpty(input.trayBounds)) {
    // Unknown tray position (e.g. a keyboard shortcut or the first show): top-right of the primary display.
    const wa = input.primary.workArea;
    return { x: Math.round(wa.x + wa.width - width - margin), y: Math.round(wa.y + margin) };
  }
  const tray = input.trayBounds;
  const wa = displayForTray(tray, input.displays, input.primary).workArea;
  const centredX = tray.x + tray.width / 2 - width / 2;
  const x = clamp(centredX, wa.x + margin, wa.x + wa.width - width - margin);
  // macOS: the menu bar is above the work area, so the popover hangs from the work area's top. A tray at the bottom
  // of its display (Windows/Linux taskbars) opens upwards instead.
  const trayAtBottom = tray.y + tray.height / 2 > wa.y + wa.height / 2;
  const desiredY = trayAtBottom
    ? Math.min(tray.y, wa.y + wa.height) - height - margin
    : Math.max(tray.y + tray.height, wa.y) + margin;
  const y = clamp(desiredY, wa.y + margin, wa.y + wa.height - height - margin);
  return { x: Math.round(x), y: Math.round(y) };
}
