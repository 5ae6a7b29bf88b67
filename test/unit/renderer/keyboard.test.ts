// The popover's two keyboard models written once each (issue 14 gap): the popup menus (pause menu, app menu) and
// the VM list's treegrid.
import { describe, expect, it } from 'vitest';
import { listKeyOutcome, type ListKeyContext } from '../../../src/renderer/src/lib/list-keys';
import { menuKeyOutcome } from '../../../src/renderer/src/lib/menu-keys';

describe('menuKeyOutcome', () => {
  it('moves with the arrows, wrapping at both ends', () => {
    expect(menuKeyOutcome('ArrowDown', 0, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(menuKeyOutcome('ArrowDown', 2, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKeyOutcome('ArrowUp', 0, 3)).toEqual({ kind: 'focus', index: 2 });
    expect(menuKeyOutcome('ArrowUp', 2, 3)).toEqual({ kind: 'focus', index: 1 });
  });

  it('starts from the ends when no item has focus', () => {
    expect(menuKeyOutcome('ArrowDown', -1, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKeyOutcome('ArrowUp', -1, 3)).toEqual({ kind: 'focus', index: 2 });
  });

  it('jumps with Home and End', () => {
    expect(menuKeyOutcome('Home', 1, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKeyOutcome('End', 1, 3)).toEqual({ kind: 'focus', index: 2 });
  });

  it('closes on Esc (swallowed, so the popover stays) and on Tab (let through, so focus moves on)', () => {
    expect(menuKeyOutcome('Escape', 0, 3)).toEqual({ kind: 'close', swallow: true });
    expect(menuKeyOutcome('Tab', 0, 3)).toEqual({ kind: 'close', swallow: false });
  });

  it('ignores other keys, and arrows in an empty menu', () => {
    expect(menuKeyOutcome('a', 0, 3)).toEqual({ kind: 'ignore' });
    expect(menuKeyOutcome('Enter', 0, 3)).toEqual({ kind: 'ignore' });
    expect(menuKeyOutcome('ArrowDown', -1, 0)).toEqual({ kind: 'ignore' });
    expect(menuKeyOutcome('Escape', -1, 0)).toEqual({ kind: 'close', swallow: true });
  });
});

describe('listKeyOutcome', () => {
  const at = (from: number, group: ListKeyContext['group'] = null): ListKeyContext => ({
    from,
    count: 10,
    page: 4,
    group,
  });

  it('moves the cursor and clamps at both ends (no wrap in a list)', () => {
    expect(listKeyOutcome('ArrowDown', at(3))).toEqual({ kind: 'move', index: 4 });
    expect(listKeyOutcome('ArrowDown', at(9))).toEqual({ kind: 'move', index: 9 });
    expect(listKeyOutcome('ArrowUp', at(0))).toEqual({ kind: 'move', index: 0 });
    expect(listKeyOutcome('Home', at(5))).toEqual({ kind: 'move', index: 0 });
    expect(listKeyOutcome('End', at(5))).toEqual({ kind: 'move', index: 9 });
    expect(listKeyOutcome('PageDown', at(7))).toEqual({ kind: 'move', index: 9 });
    expect(listKeyOutcome('PageUp', at(7))).toEqual({ kind: 'move', index: 3 });
    expect(listKeyOutcome('ArrowDown', { ...at(0), count: 0 })).toEqual({ kind: 'ignore' });
  });

  it('activates with Enter and Space', () => {
    expect(listKeyOutcome('Enter', at(1))).toEqual({ kind: 'activate' });
    expect(listKeyOutcome(' ', at(1))).toEqual({ kind: 'activate' });
  });

  it('folds an open group with Left and opens a folded one with Right, and nothing else', () => {
    expect(listKeyOutcome('ArrowLeft', at(0, { collapsed: false }))).toEqual({ kind: 'toggle' });
    expect(listKeyOutcome('ArrowRight', at(0, { collapsed: true }))).toEqual({ kind: 'toggle' });
    expect(listKeyOutcome('ArrowRight', at(0, { collapsed: false }))).toEqual({ kind: 'ignore' });
    expect(listKeyOutcome('ArrowLeft', at(0, { collapsed: true }))).toEqual({ kind: 'ignore' });
    expect(listKeyOutcome('ArrowLeft', at(1))).toEqual({ kind: 'ignore' });
    expect(listKeyOutcome('x', at(1))).toEqual({ kind: 'ignore' });
  });
});
