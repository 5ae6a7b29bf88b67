// A Timers port for the core that runs on the real clock (so real sockets, ws and the simulator are untouched)
// but records every timer the core arms, with its delay and the function that armed it, and can fire pending
// ones by hand. That turns "nothing happens within N s" into a proof: no retry timer was armed, and running
// every pending timer now (as if any amount of time had passed) still starts nothing.
import { systemTimers, type TimerHandle, type Timers } from '../../../src/main/kernel/clock';

export interface ArmedTimer {
  readonly seq: number;
  readonly ms: number;
  /** The function that called setTimeout, e.g. "HubConnection.scheduleRetry" (from the stack). */
  readonly site: string;
  state: 'pending' | 'fired' | 'cleared';
}

export interface RecordingTimers extends Timers {
  /** Every timer armed so far, oldest first. */
  readonly armed: readonly ArmedTimer[];
  pending(): ArmedTimer[];
  /**
   * Runs every pending timer now, earliest due first, then the ones those callbacks armed, for up to `rounds`
   * rounds (periodic work re-arms itself forever). Returns how many callbacks ran.
   */
  firePending(rounds?: number): number;
  /** Runs this one pending timer now; false if it already fired or was cleared. */
  fire(timer: ArmedTimer): boolean;
}

interface Entry {
  readonly timer: ArmedTimer;
  readonly due: number;
  readonly callback: () => void;
  readonly real: TimerHandle;
}

function callerSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  // Skip this module's own frames; the first one left is the core function that armed the timer.
  const frame = frames.find((f) => !f.includes('support/timers')) ?? '';
  return /at (?:async )?([^\s(]+) \(/.exec(frame)?.[1] ?? frame.trim();
}

export function createRecordingTimers(): RecordingTimers {
  const armed: ArmedTimer[] = [];
  const entries = new Map<number, Entry>();
  let seq = 0;
  const run = (entry: Entry): void => {
    if (entry.timer.state !== 'pending') return;
    entry.timer.state = 'fired';
    entries.delete(entry.timer.seq);
    entry.callback();
  };
  return {
    armed,
    setTimeout(callback, ms) {
      const timer: ArmedTimer = { seq: ++seq, ms, site: callerSite(), state: 'pending' };
      armed.push(timer);
      const entry: Entry = {
        timer,
        due: Date.now() + ms,
        callback,
        real: systemTimers.setTimeout(() => run(entry), ms),
      };
      entries.set(timer.seq, entry);
      return timer;
    },
    clearTimeout(handle) {
      const entry = entries.get((handle as ArmedTimer).seq);
      if (!entry || entry.timer !== handle) return;
      entry.timer.state = 'cleared';
      entries.delete(entry.timer.seq);
      systemTimers.clearTimeout(entry.real);
    },
    pending: () => [...entries.values()].map((e) => e.timer),
    fire(timer) {
      const entry = entries.get(timer.seq);
      if (!entry) return false;
      systemTimers.clearTimeout(entry.real);
      run(entry);
      return true;
    },
    firePending(rounds = 5) {
      let ran = 0;
      for (let round = 0; round < rounds && entries.size > 0; round++) {
        const due = [...entries.values()].sort((a, b) => a.due - b.due || a.timer.seq - b.timer.seq);
        for (const entry of due) {
          if (entry.timer.state !== 'pending') continue;
          systemTimers.clearTimeout(entry.real);
          run(entry);
          ran++;
        }
      }
      return ran;
    },
  };
}

/** A clock that runs with real time plus an offset the test can push forward ("2.2 s later") without waiting. */
export function createOffsetClock(): { now(): number; advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}
