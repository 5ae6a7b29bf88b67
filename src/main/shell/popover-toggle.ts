// The tray-click / blur race: clicking the tray icon while the popover is open first blurs the popover (which hides
// it) and only then delivers the click, which would show it again. A click arriving right after a blur-hide is
// therefore the user's "close", not "open". PURE, with an injected clock.

/** Long enough to cover the blur→click gap, short enough that a deliberate re-click still opens. */
export const BLUR_CLICK_WINDOW_MS = 300;

export interface ToggleGuard {
  noteHiddenByBlur(): void;
  /** Decide what a tray click does given whether the popover is visible right now. */
  onTrayClick(visible: boolean): 'show' | 'hide' | 'ignore';
}

export function createToggleGuard(now: () => number, windowMs = BLUR_CLICK_WINDOW_MS): ToggleGuard {
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY;
  return {
    noteHiddenByBlur() {
      hiddenByBlurAt = now();
    },
    onTrayClick(visible) {
      if (visible) return 'hide';
      const justHidden = now() - hiddenByBlurAt < windowMs;
      hiddenByBlurAt = Number.NEGATIVE_INFINITY; // one click consumes the guard
      return justHidden ? 'ignore' : 'show';
    },
  };
}
