// Issue 14, item 3: settings never silently throws input away. In the web preview the page guards with
// beforeunload; either way it tells main (the narrow 'settings:unsaved' call) whether it has unsaved edits.
import { expect, test } from './support/fixtures';
import { addHostAt, fillNewPasswordHost } from './support/steps';

test.describe('settings close guard', () => {
  test.use({ withHost: false });

  function unsavedReports(lines: readonly string[]): boolean[] {
    return lines
      .map((line) => JSON.parse(line) as { window?: string; unsaved?: boolean })
      .flatMap((entry) => (entry.window === 'settings-unsaved' ? [entry.unsaved === true] : []));
  }

  test('closing with an unsaved new host asks first, and main is told about unsaved edits', async ({
    page,
    hub,
  }) => {
    await addHostAt(page, hub, hub.sim.url);
    await expect.poll(() => unsavedReports(hub.lines).at(-1)).toBe(true);

    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss(); // Cancel: the page (and the typed host) stays
    expect(page.isClosed()).toBe(false);
    await expect(page.getByTestId('field-url')).toHaveValue(hub.sim.url);
  });

  test('after Save, closing does not ask and main hears "nothing unsaved"', async ({ page, hub }) => {
    await fillNewPasswordHost(page, hub);
    await page.getByTestId('save').click();
    await expect(page.getByTestId('saved')).toBeVisible();
    await expect.poll(() => unsavedReports(hub.lines).at(-1)).toBe(false);
    let asked = false;
    page.on('dialog', (dialog) => {
      asked = true;
      void dialog.accept();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => page.isClosed()).toBe(true);
    expect(asked).toBe(false);
  });
});
