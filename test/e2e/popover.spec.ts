// The popover, driven in Chromium against the real core and the simulator: what the user sees must be the
// server's truth, live, through outages and credential problems.
import { expect, expectListEqualsTruth, notificationWindowsPassed, row, test } from './support/fixtures';
import { aRunningVm, openLivePopover, revokeTokensWhileWatching } from './support/steps';

test('the initial list equals the simulator truth', async ({ page, hub }) => {
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expectListEqualsTruth(page, hub.sim);
  await expect(page.getByTestId('vm-row')).toHaveCount(12);
});

test('a stop shows within 1 s and raises one notification', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const running = aRunningVm(hub);

  hub.sim.setState(running.id, 'stopped');
  await expect(row(page, running.id)).toHaveAttribute('data-state', 'stopped', { timeout: 1_000 });
  await expect.poll(() => hub.notifications().filter((n) => n.vmId === running.id)).toHaveLength(1);
  // "One", not "at least one": read the count again once the coalescing window and any confirmation are over.
  await notificationWindowsPassed(hub);
  // Counted by name too: a repeat could come as a summary, which carries no vmId.
  expect(
    hub.notifications().filter((n) => n.vmId === running.id || n.body.includes(running.name)),
  ).toHaveLength(1);
  expect(hub.notifications()).toHaveLength(1);
  const [notification] = hub.notifications();
  expect(notification?.title + ' ' + notification?.body).toContain(running.name);
});

test('added, removed and renamed VMs are reflected', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const [first, second] = hub.sim.vms();
  if (!first || !second) throw new Error('need two VMs');

  const added = hub.sim.addVm({ name: 'release-agent-99', state: 'running', os: 'macosx' });
  hub.sim.removeVm(first.id);
  hub.sim.renameVm(second.id, 'renamed-by-e2e');

  await expect(row(page, added.id)).toHaveAttribute('data-state', 'running');
  await expect(row(page, first.id)).toHaveCount(0);
  await expect(row(page, second.id).getByTestId('vm-name')).toHaveText('renamed-by-e2e');
  await expectListEqualsTruth(page, hub.sim);
  await page.getByTestId('events-toggle').click(); // collapsed by default (issue 14)
  await expect(page.locator('[data-testid="event-row"][data-kind="added"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="event-row"][data-kind="removed"]')).toHaveCount(1);
});

test('an outage shows the reconnecting banner; recovery restores the truth with offline changes marked', async ({
  page,
  hub,
}) => {
  await openLivePopover(page, hub);
  const running = hub.sim.vms().filter((vm) => vm.state === 'running');
  const victim = running[0];
  if (!victim) throw new Error('need a running VM');

  hub.sim.refuseConnections(503);
  hub.sim.dropAllSockets();
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'reconnecting');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');

  // Changes the client cannot see while it is away.
  hub.sim.setState(victim.id, 'stopped', { silent: true });
  const newcomer = hub.sim.addVm({ name: 'added-while-away', state: 'running' }, { silent: true });

  hub.sim.refuseConnections(null);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', {
    timeout: 10_000,
  });
  await expectListEqualsTruth(page, hub.sim);
  await expect(page.getByTestId('banner')).toHaveCount(0);
  await expect(row(page, victim.id)).toHaveAttribute('data-offline', 'true');
  await page.getByTestId('events-toggle').click(); // collapsed by default (issue 14)
  await expect(
    page.locator(`[data-testid="event-row"][data-vm-id="${victim.id}"][data-offline="true"]`),
  ).toHaveCount(1);
  await expect(row(page, newcomer.id)).toHaveCount(1);
  await expect.poll(() => hub.notifications().filter((n) => n.vmId === victim.id)).toHaveLength(1);
  await notificationWindowsPassed(hub);
  expect(
    hub.notifications().filter((n) => n.vmId === victim.id || n.body.includes(victim.name)),
  ).toHaveLength(1);
});

test.describe('with a token the server later revokes', () => {
  test.use({ auth: 'token' });

  test('revoked credentials show the auth banner with the next step', async ({ page, hub }) => {
    await revokeTokensWhileWatching(page, hub);
    const banner = page.getByTestId('banner');
    await expect(banner).toHaveAttribute('data-kind', 'auth-failed', { timeout: 10_000 });
    await expect(banner).toContainText('farm-1');
    await expect(banner.getByRole('button', { name: /settings/i })).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'auth-failed');
  });
});

test('a quick stop (confirmed) then start goes through and the state follows', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const target = aRunningVm(hub);
  const vmRow = row(page, target.id);

  await vmRow.click();
  await vmRow.getByTestId('action-stop').click();
  await page.getByTestId('confirm-action').click();
  await expect(vmRow).toHaveAttribute('data-state', 'stopped', { timeout: 10_000 });
  expect(hub.sim.getVm(target.id)?.state).toBe('stopped');

  await vmRow.click();
  await vmRow.getByTestId('action-start').click();
  await expect(vmRow).toHaveAttribute('data-state', 'running', { timeout: 10_000 });
  expect(hub.sim.getVm(target.id)?.state).toBe('running');
  await expect(page.getByTestId('action-error')).toHaveCount(0);
});

test('a refused action shows the server reason inline', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const target = aRunningVm(hub);
  const vmRow = row(page, target.id);
  await vmRow.click();
  // The page still offers "suspend"; meanwhile the VM stops behind its back, so the server refuses.
  hub.sim.setState(target.id, 'stopped', { silent: true });
  await vmRow.getByTestId('action-suspend').click();
  await expect(page.getByTestId('action-error')).toContainText('not running');
});

test('search filters by name and by state', async ({ page, hub }) => {
  await openLivePopover(page, hub);
  const [first] = hub.sim.vms();
  if (!first) throw new Error('need a VM');

  await page.getByTestId('search').fill(first.name);
  await expect(page.getByTestId('vm-row')).toHaveCount(
    hub.sim.vms().filter((vm) => vm.name.includes(first.name)).length,
  );
  await expect(row(page, first.id)).toBeVisible();

  await page.getByTestId('search').fill('stopped');
  const stopped = hub.sim.vms().filter((vm) => vm.state === 'stopped');
  await expect(page.getByTestId('vm-row')).toHaveCount(stopped.length);
  for (const vm of stopped) await expect(row(page, vm.id)).toBeVisible();

  await page.getByTestId('search').fill('');
  await expect(page.getByTestId('vm-row')).toHaveCount(hub.sim.vms().length);
});

test('keyboard: / focuses search, arrows move between rows, Enter opens actions, Esc closes them', async ({
  page,
  hub,
}) => {
  await openLivePopover(page, hub);
  await page.keyboard.press('/');
  await expect(page.getByTestId('search')).toBeFocused();

  await page.keyboard.press('ArrowDown');
  const rows = page.getByTestId('vm-row');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(rows.nth(0).locator('[data-testid^="action-"]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(rows.nth(0).locator('[data-testid^="action-"]')).toHaveCount(0);
});
