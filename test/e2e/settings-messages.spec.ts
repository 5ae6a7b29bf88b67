// Settings messages that stay true (issue 14, item 4): the "fix the fields" message clears once they are fixed,
// a Test connection result belongs to the URL it tested, and TLS failures are worded for people, not as codes.
import { expect, test } from './support/fixtures';
import { addHostAt, fillNewPasswordHost, fillPasswordSignIn } from './support/steps';

test.describe('settings messages', () => {
  test.use({ withHost: false });

  test('"Fix the highlighted fields first." clears once the fields are fixed', async ({ page, hub }) => {
    await addHostAt(page, hub, 'ftp://nope');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-error')).toHaveText('Fix the highlighted fields first.');
    await page.getByTestId('field-url').fill(hub.sim.url);
    await fillPasswordSignIn(page, hub.sim);
    await expect(page.getByTestId('validation-error')).toHaveCount(0);
    await expect(page.getByTestId('save-error')).toHaveCount(0);
  });
});

test.describe('a self-signed host', () => {
  test.use({
    withHost: false,
    sim: { vms: 3, seed: 5, tls: true, pingIntervalMs: 1_000, pongWaitMs: 3_000 },
  });

  test('the TLS result is in words, bound to the tested URL, and gone after a URL change', async ({
    page,
    hub,
  }) => {
    expect(hub.sim.url).toMatch(/^https:/);
    await fillNewPasswordHost(page, hub);
    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('test-result');
    await expect(result).toHaveAttribute('data-kind', 'tls-untrusted', { timeout: 15_000 });
    await expect(result).toContainText(/self-signed/i);
    // No OpenSSL/Node codes such as DEPTH_ZERO_SELF_SIGNED_CERT anywhere in what the user reads.
    expect(await result.innerText()).not.toMatch(/[A-Z]+(?:_[A-Z]+){2,}/);
    await expect(page.getByTestId('approve-fingerprint')).toBeVisible();

    // Another URL: the old result (and its Approve button) must not be offered for it.
    await page.getByTestId('field-url').fill(hub.sim.url.replace('127.0.0.1', 'localhost'));
    await expect(result).toHaveCount(0);
    await expect(page.getByTestId('approve-fingerprint')).toHaveCount(0);
    // Back to the tested URL: the result applies again.
    await page.getByTestId('field-url').fill(hub.sim.url);
    await expect(page.getByTestId('approve-fingerprint')).toBeVisible();
    await page.getByTestId('approve-fingerprint').click();
    await page.getByTestId('save').click();
    await expect(page.getByTestId('saved')).toBeVisible();
    // After a save the result is history: it is not shown as if it described the saved host.
    await expect(result).toHaveCount(0);
  });
});
