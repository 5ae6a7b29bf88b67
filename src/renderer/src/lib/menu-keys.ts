// The keyboard of a popup menu (WAI-ARIA menu button pattern), written once for the header's pause menu and the
// app menu: arrows move and wrap, Home / End jump, Esc closes and gives focus back to the button, Tab closes and
// lets focus move on.

/** What a key does in a menu of `count` items whose item `at` has focus (-1: none). */
export type MenuKeyOutcome =
  | { readonly kind: 'focus'; readonly index: number }
  /** `swallow`: the key must not reach the popover (Esc would hide it); Tab must go on and move focus. */
  | { readonly kind: 'close'; readonly swallow: boolean }
  | { readonly kind: 'ignore' };

export function menuKeyOutcome(key: string, at: number, count: number): MenuKeyOutcome {
  if (count > 0) {
    switch (key) {
      case 'ArrowDown':
        return { kind: 'focus', index: (at + 1) % count };
      case 'ArrowUp':
        return { kind: 'focus', index: at < 0 ? count - 1 : (at - 1 + count) % count };
      case 'Home':
        return { kind: 'focus', index: 0 };
      case 'End':
        return { kind: 'focus', index: count - 1 };
    }
  }
  if (key === 'Escape') return { kind: 'close', swallow: true };
  if (key === 'Tab') return { kind: 'close', swallow: false };
  return { kind: 'ignore' };
}

/**
 * The keydown handler of a menu element: moves focus among its `[role="menuitem"]`s, or calls `close` (which
 * closes the menu and focuses the button that opened it).
 */
export function onMenuKeydown(event: KeyboardEvent, menu: HTMLElement | undefined, close: () => void): void {
  const items = [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const outcome = menuKeyOutcome(
    event.key,
    items.indexOf(document.activeElement as HTMLElement),
    items.length,
  );
  if (outcome.kind === 'focus') {
    event.preventDefault();
    items[outcome.index]?.focus();
  } else if (outcome.kind === 'close') {
    if (outcome.swallow) {
      event.preventDefault();
      event.stopPropagation();
    }
    close();
  }
}
