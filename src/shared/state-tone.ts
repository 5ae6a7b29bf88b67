// The colour family of a VM state, and so whether it is an error: one table for the popover's badges
// (renderer/src/lib/format.ts) and for the attention rule main's first-screen cut shares with the page
// (vm-attention.ts). No electron, no DOM, no node.
import { isTransitionalState, type VmState } from './vm-state';

/** Colour family of a state badge; the CSS maps each tone to a light and a dark colour. */
export type StateTone = 'running' | 'stopped' | 'paused' | 'busy' | 'error' | 'other';

/**
 * The tone of a state: known states by name, the transitional ones 'busy', anything else 'other'. Built without a
 * label: the list ranks every VM by tone on each render. A switch, not a table lookup: a server's state is a free
 * string, and `table['constructor']` is Object's constructor (a state "constructor" got a function for a tone).
 */
export function stateTone(state: VmState): StateTone {
  switch (state) {
    case 'running':
      return 'running';
    case 'stopped':
      return 'stopped';
    case 'suspended':
    case 'paused':
      return 'paused';
    case 'invalid':
    case 'unknown':
      return 'error';
    default:
      return isTransitionalState(state) ? 'busy' : 'other';
  }
}
