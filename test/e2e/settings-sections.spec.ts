// Issue 14, item 8: settings in sections (General / Hosts / Notifications) as tabs, one shown at a time.
import { expect, test } from './support/fixtures';

test('settings shows one section at a time; tabs work with the mouse and the arrow keys', async ({
  page,
  hub,
}) => {
  await page.goto(hub.settingsUrl());
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveText(['General', 'Hosts', 'Notifications']);
  await expect(page.getByTestId('tab-hosts')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('add-host')).toBeVisible();
  await expect(page.getByTestId('field-tray-count')).toBeHidden();

  await page.getByTestId('tab-general').click();
  await expect(page.getByTestId('field-tray-count')).toBeVisible();
  await expect(page.getByTestId('add-host')).toBeHidden();

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-notifications')).toBeFocused();
  await expect(page.getByTestId('notification-rules')).toBeVisible();
  await expect(page.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
});
