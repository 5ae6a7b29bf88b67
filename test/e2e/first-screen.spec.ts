// Issue 15, first render: the popover pulls the first screen only ('vm:snapshot' with { firstScreen: true },
// shared/first-screen.ts), then the whole snapshot. Driven against the real core and the simulator through the
// web preview's bridge: both pulls happen, in that order, the header counts the whole farm, and the page ends
// holding every VM (a running VM far past the first screen is found by search).
import { expect, row, test } from './support/fixtures';

test.use({ sim: { vms: 200, seed: 11, pingIntervalMs: 1_000, pongWaitMs: 3_000 } });

test('the first screen, then the whole farm: both pulls, whole-farm counts, every VM reachable', async ({
  page,
  hub,
}) => {
  const pulls: unknown[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { channel?: string; arg?: unknown };
      if (frame.channel === 'vm:snapshot') pulls.push(frame.arg ?? null);
    }),
  );
  const running = hub.sim.vms().filter((vm) => vm.state === 'running');
  expect(running.length, 'the farm must have more running VMs than a first screen holds').toBeGreaterThan(60);

  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect(page.locator('[data-testid="count-filter"][data-state="running"] b')).toHaveText(
    String(running.length),
  );
  await expect.poll(() => pulls).toEqual([{ firstScreen: true }, null]);

  const last = [...running].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })).at(-1)!;
  await page.getByTestId('search').fill(last.name);
  await expect(row(page, last.id)).toBeVisible();
});
