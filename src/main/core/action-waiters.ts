// VM actions on a farm waiting for their result (orchestrator-protocol.md §6.7: confirm by event or /status, never
// by the HTTP 200 alone): each waits for its VM to reach the state the action leads to, as seen in the steps the farm
// applies, or for a deadline after which the caller reads /status.
import type { FarmStep } from './farm-rules';
import type { KeyedTimers } from './keyed-timers';

export class ActionWaiters {
  private readonly pending = new Map<string, { states: ReadonlySet<string>; done: (s: string) => void }>();

  constructor(private readonly timers: KeyedTimers) {}

  /** Every VM state the store takes: an action waiting for that state is confirmed by it. */
  noteStep(step: FarmStep): void {
    if (this.pending.size === 0) return;
    const vmId = step.kind === 'set-vm-state' ? step.vmId : step.kind === 'upsert-vm' ? step.vm.id : null;
    if (vmId === null) return;
    const key = `${step.hostId}/${vmId.toLowerCase()}`;
    const w = this.pending.get(key);
    const state = step.kind === 'set-vm-state' ? step.state : step.kind === 'upsert-vm' ? step.vm.state : '';
    if (w && w.states.has(state.toLowerCase())) {
      this.pending.delete(key);
      w.done(state);
    }
  }

  /** Resolves with the state when the VM reaches one of `states` by event, or with null after `ms`. */
  waitForState(hostId: string, vmId: string, states: readonly string[], ms: number): Promise<string | null> {
    const key = `${hostId}/${vmId.toLowerCase()}`;
    return new Promise((resolve) => {
      const timer = `await/${key}`;
      this.pending.set(key, {
        states: new Set(states),
        done: (s) => {
          this.timers.clear(timer);
          resolve(s);
        },
      });
      this.timers.set(timer, ms, () => {
        this.pending.delete(key);
        resolve(null);
      });
    });
  }

  /** Our socket closed (its timers are gone): every waiting action falls back to its /status read. */
  abandonWaits(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.done('');
  }

  /** An action that failed before any state could confirm it: stop waiting. */
  cancelWait(hostId: string, vmId: string): void {
    const key = `${hostId}/${vmId.toLowerCase()}`;
    this.pending.delete(key);
    this.timers.clear(`await/${key}`);
  }
}
