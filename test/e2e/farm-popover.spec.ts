// Issue 15, popover for farms: the built popover with an orchestrator (a Mac in each §6.6 state) beside a single
// host. Grouped list, host states, search across hosts, the host filter, folding with the keyboard, and actions
// that name their farm host (with the GET-forwarding refusal shown in full).
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  farmRequests,
  farmSnapshot,
  GET_FORWARDING_ERROR,
  largeFarmSnapshot,
  openFarmPopover,
  pushSnapshot,
  serveRenderer,
} from './support/farm-page';

let server: Awaited<ReturnType<typeof serveRenderer>>;
test.beforeAll(async () => {
  server = await serveRenderer();
});
test.afterAll(async () => {
  await server.close();
});

function group(page: Page, hostId: string): Locator {
  return page.locator(`[data-testid="host-group"][data-host-id="${hostId}"]`);
}

function vmRows(page: Page, hostId: string): Locator {
  return page.locator(`[data-testid="vm-row"][data-host-id="${hostId}"]`);
}

async function open(page: Page, perHost = 4): Promise<void> {
  await page.setViewportSize({ width: 380, height: 560 });
  await openFarmPopover(page, server.url, farmSnapshot(perHost));
  await expect(page.getByTestId('host-group')).toHaveCount(6);
}

test('VMs are grouped per Mac and per single host, troubled groups first, each saying its state', async ({
  page,
}) => {
  await open(page);
  const order = await page
    .getByTestId('host-group')
    .evaluateAll((els) => els.map((e) => e.dataset['hostId']));
  // Unreachable first, then the Mac with a fresh stop, degraded (verifying, polling), fine, disabled last.
  expect(order).toEqual(['mac-04', 'mac-01', 'mac-02', 'mac-03', 'farm-1', 'mac-05']);

  // 14:02 in the page's own locale (a 12- or 24-hour clock).
  const asOf = /as of (14|0?2):02/;
  await expect(group(page, 'mac-04').getByTestId('host-state')).toHaveText(
    /^Unreachable from orchestrator\s*·\s*as of (14|0?2):02/,
  );
  await expect(group(page, 'mac-02').getByTestId('host-state')).toHaveText('Verifying…');
  await expect(group(page, 'mac-03').getByTestId('host-state')).toHaveText('Live events offline; polling');
  await expect(group(page, 'mac-05').getByTestId('host-state')).toHaveText(
    /^Disabled on orchestrator\s*·\s*as of (14|0?2):02/,
  );
  await expect(group(page, 'mac-01').getByTestId('host-state')).toHaveCount(0);
  await expect(group(page, 'mac-01').getByTestId('host-counts')).toHaveText(
    '1 need attention · 2 running · 2 stopped',
  );
  await expect(group(page, 'mac-04')).toHaveAttribute('data-group-state', 'bad');
  await expect(group(page, 'mac-03')).toHaveAttribute('data-group-state', 'warn');

  // The header never says "all live" while a Mac is down: it counts Macs, and its dot turns amber.
  await expect(page.getByTestId('connection-status')).toHaveText('4 of 6 hosts live');
  await expect(page.getByTestId('connection-status').locator('.dot')).toHaveClass(/\bwarn\b/);
  await expect(page.getByTestId('counts-note')).toHaveText('live hosts only (4 of 6)');

  // Rows carry their Mac (data-host-id) beside their entry (data-entry-id); a single host's rows carry its entry id.
  await expect(vmRows(page, 'mac-01')).toHaveCount(4);
  await expect(vmRows(page, 'mac-01').first()).toHaveAttribute('data-entry-id', 'orch-1');
  await expect(vmRows(page, 'farm-1').first()).toHaveAttribute('data-entry-id', 'farm-1');
  // The same VM id on two Macs is two rows.
  await expect(page.locator('[data-testid="vm-row"][data-vm-id="shared-id-0"]')).toHaveCount(5);

  // Old data never looks live: an unreachable or disabled Mac's rows are dimmed and say how old they are.
  for (const row of await vmRows(page, 'mac-04').all()) {
    await expect(row).toHaveAttribute('data-stale', 'true');
    await expect(row.getByTestId('vm-second-line')).toContainText(asOf);
  }
  await expect(vmRows(page, 'mac-03').first()).toHaveAttribute('data-stale', 'false');
});

test('search runs across hosts: a Mac name shows its VMs, a VM name shows matches on every Mac', async ({
  page,
}) => {
  await open(page);
  await page.getByTestId('search').fill('mac-03');
  await expect(page.getByTestId('host-group')).toHaveCount(1);
  await expect(group(page, 'mac-03')).toBeVisible();
  await expect(page.getByTestId('vm-row')).toHaveCount(4);

  await page.getByTestId('search').fill('ci-2');
  await expect(page.getByTestId('vm-row')).toHaveCount(6); // ci-2 on five Macs and on farm-1
  await expect(page.getByTestId('host-group')).toHaveCount(6);

  await page.getByTestId('search').fill('orch-1');
  await expect(vmRows(page, 'farm-1')).toHaveCount(0);
  await expect(page.getByTestId('vm-row')).toHaveCount(20);
});

