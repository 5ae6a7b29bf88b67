// What the integration tests of src/main/core each wrote again at their top: a harness that is stopped after every
// test (pass or fail, so no simulator port or socket leaks into the next test) and the small snapshot queries.
import { afterEach } from 'vitest';
import type { ConnectionStatus } from '../../src/shared/model';
import { startWithSimulators, statusOf, type Harness } from './core-harness';

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
