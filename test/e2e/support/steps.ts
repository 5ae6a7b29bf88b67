// Steps several e2e specs take the same way, written once so a change to the settings form or to how the
// simulator revokes credentials is made in one place.
import type { Page } from '@playwright/test';
import type { SimVm } from '../../sim/index';
import { expectListEqualsTruth, type HubSetup } from './fixtures';

/** Opens the settings page and fills a new host with the simulator's URL and password credentials (unsaved). */
export async function fillNewPasswordHost(page: Page, hub: HubSetup): Promise<void> {
  await page.goto(hub.settingsUrl());
  await page.getByTestId('add-host').click();
  await page.getByTestId('field-url').fill(hub.sim.url);
  await page.getByTestId('field-auth').selectOption('password');
  await page.getByTestId('field-username').fill(hub.sim.credentials.username);
  await page.getByTestId('field-secret').fill(hub.sim.credentials.password);
}

/** Opens the popover and waits until its list is the simulator's truth: the start of most popover tests. */
export async function openLivePopover(page: Page, hub: HubSetup): Promise<void> {
  await page.goto(hub.popoverUrl());
  await expectListEqualsTruth(page, hub.sim);
}

/** Opens the popover on a live list, then the host becomes unreachable: new connections refused, sockets dropped. */
export async function openPopoverThenLoseHost(page: Page, hub: HubSetup): Promise<void> {
  await openLivePopover(page, hub);
  hub.sim.refuseConnections(503);
  hub.sim.dropAllSockets();
}

/** Opens the popover on a live list, then revokes every token and drops the sockets so the host must re-auth. */
export async function revokeTokensWhileWatching(page: Page, hub: HubSetup): Promise<void> {
  await openLivePopover(page, hub);
  hub.sim.revokeAllTokens();
  hub.sim.dropAllSockets();
}

/** A VM the seeded simulator runs now (the specs stop, suspend or notify about one). */
export function aRunningVm(hub: HubSetup): SimVm {
  const running = hub.sim.vms().find((vm) => vm.state === 'running');
  if (!running) throw new Error('the seeded simulator must have a running VM');
  return running;
}
