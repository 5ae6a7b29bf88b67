// Issue 11, situation 2: a host whose certificate comes from a private CA (root -> intermediate -> leaf), with
// the leaf's fingerprint approved, is live over wss:// whether the server sends leaf + intermediate or the leaf
// alone; the popover shows the truth and a stop arrives live.
import { PRIVATE_CA_CHAIN, PRIVATE_CA_LEAF_ONLY } from '../sim/index';
import { expect, expectListEqualsTruth, row, test } from './support/fixtures';

for (const [name, pair] of [
  ['leaf + intermediate', PRIVATE_CA_CHAIN],
  ['leaf only', PRIVATE_CA_LEAF_ONLY],
] as const) {
  test.describe(`private CA, ${name}`, () => {
    test.use({ sim: { vms: 6, seed: 21, tls: pair, pingIntervalMs: 1_000, pongWaitMs: 3_000 }, pin: true });

    test('an approved fingerprint is live over wss:// and streams a stop', async ({ page, hub }) => {
      expect(hub.sim.url).toMatch(/^https:/);
      await page.goto(hub.popoverUrl());
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
      await expectListEqualsTruth(page, hub.sim);
      const target = hub.sim.vms().find((vm) => vm.state === 'running') ?? hub.sim.vms()[0]!;
      if (target.state !== 'running') hub.sim.setState(target.id, 'running');
      hub.sim.setState(target.id, 'stopped');
      await expect(row(page, target.id)).toHaveAttribute('data-state', 'stopped');
    });
  });
}
