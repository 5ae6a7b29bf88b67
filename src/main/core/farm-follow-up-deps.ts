// What the farm's follow-ups (farm-follow-ups.ts, farm-live-reads.ts, farm-host-lists.ts) need from the farm sync
// that owns them: the orchestrator's REST, the farm's records, timers, and the ways back into the sync (apply
// planner steps, batch, re-list, report rejected credentials). Apart from the classes so none imports another's deps.
import type { Logger } from '../kernel/logger';
import type { FarmRestPort } from './hub-ports';
import type { ChangeSource } from './sync';
import type { FarmStep } from './farm-rules';
import type { FarmState } from './farm-state';
import type { FarmHooks, FarmTimings } from './farm-types';
import type { KeyedTimers } from './keyed-timers';
import type { StoreAction } from './store';

export interface FollowUpDeps {
  farm: FarmRestPort;
  state: FarmState;
  timers: KeyedTimers;
  timings: FarmTimings;
  random: () => number;
  now: () => number;
  logger: Logger;
  isLive: () => boolean;
  apply(steps: readonly FarmStep[], source: ChangeSource): void;
  /** A store action that is not a planner step (a host's first list: the batcher makes it a silent baseline). */
  applyStore(action: StoreAction, source: ChangeSource): void;
  batch(run: () => void): void;
  hooks: FarmHooks;
  relistHostsNow(reason: string): void;
  unauthorized(message: string): void;
}
