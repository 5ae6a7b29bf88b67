// Farm mode in the settings page (issue 15): a host entry's Kind, and Test connection recognising an orchestrator
// by itself against the orchestrator simulator over real sockets on 127.0.0.1 (orchestrator-protocol.md §1.3).
import { startFarm } from '../integration/sim/orchestrator-helpers';
import { bothSchemes } from './support/axe';
import { expect, test } from './support/fixtures';
import { fillNewPasswordHost, savedSettings } from './support/steps';

test.describe('farm mode in settings', () => {
  test.use({ withHost: false });

  test('Test connection detects an orchestrator, says so, and Save stores the detected kind', async ({
    page,
    hub,
  }, testInfo) => {
    const farm = await startFarm({ hosts: 40, vmsPerHost: 40 });
    try {
      await page.setViewportSize({ width: 640, height: 720 });
      await fillNewPasswordHost(page, hub, farm);
      const kind = page.getByTestId('field-kind');
      await expect(kind).toHaveValue('detect');
      await expect(page.getByTestId('kind-hint')).toContainText('finds out');

      await page.getByTestId('test-connection').click();
      const result = page.getByTestId('test-result');
      await expect(result).toHaveAttribute('data-kind', 'ok', { timeout: 20_000 });
      await expect(result).toContainText('Orchestrator — 40 Macs, 1,600 VMs');
      await expect(result).toContainText('Subscribed to orchestrator');
      await expect(page.getByTestId('kind-hint')).toHaveText(
        'Test connection found an orchestrator (farm): Save stores it as this host’s kind.',
      );
      await expect(page.getByText('Unsaved changes')).toBeVisible();
      await bothSchemes(page, 'settings, orchestrator detected');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.screenshot({ path: testInfo.outputPath('settings-orchestrator-detected.png') });

      await page.getByTestId('save').click();
      await expect(page.getByTestId('saved')).toBeVisible();
      await page.reload();
      await expect(page.getByTestId('field-kind')).toHaveValue('orchestrator');
      const saved = await savedSettings(page);
      expect(saved?.hosts.map((h) => h.kind)).toEqual(['orchestrator']);
    } finally {
      await farm.close();
    }
  });

  test('a single Mac is detected as one; a kind that disagrees with the test is flagged', async ({
    page,
    hub,
  }) => {
    await fillNewPasswordHost(page, hub);
    await page.getByTestId('field-kind').selectOption('orchestrator');
    await expect(page.getByTestId('kind-hint')).toHaveCount(0);
    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('test-result');
    await expect(result).toHaveAttribute('data-kind', 'ok', { timeout: 15_000 });
    await expect(result).toContainText(`${hub.sim.vms().length} VMs`);
    await expect(result).not.toContainText('Orchestrator');
    await expect(page.getByTestId('kind-hint')).toHaveText(
      'Test connection found a single Mac here, not an orchestrator.',
    );
    await page.getByTestId('field-kind').selectOption('detect');
    await expect(page.getByTestId('kind-hint')).toContainText('found a single Mac');
  });
});
