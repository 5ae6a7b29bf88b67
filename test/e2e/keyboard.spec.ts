// Keyboard and focus (issue 14, item 9): arrow keys in the pause menu, focus that lands where the user needs it
// after Test connection / "+ Add host" / a failed Save, and the event list as one Tab stop (roving tabindex).
import { expect, test } from './support/fixtures';
import { fillNewPasswordHost } from './support/steps';

const ACTIVE_TESTID =
  'document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName';
const ACTIVE_TEXT = 'document.activeElement?.textContent?.trim() ?? ""';

test('the pause menu opens on the first item and moves with the arrow keys', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await page.getByTestId('pause-menu').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await expect.poll(() => page.evaluate(ACTIVE_TEXT)).toBe('Pause for 1 hour');
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(ACTIVE_TEXT)).toBe('Pause until tomorrow');
  await page.keyboard.press('ArrowDown'); // wraps
  expect(await page.evaluate(ACTIVE_TEXT)).toBe('Pause for 1 hour');
  await page.keyboard.press('ArrowUp'); // wraps back
  expect(await page.evaluate(ACTIVE_TEXT)).toBe('Pause until tomorrow');
  await page.keyboard.press('Home');
  expect(await page.evaluate(ACTIVE_TEXT)).toBe('Pause for 1 hour');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  expect(await page.evaluate(ACTIVE_TESTID)).toBe('pause-menu');
});

test('the event list is one Tab stop; arrows move inside it', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('vm-row')).toHaveCount(12);
  const [a, b, c] = hub.sim.vms();
  if (!a || !b || !c) throw new Error('need three VMs');
  hub.sim.renameVm(a.id, 'kb-one');
  hub.sim.renameVm(b.id, 'kb-two');
  hub.sim.renameVm(c.id, 'kb-three');
  await page.getByTestId('events-toggle').click();
  await expect(page.getByTestId('event-row')).toHaveCount(3);
  // Exactly one row is in the Tab order; the others are reachable with the arrow keys.
  await expect(page.locator('[data-testid="event-row"][tabindex="0"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="event-row"][tabindex="-1"]')).toHaveCount(2);
  await page.getByTestId('events-toggle').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(ACTIVE_TESTID)).toBe('event-row');
  const first = await page.evaluate('document.activeElement?.getAttribute("data-vm-id")');
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate('document.activeElement?.getAttribute("data-vm-id")');
  expect(second).not.toBe(first);
  await expect(page.locator('[data-testid="event-row"][tabindex="0"]')).toHaveAttribute(
    'data-vm-id',
    String(second),
  );
  await page.keyboard.press('Tab'); // leaves the list in one step
  expect(await page.evaluate(ACTIVE_TESTID)).not.toBe('event-row');
});

test.describe('settings focus', () => {
  test.use({ withHost: false });

  test('"+ Add host" focuses the name field; a failed Save focuses the first invalid field', async ({
    page,
    hub,
  }) => {
    await page.goto(hub.settingsUrl());
    await page.getByTestId('add-host').click();
    await expect(page.getByTestId('field-name')).toBeFocused();
    await page.getByTestId('field-url').fill('ftp://nope');
    await page.getByTestId('save').click();
    // The name was pre-filled; the URL is the first invalid field.
    await expect(page.getByTestId('field-url')).toBeFocused();
  });

  test('Test connection moves focus to its result', async ({ page, hub }) => {
    await fillNewPasswordHost(page, hub);
    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-kind', 'ok', { timeout: 15_000 });
    await expect(page.getByTestId('test-result')).toBeFocused();
  });
});
