// Issue 15, first render: the popover pulls the first screen only ('vm:snapshot' with { firstScreen: true },
// shared/first-screen.ts), then the rest of the farm in slices ('vm:snapshot-slice', shared/snapshot-slices.ts).
// Driven against the real core and the simulator through the web preview's bridge, with the bridge's socket routed
// through the test so main's answer to the slice can be held: while it is held the header already counts the whole
// farm and a search over the first screen says it is not the whole answer; once released the page holds every VM
// (a running VM far past the first screen is found by that same search). Without the follow-up no slice is ever
// asked for and the first expectation fails.
import { test as base, type Page, type WebSocketRoute } from '@playwright/test';
import { startWebPreview, type WebPreview } from '../../src/dev/preview-app';
import { FAST_FARM } from '../support/farm-harness';
import { passwordHostFor } from '../support/host-config';
import { startOrchestratorSimulator, type OrchestratorSimulator } from '../sim/index';
import { expect, row, test } from './support/fixtures';

test.use({ sim: { vms: 200, seed: 11, pingIntervalMs: 1_000, pongWaitMs: 3_000 } });

test('the first screen, then the rest in slices: whole-farm counts, an honest partial search, every VM reachable', async ({
  page,
  hub,
}) => {
  const pulls: unknown[] = [];
  const slices: unknown[] = [];
  /** Main → page frames held back (the slice's answer and anything after it), in order. */
  const bridge: { held: (string | Buffer)[] | null; toPage: (message: string | Buffer) => void } = {
    held: null,
    toPage: () => undefined,
  };
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    bridge.toPage = (message) => ws.send(message);
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { channel?: string; arg?: unknown };
      if (frame.channel === 'vm:snapshot') pulls.push(frame.arg ?? null);
      if (frame.channel === 'vm:snapshot-slice') {
        slices.push(frame.arg);
        bridge.held ??= [];
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (bridge.held !== null) bridge.held.push(message);
      else ws.send(message);
    });
  });
  const running = hub.sim.vms().filter((vm) => vm.state === 'running');
  expect(running.length, 'the farm must have more running VMs than a first screen holds').toBeGreaterThan(60);

  await page.goto(hub.popoverUrl());
  await expect.poll(() => slices).toEqual([{ id: expect.any(Number) as unknown, index: 0 }]);
  expect(pulls).toEqual([{ firstScreen: true }]);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect(page.locator('[data-testid="count-filter"][data-state="running"] b')).toHaveText(
    String(running.length),
  );
  // Windowed by the whole farm's size, not by the first screen's ~45 rows: only the rows in view (and a couple
  // below) are in the DOM before the rest lands (VmList.svelte, windowing.ts isWindowed).
  const viewRows = Math.ceil(page.viewportSize()!.height / 40) + 2;
  await expect(page.getByTestId('vm-row').first()).toBeVisible();
  expect(await page.getByTestId('vm-row').count()).toBeLessThanOrEqual(viewRows);

  const last = [...running].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })).at(-1)!;
  await page.getByTestId('search').fill(last.name);
  await expect(page.getByTestId('list-partial')).toHaveText('Still loading the rest of the VMs…');
  await expect(page.getByText('No match among the VMs loaded so far.')).toBeVisible();
  await expect(row(page, last.id)).toHaveCount(0);

  const release = bridge.held ?? [];
  bridge.held = null;
  for (const message of release) bridge.toPage(message);
  await expect(row(page, last.id)).toBeVisible();
  await expect(page.getByTestId('list-partial')).toHaveCount(0);
  expect(pulls, 'no whole pull: the slices were enough').toEqual([{ firstScreen: true }]);
});

// Issue 15: the whole snapshot the page pulled (here, its slices) is the base main's pushes build on, so the
// pushes after the pull are deltas: the farm is never sent again and the page never has to ask for it.
test('after the pulled farm, pushes are deltas on it: no full push, no resync', async ({ page, hub }) => {
  const sent: { channel: string; arg?: unknown }[] = [];
  const received: { t: string; channel?: string; payload?: Record<string, unknown> }[] = [];
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      sent.push(JSON.parse(String(message)) as { channel: string; arg?: unknown });
      server.send(message);
    });
    server.onMessage((message) => {
      received.push(JSON.parse(String(message)) as (typeof received)[number]);
      ws.send(message);
    });
  });
  await page.goto(hub.popoverUrl());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect.poll(() => sent.filter((f) => f.channel === 'vm:snapshot-slice').length).toBeGreaterThan(0);
  const running = hub.sim.vms().filter((vm) => vm.state === 'running');
  const last = [...running].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })).at(-1)!;
  await page.getByTestId('search').fill(last.name); // far past the first screen: found once the slices are in
  await expect(row(page, last.id)).toBeVisible();
  const pushedBefore = received.length;

  hub.sim.setState(last.id, 'stopped');
  await expect(row(page, last.id)).toHaveAttribute('data-state', 'stopped');
  const pushes = received
    .slice(pushedBefore)
    .filter((f) => f.t === 'push' && f.channel === 'state:changed')
    .map((f) => ('full' in (f.payload ?? {}) ? 'full' : 'delta'));
  expect(pushes.length).toBeGreaterThan(0);
  expect(pushes.every((kind) => kind === 'delta')).toBe(true);
  expect(sent.filter((f) => f.channel === 'state:resync')).toEqual([]);
  expect(sent.filter((f) => f.channel === 'vm:snapshot').map((f) => f.arg ?? null)).toEqual([
    { firstScreen: true },
  ]);
});

