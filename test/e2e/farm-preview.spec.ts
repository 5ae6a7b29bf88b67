// The web preview serves a farm: the real core watching the orchestrator simulator through an entry configured
// WITHOUT a kind (the preview detects the orchestrator by itself, as `npm run preview:web -- --host <URL>` does) and
// the real renderer showing every VM of every farm host.
import { test as base } from '@playwright/test';
import { startWebPreview } from '../../src/dev/preview-app';
import { passwordHostFor } from '../support/host-config';
import { startOrchestratorSimulator } from '../sim/index';
import { expectFarmRowsEqualTruth } from './support/farm-truth';

const test = base;

test('an orchestrator URL is detected and its farm fills the popover', async ({ page }) => {
  const sim = await startOrchestratorSimulator({
    hosts: [{ description: 'mac-01' }, { description: 'mac-02' }, { description: 'mac-03' }],
    vmsPerHost: 2,
    seed: 3,
    statsIntervalMs: 0,
    logIntervalMs: 0,
  });
  const lines: string[] = [];
  const preview = await startWebPreview({
    hosts: [passwordHostFor(sim, { id: 'orch', name: 'farm-1' })],
    output: (line) => lines.push(line),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  try {
    await page.goto(preview.server.pageUrl('popover'));
    await expectFarmRowsEqualTruth(page, sim);
  } finally {
    await preview.close();
    await sim.close();
  }
});
