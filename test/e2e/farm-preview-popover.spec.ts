// Issue 15, popover for farms against the real thing: the web preview (real core, real handlers, built renderer)
// watching the orchestrator simulator. Grouped list = truth, host states as the farm changes (a host's link cut,
// a host's service killed), search, the host filter, folding from the keyboard, and actions through the
// orchestrator: accepted on a v1.0.4 host, refused with the GET-forwarding explanation on a v1.0.5 one (§2.6).
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startWebPreview, type WebPreview } from '../../src/dev/preview-app';
import { FAST_FARM } from '../support/farm-harness';
import { passwordHostFor } from '../support/host-config';
import { startOrchestratorSimulator, type OrchestratorSimulator } from '../sim/index';
import { expectFarmRowsEqualTruth } from './support/farm-truth';

interface Farm {
  readonly sim: OrchestratorSimulator;
  readonly preview: WebPreview;
  /** The simulator's host id of each Mac, by name. */
  readonly id: (name: string) => string;
}

const test = base.extend<{ farm: Farm }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  farm: async ({}, use) => {
    const sim = await startOrchestratorSimulator({
      hosts: [
        { description: 'mac-01', devopsVersion: '1.0.4' },
        { description: 'mac-02' },
        { description: 'mac-03' },
      ],
      vmsPerHost: 3,
      seed: 5,
      // A short P so health ticks come within a second; a stretched read deadline so a loaded runner keeps links.
      pullFrequencyMs: 500,
      readDeadlineMs: 30_000,
      statsIntervalMs: 0,
      logIntervalMs: 0,
    });
    const preview = await startWebPreview({
      hosts: [passwordHostFor(sim, { id: 'orch', name: 'orch-1' })],
      coreOptions: FAST_FARM,
      output: () => undefined,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
    const id = (name: string): string => {
      const host = sim.hosts().find((h) => h.description === name);
      if (!host) throw new Error(`no simulated host ${name}`);
      return host.id;
    };
    await use({ sim, preview, id });
    await preview.close();
    await sim.close();
  },
});

function group(page: Page, hostId: string): Locator {
  return page.locator(`[data-testid="host-group"][data-host-id="${hostId}"]`);
}

function vmRow(page: Page, hostId: string, vmId: string): Locator {
  return page.locator(`[data-testid="vm-row"][data-host-id="${hostId}"][data-vm-id="${vmId}"]`);
}

/** Every row as `farmHost/vmId=state`, sorted, against the simulator's truth. */
const expectRowsEqualTruth = (page: Page, farm: Farm): Promise<void> =>
  expectFarmRowsEqualTruth(page, farm.sim);

async function open(page: Page, farm: Farm): Promise<void> {
  await page.setViewportSize({ width: 380, height: 900 });
  await page.goto(farm.preview.server.pageUrl('popover'));
  await expectRowsEqualTruth(page, farm);
}

test('the farm is grouped by Mac, and each group says what the orchestrator knows of its host', async ({
  page,
  farm,
}) => {
  await open(page, farm);
  await expect(page.getByTestId('host-group')).toHaveCount(3);
  for (const name of ['mac-01', 'mac-02', 'mac-03']) {
    await expect(group(page, farm.id(name))).toContainText(name);
    await expect(group(page, farm.id(name)).getByTestId('host-state')).toHaveCount(0);
  }

  // The orchestrator's link to mac-02 drops: its VMs are read by polling, and the header says so in amber.
  farm.sim.cutLink(farm.id('mac-02'));
  await expect(group(page, farm.id('mac-02')).getByTestId('host-state')).toHaveText(
    'Live events offline; polling',
    {
      timeout: 15_000,
    },
  );
  await expect(group(page, farm.id('mac-02'))).toHaveAttribute('data-group-state', 'warn');

  // mac-03's service dies: unreachable from the orchestrator, its rows last-known and dimmed, and it comes first.
  farm.sim.killHostService(farm.id('mac-03'));
  await expect(group(page, farm.id('mac-03')).getByTestId('host-state')).toContainText(
    'Unreachable from orchestrator',
    { timeout: 15_000 },
  );
  await expect(group(page, farm.id('mac-03')).getByTestId('host-as-of')).toContainText(/as of|last known/);
  await expect(page.getByTestId('host-group').first()).toHaveAttribute('data-host-id', farm.id('mac-03'));
  for (const row of await page.locator(`[data-testid="vm-row"][data-host-id="${farm.id('mac-03')}"]`).all())
    await expect(row).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('connection-status')).toContainText('2 of 3 hosts live');
});

test('search across hosts, the host filter, and folding a group from the keyboard', async ({
  page,
  farm,
}) => {
  await open(page, farm);
  const mac02 = farm.id('mac-02');
  // `host:` restricts the term to host names (VM names like ci-mac-02 exist on several Macs).
  await page.getByTestId('search').fill('host:mac-02');
  await expect(page.getByTestId('host-group')).toHaveCount(1);
  await expect(page.getByTestId('vm-row')).toHaveCount(farm.sim.vms(mac02).length);

  const [vm] = farm.sim.vms(farm.id('mac-01'));
  if (!vm) throw new Error('need a VM');
  await page.getByTestId('search').fill(vm.name);
  await expect(vmRow(page, farm.id('mac-01'), vm.id)).toBeVisible();
  await page.getByTestId('search').fill('');

  await page.getByTestId('host-filter').selectOption({ label: 'mac-03' });
  await expect(page.getByTestId('host-group')).toHaveCount(1);
  await expect(page.getByTestId('vm-row')).toHaveCount(farm.sim.vms(farm.id('mac-03')).length);
  await page.getByTestId('host-filter').selectOption({ label: 'All hosts' });

  // Keyboard: from the search to the list, Home to the first header, Left folds it, Right unfolds it.
  await page.getByTestId('search').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  const first = page.getByTestId('host-group').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  const folded = (await first.getAttribute('data-host-id')) ?? '';
  await expect(page.locator(`[data-testid="vm-row"][data-host-id="${folded}"]`)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(`[data-testid="vm-row"][data-host-id="${folded}"]`)).toHaveCount(
    farm.sim.vms(folded).length,
  );
});

test('actions go through the orchestrator for that Mac; a GET-forwarding refusal is explained in full', async ({
  page,
  farm,
}) => {
  await open(page, farm);
  const mac01 = farm.id('mac-01');
  const running = farm.sim.vms(mac01).find((vm) => vm.state === 'running');
  if (!running) throw new Error('need a running VM on mac-01');
  const row = vmRow(page, mac01, running.id);
  await row.click();
  await row.getByTestId('action-suspend').click();
  await expect(row).toHaveAttribute('data-state', 'suspended', { timeout: 15_000 });
  expect(farm.sim.vms(mac01).find((vm) => vm.id === running.id)?.state).toBe('suspended');

  const mac02 = farm.id('mac-02');
  const target = farm.sim.vms(mac02).find((vm) => vm.state === 'running');
  if (!target) throw new Error('need a running VM on mac-02');
  const refused = vmRow(page, mac02, target.id);
  await refused.click();
  await refused.getByTestId('action-suspend').click();
  await expect(refused.getByTestId('action-error')).toContainText('cannot forward actions to mac-02', {
    timeout: 15_000,
  });
  await refused.click();
  const panelError = refused.locator('[data-panel] [data-testid="action-error"]');
  await expect(panelError).toContainText('Add mac-02 as its own host in Settings');
  // In full: the whole explanation is on screen, not cut off.
  expect(await panelError.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect(farm.sim.vms(mac02).find((vm) => vm.id === target.id)?.state).toBe('running');
});
