// Screenshots of the real popover and settings page in the states a user meets, at the popover's real size
// (380x560). Each test first asserts the state its picture claims to show, so a picture cannot silently show
// something else. Written to test-results/screenshots/ on every run; `SCREENSHOTS_DIR=resources/screenshots`
// regenerates the README's pictures.
import type { Page } from '@playwright/test';
import type { Simulator } from '../sim/index';
import { expect, expectListEqualsTruth, test } from './support/fixtures';
import { revokeTokensWhileWatching, stopOneSuspendAnother } from './support/steps';

const DIR = process.env['SCREENSHOTS_DIR'] ?? 'test-results/screenshots';

test.use({ viewport: { width: 380, height: 560 } });

/** The header's per-state counts must show the simulator's truth, state by state. */
async function expectCountsOfTruth(page: Page, sim: Simulator): Promise<void> {
  const byState = new Map<string, number>();
  for (const vm of sim.vms()) byState.set(vm.state, (byState.get(vm.state) ?? 0) + 1);
  const counts = page.getByTestId('header-counts');
  for (const [state, n] of byState) await expect(counts).toContainText(`${n} ${state}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  // Relative times and animations must not make two runs differ for reasons that do not matter.
  await page.screenshot({ path: `${DIR}/${name}.png`, animations: 'disabled' });
}

test('popover, light and dark', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
  // The stop is first (attention order) and nothing is dimmed.
  await stopOneSuspendAnother(page, hub);
  await expectCountsOfTruth(page, hub.sim);
  await expect(page.getByTestId('banner')).toHaveCount(0);
  await shoot(page, 'popover-light');
  // String expressions: this file is type-checked without the DOM library.
  const background = (): Promise<string> =>
    page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  // The dark picture really is the dark theme: the page sees the dark preference and repaints.
  expect(await page.evaluate<boolean>("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(true);
  await expect.poll(background).not.toBe(light);
  await expectListEqualsTruth(page, hub.sim);
  await shoot(page, 'popover-dark');
});

test('popover while a host is unreachable: rows dimmed, "as of"', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
  hub.sim.refuseConnections(503);
  hub.sim.dropAllSockets();
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'reconnecting');
  await expect(page.locator('[data-testid="vm-row"][data-stale="false"]')).toHaveCount(0);
  await expect(page.getByTestId('header-counts')).toContainText(/as of \d/);
  const banner = page.getByTestId('banner');
  await expect(banner).toHaveAttribute('data-kind', 'reconnecting');
  await expect(banner).toContainText("Can't reach farm-1");
  await expect(banner).toContainText('Next try');
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');
  await shoot(page, 'popover-reconnecting');
});

test.describe('token auth', () => {
  test.use({ auth: 'token' });
  test('popover after the credentials were rejected', async ({ page, hub }) => {
    await revokeTokensWhileWatching(page, hub);
    const banner = page.getByTestId('banner');
    await expect(banner).toHaveAttribute('data-kind', 'auth-failed', { timeout: 10_000 });
    await expect(banner).toContainText('farm-1 rejected the token');
    await expect(banner.getByRole('button', { name: /settings/i })).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'auth-failed');
    await shoot(page, 'popover-auth-failed');
  });
});

test.describe('no host', () => {
  test.use({ withHost: false });
  test('popover with no host configured, and the settings page', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    const banner = page.getByTestId('banner');
    await expect(banner).toHaveAttribute('data-kind', 'unconfigured');
    await expect(banner).toContainText('No hosts yet');
    await expect(banner.getByRole('button', { name: 'Add a host' })).toBeVisible();
    await expect(page.getByTestId('vm-row')).toHaveCount(0);
    await shoot(page, 'popover-no-host');
    await page.setViewportSize({ width: 640, height: 720 });
    await page.goto(hub.settingsUrl());
    await page.getByTestId('add-host').click();
    await page.getByTestId('field-name').fill('farm-1');
    await page.getByTestId('field-url').fill(hub.sim.url);
    await expect(page.getByTestId('field-name')).toHaveValue('farm-1');
    await expect(page.getByTestId('field-url')).toHaveValue(hub.sim.url);
    await expect(page.getByTestId('validation-error')).toHaveCount(0);
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
    expect(stopped).toHaveLength(3);
    for (const vm of stopped) hub.sim.setState(vm.id, 'stopped');
    // The three stops lead the list.
    for (const vm of stopped)
      await expect(page.locator(`[data-testid="vm-row"][data-vm-id="${vm.id}"]`)).toHaveAttribute(
        'data-state',
        'stopped',
      );
    const firstThree = await page
      .getByTestId('vm-row')
      .evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-vm-id')));
    expect(firstThree.sort()).toEqual(stopped.map((vm) => vm.id).sort());
    // The header speaks for all 200 VMs (the list itself only renders what fits).
    await expectCountsOfTruth(page, hub.sim);
    expect(hub.sim.vms()).toHaveLength(200);
    await shoot(page, 'popover-200-vms');
  });
});
