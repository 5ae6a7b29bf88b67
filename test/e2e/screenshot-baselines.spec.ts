// Visual regression: the popover and the settings page in stable states, compared with committed baselines
// (screenshot-baselines.spec.ts-snapshots/). Unlike screenshots.spec.ts (pictures for the README, never compared),
// a change of colour, spacing or layout here fails the test. What could differ between two honest runs is taken
// out: the font is shipped in the repository (support/baseline.ts), animations are off, the page clock is frozen,
// and the few texts that print the core's wall-clock time ("as of 08:38", the retry countdown) are masked.
// Each test first asserts the state it pictures. To accept an intended change:
//   npx electron-vite build && npx playwright test test/e2e/screenshot-baselines.spec.ts --update-snapshots
// and review the new PNGs in the diff.
import type { Locator, Page } from '@playwright/test';
import { expect, expectListEqualsTruth, FAST_CORE, row, test, type HubSetup } from './support/fixtures';
import { stopOneSuspendAnother } from './support/steps';
import { applyBaselineFont, BASELINE_PLATFORM, freezePageClock, useBaselineFont } from './support/baseline';

test.skip(
  process.platform !== BASELINE_PLATFORM,
  `the baselines are Debian Chromium renderings on ${BASELINE_PLATFORM}; other platforms anti-alias differently`,
);

// A 24-hour clock in one zone: a masked time keeps one width whatever the hour (no AM/PM, tabular digits).
test.use({ viewport: { width: 380, height: 560 }, locale: 'en-GB', timezoneId: 'UTC' });

test.beforeEach(async ({ page }) => {
  await useBaselineFont(page);
});

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await applyBaselineFont(page);
}

/** Two running VMs stopped and suspended, the list equal to the simulator's truth, live, nothing dimmed. */
async function liveWithAStop(page: Page, hub: HubSetup): Promise<void> {
  await open(page, hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
  const [a, b] = await stopOneSuspendAnother(page, hub);
  await expect(page.getByTestId('banner')).toHaveCount(0);
  await freezePageClock(page);
  // Both stops were just now: the frozen clock keeps them "just now" in every capture.
  await expect(row(page, a.id).getByTestId('vm-second-line')).toHaveText('Stopped · just now');
  await expect(row(page, b.id).getByTestId('vm-second-line')).toHaveText('Suspended · just now');
}

test('popover, live, light', async ({ page, hub }) => {
  await liveWithAStop(page, hub);
  await expect(page).toHaveScreenshot('popover-live-light.png');
});

test('popover, live, dark', async ({ page, hub }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await liveWithAStop(page, hub);
  expect(await page.evaluate<boolean>("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(true);
  await expect(page).toHaveScreenshot('popover-live-dark.png');
});

test.describe('a host unreachable', () => {
  // One refused retry, then a 30 s wait (the jitter's draw pinned near 1): nothing changes on screen while the
  // comparison takes its captures. With the e2e default of 1 s retries the status and banner kept changing.
  test.use({
    core: {
      ...FAST_CORE,
      backoff: { initialMs: 30_000, maxMs: 30_000, stableAfterMs: 5_000 },
      random: () => 0.999,
    },
  });

  test('popover: rows dimmed "as of", banner with the next try', async ({ page, hub }) => {
    await open(page, hub.popoverUrl());
    await expectListEqualsTruth(page, hub.sim);
    hub.sim.refuseConnections(503);
    hub.sim.dropAllSockets();
    const banner = page.getByTestId('banner');
    await expect(banner).toHaveAttribute('data-kind', 'reconnecting');
    await expect(banner).toContainText("Can't reach farm-1");
    await expect(banner.locator('.detail')).toContainText(/Next try in (29|30) s/);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');
    await expect(page.locator('[data-testid="vm-row"][data-stale="false"]')).toHaveCount(0);
    await expect(page.getByTestId('counts-note')).toHaveText(/^as of \d/);
    await freezePageClock(page);
    // The core's wall-clock time ("as of 08:38") and the countdown differ from run to run: masked (each row's
    // whole second-line box, whose size does not depend on its text); the rest (dimming, banner, badges, names)
    // is compared.
    const clockTexts: Locator[] = [
      page.getByTestId('counts-note'),
      page.locator('[data-testid="vm-row"] .detail'),
      banner.locator('.detail'),
    ];
    await expect(page).toHaveScreenshot('popover-unreachable.png', { mask: clockTexts });
  });
});

test.describe('no host', () => {
  test.use({ withHost: false });

  test('popover with no host configured', async ({ page, hub }) => {
    await open(page, hub.popoverUrl());
    const banner = page.getByTestId('banner');
    await expect(banner).toHaveAttribute('data-kind', 'unconfigured');
    await expect(banner.getByRole('button', { name: 'Add a host' })).toBeVisible();
    await expect(page.getByTestId('vm-row')).toHaveCount(0);
    await freezePageClock(page);
    await expect(page).toHaveScreenshot('popover-no-host.png');
  });

  test('settings, adding a host', async ({ page, hub }) => {
    await page.setViewportSize({ width: 640, height: 720 });
    await open(page, hub.settingsUrl());
    await page.getByTestId('add-host').click();
    // A fixed URL, not the simulator's (its port changes every run); nothing is contacted before Save / Test.
    await page.getByTestId('field-name').fill('farm-1');
    await page.getByTestId('field-url').fill('https://devops.example.test:8080');
    await expect(page.getByTestId('field-name')).toHaveValue('farm-1');
    await expect(page.getByTestId('field-url')).toHaveValue('https://devops.example.test:8080');
    await expect(page.getByTestId('validation-error')).toHaveCount(0);
    // The caret would blink in the focused field; the comparison hides it (toHaveScreenshot's caret: 'hide').
    await freezePageClock(page);
    await expect(page).toHaveScreenshot('settings-add-host.png');
  });
});
