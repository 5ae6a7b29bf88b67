// The colour family of a VM state, and so whether it is an error: one table for the popover's badges
// (renderer/src/lib/format.ts) and for the attention rule main's first-screen cut shares with the page
// (vm-attention.ts). No electron, no DOM, no node.
import { isTransitionalState, type VmState } from './vm-state';

/** Colour family of a state badge; the CSS maps each tone to a light and a dark colour. */
export type StateTone = 'running' | 'stopped' | 'paused' | 'busy' | 'error' | 'other';

const KNOWN: Readonly<Record<string, StateTone>> = {
  running: 'running',
  stopped: 'stopped',
  suspended: 'paused',
  paused: 'paused',
  invalid: 'error',
  unknown: 'error',
};

/**
 * The tone of a state: known states by the table, the transitional ones 'busy', anything else 'other'. Built
 * without a label: the list ranks every VM by tone on each render.
 */
export function stateTone(state: VmState): StateTone {
  return KNOWN[state] ?? (isTransitionalState(state) ? 'busy' : 'other');
}
