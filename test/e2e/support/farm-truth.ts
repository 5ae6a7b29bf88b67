// "The popover shows exactly the farm": every VM row as `farmHost/vmId=state` (its data-host-id, data-vm-id and
// data-state), polled until it equals the orchestrator simulator's truth for every host.
import { expect, type Page } from '@playwright/test';
import type { OrchestratorSimulator } from '../../sim/index';

export async function expectFarmRowsEqualTruth(page: Page, sim: OrchestratorSimulator): Promise<void> {
  const truth = sim
    .hosts()
    .flatMap((h) => sim.vms(h.id).map((vm) => `${h.id}/${vm.id}=${vm.state}`))
    .sort();
  await expect
    .poll(
      async () =>
        (
          await page
            .getByTestId('vm-row')
            .evaluateAll((rows) =>
              rows.map(
                (r) => `${r.dataset['hostId'] ?? ''}/${r.dataset['vmId'] ?? ''}=${r.dataset['state'] ?? ''}`,
              ),
            )
        ).sort(),
      { timeout: 15_000 },
    )
    .toEqual(truth);
}
