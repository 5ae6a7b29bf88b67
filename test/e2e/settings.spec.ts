// The settings page against the real handlers: validation before anything is saved, and "Test connection"
// running the real checks through the core.
import { expect, test } from './support/fixtures';
import { addHostAt, fillNewPasswordHost, savedSettings } from './support/steps';

test.describe('settings', () => {
  test.use({ withHost: false });

  test('bad input shows validation messages and saves nothing', async ({ page, hub }) => {
    await addHostAt(page, hub, 'ftp://farm-1.local:3080');
    await page.getByTestId('field-name').fill('');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('validation-error').first()).toBeVisible();
    await expect(page.getByTestId('validation-error')).toContainText([/name/i]);
    await expect(page.getByText(/http:\/\/ or https:\/\//i)).toBeVisible();

    await page.getByTestId('field-url').fill('https://admin:hunter2@farm-1.local:3080');
    await page.getByTestId('save').click();
    await expect(page.getByText(/credentials/i).first()).toBeVisible();

    const saved = await savedSettings(page);
    expect(saved?.hosts).toEqual([]);
  });

  test('Test connection reports a bearer token the server answers 401 to as rejected credentials', async ({
    page,
    hub,
  }) => {
    await addHostAt(page, hub, hub.sim.url);
    await page.getByTestId('field-auth').selectOption('token');
    await page.getByTestId('field-secret').fill('not-a-valid-token');
    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('test-result');
    await expect(result).toHaveAttribute('data-kind', 'credentials-rejected', { timeout: 15_000 });
    await expect(result).not.toContainText('not-a-valid-token');
    // The simulator saw the token and refused it: a real 401, not a client-side guess.
    expect(hub.sim.stats.restRequests).toBeGreaterThan(0);
  });

  test('Test connection reports OK with server facts, and a wrong password as rejected credentials', async ({
    page,
    hub,
  }) => {
    await fillNewPasswordHost(page, hub);
    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('test-result');
    await expect(result).toHaveAttribute('data-kind', 'ok', { timeout: 15_000 });
    await expect(result).toContainText(String(hub.sim.vms().length));
    await expect(result).toContainText('1.0.5');

    await page.getByTestId('field-secret').fill('definitely-wrong');
    await page.getByTestId('test-connection').click();
    await expect(result).toHaveAttribute('data-kind', 'credentials-rejected', { timeout: 15_000 });
    await expect(result).not.toContainText('definitely-wrong');
  });

  test('each notification rule checkbox saves its own rule', async ({ page, hub }) => {
    await page.goto(hub.settingsUrl());
    await page.getByTestId('tab-notifications').click();
    await expect(page.getByTestId('rule-stopped')).toBeChecked();
    await page.getByTestId('rule-suspended').check();
    await page.getByTestId('rule-removed').check();
    await page.getByTestId('save').click();
    await expect(page.getByTestId('saved')).toBeVisible();
    const saved = await savedSettings(page);
    expect(saved?.notifications).toMatchObject({
      onStopped: true,
      onSuspended: true,
      onPaused: false,
      onAdded: false,
      onRemoved: true,
    });
  });
});
