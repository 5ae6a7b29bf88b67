// The store as the app changes it (core-batch.ts): the actions applied to one StoreDraft, then committed.
import { StoreDraft, type StoreAction, type StoreState } from '../../../src/main/core/store';

/** The state after `actions`, in order, in one draft (one batch). A batch of no-ops returns `state` itself. */
export function applyActions(state: StoreState, actions: readonly StoreAction[]): StoreState {
  const draft = new StoreDraft(state);
  for (const action of actions) draft.apply(action);
  return draft.commit();
}

/** The state after one action, as a batch of one. */
export function applyAction(state: StoreState, action: StoreAction): StoreState {
  return applyActions(state, [action]);
}
