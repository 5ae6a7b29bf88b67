// Issue 14, item 6: opening the popover on a host that is backing off retries it at once, so a host back after
// a short outage is live within seconds, not after the grown backoff.
import { expect, FAST_CORE, test } from './support/fixtures';
import { openPopoverThenLoseHost } from './support/steps';

test.describe('a long backoff', () => {
  // A 30 s first retry: without the retry on open, the host would stay "reconnecting" for the whole test.
  test.use({ core: { ...FAST_CORE, backoff: { initialMs: 30_000, maxMs: 30_000, stableAfterMs: 5_000 } } });

  test('opening the popover retries a backing-off host at once', async ({ page, hub }) => {
    await openPopoverThenLoseHost(page, hub);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');
    hub.sim.refuseConnections(null); // the host is back; the next scheduled try is ~30 s away

    await page.reload(); // the popover opens again
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', {
      timeout: 5_000,
    });
  });
});
