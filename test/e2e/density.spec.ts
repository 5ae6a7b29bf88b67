// Issue 14 item 7: the popover at its real size (380x560) shows at least ten VM rows; events start collapsed;
// Stopped wears the most urgent colour.
import { expect, test } from './support/fixtures';
import { aRunningVm } from './support/steps';

test.use({
  viewport: { width: 380, height: 560 },
  sim: { vms: 30, seed: 11, pingIntervalMs: 1_000, pongWaitMs: 3_000 },
});

test('at least ten VM rows are fully visible at 380x560, with events collapsed', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect(page.getByTestId('events-toggle')).toHaveAttribute('aria-expanded', 'false');
  const list = await page.getByTestId('vm-list').boundingBox();
  if (list === null) throw new Error('the VM list must be on screen');
  const boxes = await page
    .getByTestId('vm-row')
    .evaluateAll((rows) =>
      rows.map((r) => r.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom })),
    );
  const fullyVisible = boxes.filter((b) => b.top >= list.y && b.bottom <= list.y + list.height);
  expect(fullyVisible.length).toBeGreaterThanOrEqual(10);
});

test('Stopped is shown in the most urgent colour (red), not grey', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  const running = aRunningVm(hub);
  hub.sim.setState(running.id, 'stopped');
  const badge = page.locator(`[data-testid="vm-row"][data-vm-id="${running.id}"] .badge`);
  await expect(badge).toHaveText('Stopped');
  // Compares the badge's computed colour with --red resolved the same way. A string expression: the tests'
  // tsconfig has no DOM types, and this runs in the page.
  await badge.evaluate((el) => el.setAttribute('data-probe', 'badge'));
  const [stopped, probe] = (await page.evaluate(`(() => {
    const badge = document.querySelector('[data-probe="badge"]');
    const d = document.createElement('div');
    d.style.color = getComputedStyle(badge).getPropertyValue('--red').trim();
    document.body.append(d);
    const out = [getComputedStyle(badge).color, getComputedStyle(d).color];
    d.remove();
    return out;
  })()`)) as [string, string];
  expect(stopped).toBe(probe);
});

test('every VM row has a stable second line: state, then how long it has held', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  const running = aRunningVm(hub);
  hub.sim.setState(running.id, 'stopped');
  const stoppedRow = page.locator(`[data-testid="vm-row"][data-vm-id="${running.id}"]`);
  await expect(stoppedRow.locator('.detail-text')).toHaveText('Stopped · just now');
  // Rows whose state began before Hubwatch looked never show the OS (or anything else) in its place.
  const lines = await page.locator('[data-testid="vm-row"] .detail-text').allTextContents();
  expect(lines.length).toBeGreaterThanOrEqual(10);
  for (const line of lines)
    expect(line).toMatch(/^(Running|Stopped|Suspended|Paused|Starting|Stopping|[A-Z][a-z]+)( · .+)?$/);
  expect(lines.some((l) => /^(macOS|Ubuntu|Windows|Linux|Unknown OS)/.test(l))).toBe(false);
});
