// Issue 14 item 2: the credentials-failure path tells the truth (the host rejected the credential, watching
// stopped) and "Fix…" lands on that host's credential field, focused, not hidden behind "Replace".
import { expect, test } from './support/fixtures';
import { revokeTokensWhileWatching } from './support/steps';

test.use({ auth: 'token' });

test('rejected credentials: a distinct banner, and Fix… opens settings on that host with the field focused', async ({
  page,
  hub,
}) => {
  await revokeTokensWhileWatching(page, hub);

  const banner = page.getByTestId('banner');
  await expect(banner).toHaveAttribute('data-kind', 'auth-failed', { timeout: 10_000 });
  await expect(banner).toContainText('farm-1 rejected the token');
  await expect(banner).toContainText('stopped watching');
  // Said once, not in the title and again in the detail.
  expect((await banner.innerText()).match(/rejected/gi)).toHaveLength(1);

  await banner.getByRole('button', { name: 'Fix in Settings…' }).click();
  await expect.poll(() => hub.lines.filter((l) => l.includes('"open-settings"')).length).toBe(1);
  const request = JSON.parse(hub.lines.find((l) => l.includes('"open-settings"')) ?? '{}') as {
    url: string;
    focus?: { hostId: string; field: string };
  };
  expect(request.focus).toEqual({ hostId: 'farm-1', field: 'credentials' });

  await page.goto(request.url);
  await expect(page.getByTestId('field-name')).toHaveValue('farm-1');
  await expect(page.getByTestId('field-secret')).toBeFocused();
});
