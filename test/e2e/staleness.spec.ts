// Issue 14 item 1: old data never looks live. A host that is not live keeps showing what it last reported, but
// dimmed and "as of <time>"; the header counts only live hosts and says so.
import { startWebPreview } from '../../src/dev/preview-app';
import { startSimulator } from '../sim/index';
import { expect, FAST_CORE, hostFor, test } from './support/fixtures';
import { openLivePopover } from './support/steps';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

test('during an outage the rows and counts are dimmed and say "as of"', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const rows = page.getByTestId('vm-row');
  await expect(rows.first()).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('header-counts')).toHaveAttribute('data-stale', 'false');

  hub.sim.refuseConnections(503);
  hub.sim.dropAllSockets();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');

  await expect(rows).toHaveCount(hub.sim.vms().length);
  await expect(page.locator('[data-testid="vm-row"][data-stale="false"]')).toHaveCount(0);
  await expect(rows.first()).toContainText(/as of \d/);
  // No uptime or "just now" on a row whose host is away: those would pretend to be current.
  await expect(page.locator('[data-testid="vm-row"]', { hasText: /\bup \d|just now/ })).toHaveCount(0);
  const counts = page.getByTestId('header-counts');
  await expect(counts).toHaveAttribute('data-stale', 'true');
  await expect(counts).toContainText(/as of \d/);

  hub.sim.refuseConnections(null);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', {
    timeout: 10_000,
  });
  await expect(page.locator('[data-testid="vm-row"][data-stale="true"]')).toHaveCount(0);
  await expect(counts).toHaveAttribute('data-stale', 'false');
});

test('with two hosts the header counts only the live one and says so', async ({ page }) => {
  const a = await startSimulator({ vms: 3, seed: 3, pingIntervalMs: 1_000, pongWaitMs: 3_000 });
  const b = await startSimulator({ vms: 5, seed: 5, pingIntervalMs: 1_000, pongWaitMs: 3_000 });
  for (const vm of a.vms()) if (vm.state !== 'running') a.setState(vm.id, 'running');
  for (const vm of b.vms()) if (vm.state !== 'running') b.setState(vm.id, 'running');
  const preview = await startWebPreview({
    hosts: [hostFor(a, 'token'), { ...hostFor(b, 'token'), id: 'farm-2', name: 'farm-2' }],
    coreOptions: FAST_CORE,
    output: () => undefined,
    logger: quiet,
  });
  try {
    await page.goto(preview.server.pageUrl('popover'));
    const running = page.locator('[data-testid="header-counts"] [data-state="running"] b');
    await expect(running).toHaveText('8');

    b.refuseConnections(503);
    b.dropAllSockets();
    await expect(page.locator('[data-testid="host-group"][data-host-id="farm-2"]')).toContainText(/as of \d/);
    await expect(running).toHaveText('3');
    await expect(page.getByTestId('counts-note')).toHaveText('live hosts only (1 of 2)');
    await expect(
      page.locator('[data-testid="vm-row"][data-host-id="farm-2"][data-stale="true"]'),
    ).toHaveCount(5);
    await expect(
      page.locator('[data-testid="vm-row"][data-host-id="farm-1"][data-stale="false"]'),
    ).toHaveCount(3);
  } finally {
    await preview.close();
    await a.close();
    await b.close();
  }
});
