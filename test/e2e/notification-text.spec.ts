// Issue 14 item 5: a notification read on a lock screen says which host, what the VM was doing and when.
import { expect, test } from './support/fixtures';
import { aRunningVm, openLivePopover } from './support/steps';

test('a stop notification names the host in the title and what the VM was doing in the body', async ({
  page,
  hub,
}) => {
  await openLivePopover(page, hub);
  const running = aRunningVm(hub);
  hub.sim.setState(running.id, 'stopped');
  await expect.poll(() => hub.notifications().filter((n) => n.vmId === running.id)).toHaveLength(1);
  const [n] = hub.notifications().filter((x) => x.vmId === running.id);
  expect(n?.title).toBe(`${running.name} stopped · farm-1`);
  expect(n?.body).toMatch(/^Was running( \d+ (s|min|h)( \d+ m)?)?; stopped \S/);
  expect(n?.body).not.toContain('(');
});
