// VM action preconditions (protocol doc §8.3, SetVmState()) checked against the cached state, and the state
// sequence each action walks through. Pure.

const VM_ACTIONS = ['start', 'stop', 'restart', 'suspend', 'resume', 'reset', 'pause'] as const;
export type SimVmAction = (typeof VM_ACTIONS)[number];

export type ActionPlan =
  | { kind: 'noop' }
  | { kind: 'error'; message: string }
  /** steps[0] is emitted at once, the last one is the final state after actionDelayMs. */
  | { kind: 'run'; steps: string[] };

export function isVmAction(value: string): value is SimVmAction {
  return (VM_ACTIONS as readonly string[]).includes(value);
}

export function planAction(action: SimVmAction, state: string, force = false): ActionPlan {
  const notRunning: ActionPlan = { kind: 'error', message: 'VM is not running' };
  switch (action) {
    case 'start':
      if (state === 'running') return { kind: 'noop' };
      return state === 'stopped'
        ? { kind: 'run', steps: ['starting', 'running'] }
        : { kind: 'error', message: 'VM is not stopped' };
    case 'stop':
      if (state === 'stopped') return { kind: 'noop' };
      if (state === 'running') return { kind: 'run', steps: ['stopping', 'stopped'] };
      // --kill for paused, --drop-state for suspended
      if (force && (state === 'paused' || state === 'suspended'))
        return { kind: 'run', steps: ['stopping', 'stopped'] };
      return notRunning;
    case 'pause':
      if (state === 'paused') return { kind: 'noop' };
      return state === 'running' ? { kind: 'run', steps: ['pausing', 'paused'] } : notRunning;
    case 'suspend':
      if (state === 'suspended') return { kind: 'noop' };
      return state === 'running' ? { kind: 'run', steps: ['suspending', 'suspended'] } : notRunning;
    case 'resume':
      return state === 'paused' || state === 'suspended'
        ? { kind: 'run', steps: ['resuming', 'running'] }
        : { kind: 'error', message: 'VM is not paused or suspended' };
    case 'reset':
      return state === 'stopped' ? { kind: 'noop' } : { kind: 'run', steps: ['resetting', 'running'] };
    case 'restart':
      if (state === 'stopped') return { kind: 'noop' };
      return state === 'running' ? { kind: 'run', steps: ['stopping', 'starting', 'running'] } : notRunning;
  }
}

/** "start" -> "Start", as VirtualMachineOperationResponse.operation. */
export function operationName(action: SimVmAction): string {
  return action.charAt(0).toUpperCase() + action.slice(1);
}

/** Versions up to 1.0.4 register VM actions as GET; 1.0.5 and later as PUT. Unparseable => current (PUT). */
export function actionMethodFor(devopsVersion: string): 'GET' | 'PUT' {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(devopsVersion.trim());
  if (!m) return 'PUT';
  const [maj, min, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const le104 = maj < 1 || (maj === 1 && (min < 0 || (min === 0 && patch <= 4)));
  return le104 ? 'GET' : 'PUT';
}