test('the host filter shows one Mac, listed under its orchestrator, and "All hosts" brings the rest back', async ({
  page,
}) => {
  await open(page);
  const filter = page.getByTestId('host-filter');
  await expect(filter.locator('optgroup[label="orch-1"] option')).toHaveCount(5);
  await filter.selectOption({ label: 'mac-02' });
  await expect(page.getByTestId('host-group')).toHaveCount(1);
  await expect(vmRows(page, 'mac-02')).toHaveCount(4);
  await expect(page.getByTestId('vm-row')).toHaveCount(4);
  await filter.selectOption({ label: 'All hosts' });
  await expect(page.getByTestId('host-group')).toHaveCount(6);
});

test('a group folds and unfolds from the keyboard, and stays folded across updates', async ({ page }) => {
  await open(page);
  const mac01 = group(page, 'mac-01');
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown'); // the first VM row
  await page.keyboard.press('Home'); // the first group header (mac-04)
  await expect(group(page, 'mac-04')).toBeFocused();
  // Down past mac-04's four rows to mac-01's header.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(mac01).toBeFocused();
  await expect(mac01).toHaveAttribute('aria-expanded', 'true');

  await page.keyboard.press('ArrowLeft');
  await expect(mac01).toHaveAttribute('aria-expanded', 'false');
  await expect(vmRows(page, 'mac-01')).toHaveCount(0);
  await expect(mac01).toBeFocused();

  await pushSnapshot(page, farmSnapshot());
  await expect(vmRows(page, 'mac-02')).toHaveCount(4);
  await expect(mac01).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('Enter');
  await expect(mac01).toHaveAttribute('aria-expanded', 'true');
  await expect(vmRows(page, 'mac-01')).toHaveCount(4);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect(vmRows(page, 'mac-01')).toHaveCount(4);
});

test('an action names its Mac; a GET-forwarding refusal is explained in full in the panel', async ({
  page,
}) => {
  await open(page);
  const stopped = vmRows(page, 'mac-01').and(page.locator('[data-state="stopped"]')).first();
  await stopped.click();
  await stopped.getByTestId('action-start').click();
  await expect.poll(() => farmRequests(page)).toHaveLength(1);
  const [sent] = await farmRequests(page);
  expect(sent).toMatchObject({ hostId: 'orch-1', farmHostId: 'mac-01', action: 'start' });

  const refused = vmRows(page, 'mac-03').and(page.locator('[data-state="stopped"]')).first();
  await refused.click();
  await expect(refused.locator('[data-panel]')).toContainText('mac-03 via orch-1');
  await refused.getByTestId('action-start').click();
  // The row says it failed; its panel (opened again) says why, in full.
  await expect(refused.getByTestId('action-error')).toBeVisible();
  await refused.click();
  await expect(refused.locator('[data-panel] [data-testid="action-error"]')).toHaveText(GET_FORWARDING_ERROR);
  expect((await farmRequests(page)).at(-1)).toMatchObject({ farmHostId: 'mac-03', action: 'start' });
});

// Written to test-results/screenshots/ (or SCREENSHOTS_DIR), like screenshots.spec.ts: with
// SCREENSHOTS_DIR=resources/screenshots these are the README's farm pictures.
test('screenshots: the farm popover at 380x560, light and dark', async ({ page }) => {
  const dir = process.env['SCREENSHOTS_DIR'] ?? 'test-results/screenshots';
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await open(page, 3); // three VMs a Mac: more groups, and so more states, in the picture
  await expect(group(page, 'mac-04').getByTestId('host-state')).toContainText(
    'Unreachable from orchestrator',
  );
  await expect(vmRows(page, 'mac-04').first()).toHaveAttribute('data-stale', 'true');
  await page.screenshot({ path: `${dir}/popover-farm-light.png`, animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.screenshot({ path: `${dir}/popover-farm-dark.png`, animations: 'disabled' });
});

test('4,000 VMs on 100 Macs: the list stays windowed, and search and the host filter find across it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 380, height: 560 });
  await openFarmPopover(page, server.url, largeFarmSnapshot(100, 40));
  await expect(page.getByTestId('vm-list')).toHaveAttribute('aria-rowcount', '4100');
  // Only the rows in view (and a few beyond) are in the DOM, not 4,100.
  expect(await page.locator('[data-testid="vm-row"], [data-testid="host-group"]').count()).toBeLessThan(40);
  // The unreachable Macs (every tenth) come first.
  await expect(page.getByTestId('host-group').first()).toHaveAttribute('data-host-id', 'mac-010');
  // The filter's 100 Macs are filled in after the first frame (HostFilter.svelte), without anyone opening it.
  await expect(page.getByTestId('host-filter').locator('option')).toHaveCount(101);

  await page.getByTestId('search').fill('mac-077-ci-40');
  await expect(page.getByTestId('vm-row')).toHaveCount(1);
  await expect(page.getByTestId('vm-row')).toHaveAttribute('data-host-id', 'mac-077');
  await page.getByTestId('search').fill('');
  await page.getByTestId('host-filter').selectOption({ label: 'mac-100' });
  await expect(page.getByTestId('vm-list')).toHaveAttribute('aria-rowcount', '41');
  await expect(page.getByTestId('host-group')).toHaveAttribute('data-host-id', 'mac-100');
});
