// Issue 14, item 8: the popover behaves like a Mac menu-bar popover: no stale selection after a panel closes,
// and Quit / Reconnect all reachable from the popover itself (not only from the tray's right-click menu).
import { expect, row, test } from './support/fixtures';
import { openLivePopover } from './support/steps';

test('closing the action panel clears the selection highlight', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const target = hub.sim.vms()[0];
  if (!target) throw new Error('need a VM');
  const vmRow = row(page, target.id);
  await vmRow.click();
  await expect(vmRow).toHaveAttribute('aria-expanded', 'true');
  await expect(vmRow).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(vmRow).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('[data-testid="vm-row"][aria-selected="true"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="vm-row"].active')).toHaveCount(0);
});

test('Reconnect all and Quit are in the popover menu, keyboard-operable', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  const upgrades = hub.sim.stats.wsConnected;
  await page.getByTestId('more-menu').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reconnect-all')).toBeFocused();
  await page.keyboard.press('Enter');
  // A real reconnect: the hub sees a new WebSocket upgrade, and the popover is live again.
  await expect.poll(() => hub.sim.stats.wsConnected).toBeGreaterThan(upgrades);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');

  await page.getByTestId('more-menu').click();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('quit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => hub.lines.some((line) => (JSON.parse(line) as { window?: string }).window === 'quit'))
    .toBe(true);
});
