// Issue 14, item 8: the popover behaves like a Mac menu-bar popover: no stale selection after a panel closes,
// and Quit / Reconnect all reachable from the popover itself (not only from the tray's right-click menu).
import { expect, expectListEqualsTruth, row, test } from './support/fixtures';

test('closing the action panel clears the selection highlight', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
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
