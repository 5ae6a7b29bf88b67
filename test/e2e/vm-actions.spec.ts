// Issue 14, item 10 and the operators' actions: full names on hover, the VM id whole and copyable, copy IP and
// an ssh command (only when an IP is known, from the server's internal_ip_address / Network.ipAddresses).
import { expect, row, test } from './support/fixtures';
import { openLivePopover } from './support/steps';

test('a running VM offers its id, IP and ssh command to copy; a stopped one only its id', async ({
  page,
  context,
  hub,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLivePopover(page, hub);
  const running = hub.sim.vms().find((vm) => vm.state === 'running');
  const stopped = hub.sim.vms().find((vm) => vm.state === 'stopped');
  if (!running || !stopped) throw new Error('need a running and a stopped VM');
  const longName = `${running.name}-with-a-very-long-suffix-that-tells-it-apart-42`;
  hub.sim.renameVm(running.id, longName);
  const vmRow = row(page, running.id);
  await expect(vmRow.getByTestId('vm-name')).toHaveAttribute('title', longName);

  await vmRow.click();
  await expect(vmRow.getByTestId('vm-id')).toHaveText(running.id);
  const ip = await vmRow.getByTestId('vm-ip').innerText();
  expect(ip).toMatch(/^10\.211\.55\.\d+$/);
  await vmRow.getByTestId('copy-id').click();
  await expect(vmRow.getByTestId('copy-status')).toHaveText('Copied ID');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(running.id);
  await vmRow.getByTestId('copy-ip').click();
  await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(ip);
  await vmRow.getByTestId('copy-ssh').click();
  await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(`ssh ${running.user}@${ip}`);

  await page.keyboard.press('Escape');
  const stoppedRow = row(page, stopped.id);
  await stoppedRow.click();
  await expect(stoppedRow.getByTestId('copy-id')).toBeVisible();
  await expect(stoppedRow.getByTestId('copy-ip')).toHaveCount(0);
  await expect(stoppedRow.getByTestId('copy-ssh')).toHaveCount(0);
});

test('the header counts are filters: pressed shows only that state, pressed again shows all', async ({
  page,
  hub,
}) => {
  await openLivePopover(page, hub);
  const stoppedIds = hub.sim
    .vms()
    .filter((vm) => vm.state === 'stopped')
    .map((vm) => vm.id);
  expect(stoppedIds.length).toBeGreaterThan(0);
  const stoppedCount = page.locator('[data-testid="count-filter"][data-state="stopped"]');
  await expect(stoppedCount).toHaveAttribute('aria-pressed', 'false');
  await stoppedCount.click();
  await expect(stoppedCount).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('vm-row')).toHaveCount(stoppedIds.length);
  for (const id of stoppedIds) await expect(row(page, id)).toHaveCount(1);
  await stoppedCount.click();
  await expect(stoppedCount).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('vm-row')).toHaveCount(hub.sim.vms().length);
});
