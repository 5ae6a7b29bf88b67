// The VM list's keyboard (a treegrid with one tab stop): arrows, Home / End and Page keys move the cursor; Enter
// and Space open a VM's actions or fold a group; Right opens a folded group and Left folds an open one. Pure: the
// list applies the outcome.

export type ListKeyOutcome =
  | { readonly kind: 'move'; readonly index: number }
  | { readonly kind: 'activate' }
  | { readonly kind: 'toggle' }
  | { readonly kind: 'ignore' };

export interface ListKeyContext {
  /** Index of the focused row. */
  readonly from: number;
  readonly count: number;
  /** Rows per page for PageUp / PageDown. */
  readonly page: number;
  /** The focused row is a group header, and whether it is folded. */
  readonly group: { readonly collapsed: boolean } | null;
}

const clamp = (i: number, count: number): number => Math.max(0, Math.min(count - 1, i));

export function listKeyOutcome(key: string, ctx: ListKeyContext): ListKeyOutcome {
  const move = (index: number): ListKeyOutcome =>
    ctx.count === 0 ? { kind: 'ignore' } : { kind: 'move', index: clamp(index, ctx.count) };
  switch (key) {
    case 'ArrowDown':
      return move(ctx.from + 1);
    case 'ArrowUp':
      return move(ctx.from - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(ctx.count - 1);
    case 'PageDown':
      return move(ctx.from + ctx.page);
    case 'PageUp':
      return move(ctx.from - ctx.page);
    case 'Enter':
    case ' ':
      return { kind: 'activate' };
    case 'ArrowRight':
    case 'ArrowLeft':
      // Right on an open group or Left on a folded one does nothing (and lets the key through), as in a Mac outline.
      if (ctx.group === null || ctx.group.collapsed !== (key === 'ArrowRight')) return { kind: 'ignore' };
      return { kind: 'toggle' };
    default:
      return { kind: 'ignore' };
  }
}
