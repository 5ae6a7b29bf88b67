import { describe, expect, it } from 'vitest';
import { actionMethodFor, operationName, planAction, type SimVmAction } from '../../sim/actions';

describe('VM action preconditions (§8.3)', () => {
  it.each<[SimVmAction, string, boolean, ReturnType<typeof planAction>]>([
    ['start', 'running', false, { kind: 'noop' }],
    ['start', 'stopped', false, { kind: 'run', steps: ['starting', 'running'] }],
    ['start', 'suspended', false, { kind: 'error', message: 'VM is not stopped' }],
    ['start', 'paused', false, { kind: 'error', message: 'VM is not stopped' }],
    ['stop', 'stopped', false, { kind: 'noop' }],
    ['stop', 'running', false, { kind: 'run', steps: ['stopping', 'stopped'] }],
    ['stop', 'paused', false, { kind: 'error', message: 'VM is not running' }],
    ['stop', 'paused', true, { kind: 'run', steps: ['stopping', 'stopped'] }],
    ['stop', 'suspended', true, { kind: 'run', steps: ['stopping', 'stopped'] }],
    ['stop', 'starting', true, { kind: 'error', message: 'VM is not running' }],
    ['pause', 'paused', false, { kind: 'noop' }],
    ['pause', 'running', false, { kind: 'run', steps: ['pausing', 'paused'] }],
    ['pause', 'stopped', false, { kind: 'error', message: 'VM is not running' }],
    ['suspend', 'suspended', false, { kind: 'noop' }],
    ['suspend', 'running', false, { kind: 'run', steps: ['suspending', 'suspended'] }],
    ['suspend', 'stopped', false, { kind: 'error', message: 'VM is not running' }],
    ['resume', 'paused', false, { kind: 'run', steps: ['resuming', 'running'] }],
    ['resume', 'suspended', false, { kind: 'run', steps: ['resuming', 'running'] }],
    ['resume', 'running', false, { kind: 'error', message: 'VM is not paused or suspended' }],
    ['reset', 'stopped', false, { kind: 'noop' }],
    ['reset', 'suspended', false, { kind: 'run', steps: ['resetting', 'running'] }],
    ['restart', 'stopped', false, { kind: 'noop' }],
    ['restart', 'running', false, { kind: 'run', steps: ['stopping', 'starting', 'running'] }],
    ['restart', 'paused', false, { kind: 'error', message: 'VM is not running' }],
  ])('%s on %s (force=%s)', (action, state, force, expected) => {
    expect(planAction(action, state, force)).toEqual(expected);
  });

  it('names operations like VirtualMachineOperationResponse', () => {
    expect(operationName('start')).toBe('Start');
    expect(operationName('suspend')).toBe('Suspend');
  });

  it.each([
    ['1.0.5', 'PUT'],
    ['1.1.0', 'PUT'],
    ['2.0.0', 'PUT'],
    ['v1.0.4', 'GET'],
    ['1.0.4', 'GET'],
    ['0.9.15', 'GET'],
    ['garbage', 'PUT'],
  ])('devops %s uses %s', (version, method) => {
    expect(actionMethodFor(version)).toBe(method);
  });
});
