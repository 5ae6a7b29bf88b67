// What the integration tests of src/main/core each wrote again at their top: a harness that is stopped after every
// test (pass or fail, so no simulator port or socket leaks into the next test) and the small snapshot queries.
import { afterEach } from 'vitest';
import type { ConnectionStatus } from '../../src/shared/model';
import type { SimVm } from '../sim';
import { startWithSimulators, statusOf, waitFor, type Harness } from './core-harness';

/** Returns a `startWithSimulators` whose harnesses are all stopped after each test of the calling file. */
export function harnessPerTest(): typeof startWithSimulators {
  const started: Harness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.stop()));
  });
  return async (...args) => {
    const h = await startWithSimulators(...args);
    started.push(h);
    return h;
  };
}

/** The whole status of a host (not just its tag), for tests that read the warning or the error. */
export const statusIn = (harness: Harness, hostId: string): ConnectionStatus | undefined =>
  harness.core.snapshot().hosts.find((x) => x.id === hostId)?.status;

/** The state the store shows for one VM. */
export const stateOf = (harness: Harness, vmId: string): string | undefined =>
  harness.core.snapshot().vms.find((v) => v.id === vmId)?.state;

/** Records every status a host goes through (the snapshot only shows the latest). */
export function trackStatuses(harness: Harness, hostId: string): ConnectionStatus['tag'][] {
  const seen: ConnectionStatus['tag'][] = [];
  harness.core.onChange(() => {
    const tag = statusOf(harness.core, hostId) as ConnectionStatus['tag'] | undefined;
    if (tag && seen.at(-1) !== tag) seen.push(tag);
  });
  return seen;
}

/** The first host's first VM, made running (and seen running by the store) if it was not: a VM a test can stop. */
export async function firstVmRunning(harness: Harness): Promise<SimVm> {
  const sim = harness.sims[0]!;
  const vm = sim.vms()[0]!;
  if (vm.state !== 'running') {
    sim.setState(vm.id, 'running');
    await waitFor(harness.core, () => stateOf(harness, vm.id) === 'running', 'running');
  }
  return vm;
}

/**
 * Reconciles and waits until that reconcile's list is applied: a silent rename of `vmId` (no event, so only a list
 * can carry it) to `marker` marks the moment.
 */
export async function reconcileAndWait(
  harness: Harness,
  vmId: string,
  marker: string,
  reason = 'periodic',
): Promise<void> {
  harness.sims[0]!.renameVm(vmId, marker, { silent: true });
  harness.core.reconcileAll(reason);
  await waitFor(
    harness.core,
    () => harness.core.snapshot().vms.some((v) => v.name === marker),
    `the ${reason} list applied`,
  );
}

/** Waits until host h1 is live and shows a warning of that kind (a REST problem while the socket is up). */
export async function liveWithWarning(
  harness: Harness,
  kind: NonNullable<Extract<ConnectionStatus, { tag: 'live' }>['warning']>['kind'],
  what: string,
): Promise<void> {
  await waitFor(
    harness.core,
    () => {
      const s = statusIn(harness, 'h1');
      return s?.tag === 'live' && s.warning?.kind === kind;
    },
    what,
  );
}
