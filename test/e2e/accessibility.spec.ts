// Issue 14 item 9: axe-core on both pages in the states a user meets, light and dark; any violation fails.
import { bothSchemes } from './support/axe';
import { expect, expectListEqualsTruth, test } from './support/fixtures';
import { openFarmPopover, serveRenderer } from './support/farm-page';
import { openLivePopover, openPopoverThenLoseHost, revokeTokensWhileWatching } from './support/steps';

test('live popover, with a stopped and a suspended VM and an open action panel', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const [a, b] = hub.sim.vms().filter((vm) => vm.state === 'running');
  if (a) hub.sim.setState(a.id, 'stopped');
  if (b) hub.sim.setState(b.id, 'suspended');
  await expectListEqualsTruth(page, hub.sim);
  await bothSchemes(page, 'live');
  await page.getByTestId('vm-row').first().click();
  await bothSchemes(page, 'live, action panel open');
});

test('popover during an outage (stale rows, reconnect banner)', async ({ page, hub }) => {
  await openPopoverThenLoseHost(page, hub);
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'reconnecting');
  await expect(page.locator('[data-testid="vm-row"][data-stale="true"]').first()).toBeVisible();
  await bothSchemes(page, 'outage');
});

test.describe('token auth', () => {
  test.use({ auth: 'token' });
  test('popover after the credentials were rejected', async ({ page, hub }) => {
    await revokeTokensWhileWatching(page, hub);
    await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'auth-failed', { timeout: 10_000 });
    await bothSchemes(page, 'auth failed');
  });
});

test.describe('an empty host', () => {
  test.use({ sim: { vms: 0, seed: 1, pingIntervalMs: 1_000, pongWaitMs: 3_000 } });
  test('popover with a live host that has no VMs', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    await bothSchemes(page, 'empty');
  });
});

test.describe('no host', () => {
  test.use({ withHost: false });
  test('popover and settings with no host configured; settings with errors', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    await expect(page.getByTestId('banner')).toBeVisible();
    await bothSchemes(page, 'no host');

    await page.setViewportSize({ width: 640, height: 720 });
    await page.goto(hub.settingsUrl());
    await expect(page.getByTestId('add-host')).toBeVisible();
    await bothSchemes(page, 'settings, no host');
    await page.getByTestId('add-host').click();
    await page.getByTestId('field-url').fill('ftp://nope');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('validation-error').first()).toBeVisible();
    await bothSchemes(page, 'settings with errors');
  });
});

test('settings with a configured host', async ({ page, hub }) => {
  await page.setViewportSize({ width: 640, height: 720 });
  await page.goto(hub.settingsUrl());
  await expect(page.getByTestId('field-name')).toHaveValue('farm-1');
  await bothSchemes(page, 'settings, one host');
});

test.describe('a farm of 200 VMs', () => {
  test.use({ sim: { vms: 200, seed: 11, pingIntervalMs: 1_000, pongWaitMs: 3_000 } });
  test('popover with 200 VMs and recent events', async ({ page, hub }) => {
    await page.goto(hub.popoverUrl());
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    for (const vm of hub.sim
      .vms()
      .filter((v) => v.state === 'running')
      .slice(0, 3))
      hub.sim.setState(vm.id, 'stopped');
    await page.getByTestId('events-toggle').click();
    await expect(page.locator('[data-testid="event-row"]').first()).toBeVisible();
    await bothSchemes(page, '200 VMs, events open');
  });
});

test.describe('a farm behind an orchestrator (issue 15)', () => {
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  test.beforeAll(async () => {
    server = await serveRenderer();
  });
  test.afterAll(async () => {
    await server.close();
  });
  test('farm popover: every §6.6 host state, a folded group, a host filtered, an action panel', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 380, height: 560 });
    await openFarmPopover(page, server.url);
    await expect(page.getByTestId('host-group')).toHaveCount(6);
    await bothSchemes(page, 'farm');
    await page.locator('[data-testid="host-group"][data-host-id="mac-04"]').click();
    await expect(page.locator('[data-testid="host-group"][data-host-id="mac-04"]')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await page.locator('[data-testid="vm-row"][data-host-id="mac-01"]').first().click();
    await expect(page.locator('[data-panel]')).toBeVisible();
    await bothSchemes(page, 'farm, a group folded, action panel open');
    await page.getByTestId('host-filter').selectOption({ label: 'mac-03' });
    await expect(page.getByTestId('host-group')).toHaveCount(1);
    await bothSchemes(page, 'farm, one host filtered');
  });
});

test('the reconnect countdown is not inside a live region (it would be re-announced every second)', async ({
  page,
  hub,
}) => {
  await openPopoverThenLoseHost(page, hub);
  await expect(page.getByTestId('banner')).toContainText('Next try');
  // One look at one instant (no polling: the banner comes and goes between attempts): the countdown is on screen,
  // and no live region contains it.
  // A string expression: the tests' tsconfig has no DOM types, and this runs in the page.
  const sample = async (): Promise<{ countdown: boolean; inLive: number }> =>
    (await page.evaluate(`(() => {
      const live = '[role="alert"], [role="status"], [role="log"], [aria-live="assertive"], [aria-live="polite"]';
      const countdown = [...document.querySelectorAll('[data-testid="banner"]')].some((b) =>
        b.textContent.includes('Next try'),
      );
      const inLive = [...document.querySelectorAll(live)].filter((el) => el.textContent.includes('Next try'));
      return { countdown, inLive: inLive.length };
    })()`)) as { countdown: boolean; inLive: number };
  let seen = { countdown: false, inLive: 0 };
  // Sampled until one sample shows the countdown (bounded by expect.poll's timeout); that sample must hold no
  // live region with it.
  await expect
    .poll(async () => {
      seen = await sample();
      return seen.countdown;
    })
    .toBe(true);
  expect(seen.inLive).toBe(0);
});
