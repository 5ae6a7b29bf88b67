// Which quick actions make sense for a VM, mirroring the server's precondition table so that we never offer a
// button the server would refuse ("VM is not running").
import type { VmAction, VmState } from '../../../shared/model';

export function actionsFor(state: VmState): readonly VmAction[] {
  switch (state) {
    case 'running':
      return ['stop', 'suspend', 'restart'];
    case 'stopped':
      return ['start'];
    case 'suspended':
    case 'paused':
      return ['resume'];
    default:
      // Transitional, invalid and unknown states: the server would refuse or the outcome is unclear.
      return [];
  }
}

/** Stopping a build VM kills its job: ask first. */
export function needsConfirmation(action: VmAction): boolean {
  return action === 'stop' || action === 'reset';
}

const LABELS: Readonly<Record<VmAction, string>> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  suspend: 'Suspend',
  resume: 'Resume',
  reset: 'Reset',
  pause: 'Pause',
};

const PROGRESS: Readonly<Record<VmAction, string>> = {
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
  suspend: 'Suspending…',
  resume: 'Resuming…',
  reset: 'Resetting…',
  pause: 'Pausing…',
};

export function actionLabel(action: VmAction): string {
  return LABELS[action];
}

export function actionProgressLabel(action: VmAction): string {
  return PROGRESS[action];
}