// Issue 15 at farm shape: a farm is many Macs with a few dozen VMs each, and the first screen is about one screen
// of the whole list (a row budget across groups), not a budget per Mac, which at this shape sent everything. The
// orchestrator simulator behind the web preview (real core, real handlers, built renderer); the slices are held,
// so what the page shows is the first screen alone: most Macs have no VM row yet, and yet every group header and
// the header's counts are the whole farm's.
const farmTest = base.extend<{ farm: { sim: OrchestratorSimulator; preview: WebPreview } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  farm: async ({}, use) => {
    const sim = await startOrchestratorSimulator({
      hosts: 16,
      vmsPerHost: 12,
      seed: 9,
      pullFrequencyMs: 500,
      readDeadlineMs: 30_000,
      statsIntervalMs: 0,
      logIntervalMs: 0,
    });
    const quiet = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    const preview = await startWebPreview({
      hosts: [passwordHostFor(sim, { id: 'orch', name: 'orch-1' })],
      coreOptions: FAST_FARM,
      output: () => undefined,
      logger: quiet,
    });
    await use({ sim, preview });
    await preview.close();
    await sim.close();
  },
});

/** Routes the page's bridge socket through the test; once the page asks for a slice, main's answers are held. */
async function holdSlices(page: Page): Promise<{ sliced: () => boolean; release: () => void }> {
  let held: (string | Buffer)[] | null = null;
  let route: WebSocketRoute | null = null;
  let sliced = false;
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    route = ws;
    ws.onMessage((message) => {
      if ((JSON.parse(String(message)) as { channel?: string }).channel === 'vm:snapshot-slice') {
        sliced = true;
        held ??= [];
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (held !== null) held.push(message);
      else ws.send(message);
    });
  });
  return {
    sliced: () => sliced,
    release: () => {
      const out = held ?? [];
      held = null;
      for (const message of out) route?.send(message);
    },
  };
}

farmTest(
  'a farm’s first screen: about one screen of rows, every group header counting its whole Mac',
  async ({ page, farm }) => {
    const { sim, preview } = farm;
    const hold = await holdSlices(page);
    // Tall enough that no group header is windowed out of the DOM: the first screen's rows and every header.
    await page.setViewportSize({ width: 380, height: 4_000 });
    await page.goto(preview.server.pageUrl('popover'));
    await expect.poll(hold.sliced).toBe(true);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');

    const hosts = sim.hosts();
    const truth = hosts.map((h) => {
      const vms = sim.vms(h.id);
      return {
        id: h.id,
        running: vms.filter((vm) => vm.state === 'running').length,
        stopped: vms.filter((vm) => vm.state === 'stopped').length,
      };
    });
    const total = truth.reduce((n, t) => n + t.running, 0);
    // The first screen: far fewer rows than the farm, and Macs with a header but none of their rows yet.
    const rows = await page.getByTestId('vm-row').count();
    expect(rows).toBeLessThan(100);
    await expect(page.getByTestId('host-group')).toHaveCount(hosts.length);
    for (const t of truth)
      await expect(
        page.locator(`[data-testid="host-group"][data-host-id="${t.id}"] [data-testid="host-counts"]`),
      ).toContainText(`${t.running} running · ${t.stopped} stopped`);
    await expect(page.locator('[data-testid="count-filter"][data-state="running"] b')).toHaveText(
      String(total),
    );

    // The VMs of the Macs the first screen did not reach are not on the page yet; once the slices land, they are.
    const missing: ReturnType<typeof sim.vms> = [];
    for (const h of hosts)
      for (const vm of sim.vms(h.id)) if ((await row(page, vm.id).count()) === 0) missing.push(vm);
    expect(missing.length).toBeGreaterThan(100);
    hold.release();
    for (const vm of [missing[0]!, missing.at(-1)!]) {
      await page.getByTestId('search').fill(vm.name);
      await expect(row(page, vm.id)).toBeVisible();
      await expect(page.getByTestId('list-partial')).toHaveCount(0);
    }
  },
);
