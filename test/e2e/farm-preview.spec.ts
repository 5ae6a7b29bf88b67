// The web preview serves a farm: the real core watching the orchestrator simulator through an entry configured
// WITHOUT a kind (the preview detects the orchestrator by itself, as `npm run preview:web -- --host <URL>` does) and
// the real renderer showing every VM of every farm host.
import { test as base, expect } from '@playwright/test';
import { startWebPreview } from '../../src/dev/preview-app';
import { startOrchestratorSimulator } from '../sim/index';

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
    hosts: [
      {
        id: 'orch',
        name: 'farm-1',
        url: sim.url,
        auth: 'password',
        username: sim.credentials.username,
        secret: sim.credentials.password,
        pinnedFingerprint: null,
        enabled: true,
      },
    ],
    output: (line) => lines.push(line),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  try {
    await page.goto(preview.server.pageUrl('popover'));
    const truth = sim
      .hosts()
      .flatMap((h) => sim.vms(h.id).map((vm) => `${vm.id}=${vm.state}`))
      .sort();
    await expect
      .poll(
        async () =>
          (
            await page
              .getByTestId('vm-row')
              .evaluateAll((rows) =>
                rows.map(
                  (r) => `${r.getAttribute('data-vm-id') ?? ''}=${r.getAttribute('data-state') ?? ''}`,
                ),
              )
          ).sort(),
        { timeout: 15_000 },
      )
      .toEqual(truth);
  } finally {
    await preview.close();
    await sim.close();
  }
});
