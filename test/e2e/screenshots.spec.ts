// Screenshots of the real popover and settings page in the states a user meets, written to
// test-results/screenshots/ on every run so a reviewer can look at what the product shows.
import type { Page } from '@playwright/test';
import { expect, expectListEqualsTruth, test } from './support/fixtures';

const DIR = 'test-results/screenshots';

async function shoot(page: Page, name: string): Promise<void> {
  // Relative times and animations must not make two runs differ for reasons that do not matter.
  await page.screenshot({ path: `${DIR}/${name}.png`, animations: 'disabled' });
}

test('popover, light and dark', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
  const [a, b] = hub.sim.vms().filter((vm) => vm.state === 'running');
  if (a) hub.sim.setState(a.id, 'stopped');
  if (b) hub.sim.setState(b.id, 'suspended');
  await expectListEqualsTruth(page, hub.sim);
  await shoot(page, 'popover-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'popover-dark');
});

test('popover while reconnecting', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
  hub.sim.refuseConnections(503);
  hub.sim.dropAllSockets();
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'reconnecting');
  await shoot(page, 'popover-reconnecting');
});

test.describe('token auth', () => {
  test.use({ auth: 'token' });
  test('popover after the credentials were rejected', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    await expectListEqualsTruth(page, hub.sim);
    hub.sim.revokeAllTokens();
    hub.sim.dropAllSockets();
    await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'auth-failed', { timeout: 10_000 });
    await shoot(page, 'popover-auth-failed');
  });
});

test.describe('no host', () => {
  test.use({ withHost: false });
  test('popover with no host configured, and the settings page', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    await expect(page.getByTestId('banner')).toBeVisible();
    await shoot(page, 'popover-no-host');
    await page.setViewportSize({ width: 640, height: 720 });
    await page.goto(hub.settingsUrl());
    await page.getByTestId('add-host').click();
    await page.getByTestId('field-name').fill('farm-1');
    await page.getByTestId('field-url').fill(hub.sim.url);
    await shoot(page, 'settings');
  });
});

test.describe('a farm of 200 VMs', () => {
  test.use({ sim: { vms: 200, seed: 11, pingIntervalMs: 1_000, pongWaitMs: 3_000 } });
  test('popover with 200 VMs', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    const stopped = hub.sim
      .vms()
      .filter((vm) => vm.state === 'running')
      .slice(0, 3);
    for (const vm of stopped) hub.sim.setState(vm.id, 'stopped');
    await expect(page.locator('[data-testid="event-row"]').first()).toBeVisible();
    await shoot(page, 'popover-200-vms');
  });
});
