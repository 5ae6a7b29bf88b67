// Steps several e2e specs take the same way, written once so a change to the settings form or to how the
// simulator revokes credentials is made in one place.
import type { Page } from '@playwright/test';
import type { Result } from '../../../src/shared/ipc';
import type { SettingsView } from '../../../src/shared/settings';
import type { SimVm } from '../../sim/index';
import { expect, expectListEqualsTruth, row, type HubSetup } from './fixtures';

/** A server the settings page can point a host at: the single-host or the orchestrator simulator. */
export interface PasswordServer {
  readonly url: string;
  readonly credentials: { readonly username: string; readonly password: string };
}

/** The settings main holds now, read through the page's own bridge: what was really saved (null on an error). */
export async function savedSettings(page: Page): Promise<SettingsView | null> {
  const answer = await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: { getSettings(): Promise<Result<SettingsView>> } }).api;
    return api.getSettings();
  });
  return answer.ok ? answer.value : null;
}

/** Opens the settings page, adds a host and types only its URL (unsaved). */
export async function addHostAt(page: Page, hub: HubSetup, url: string): Promise<void> {
  await page.goto(hub.settingsUrl());
  await page.getByTestId('add-host').click();
  await page.getByTestId('field-url').fill(url);
}

/** In the open host editor: sign in with a server's user name and password (`password` to type another one). */
export async function fillPasswordSignIn(
  page: Page,
  server: PasswordServer,
  password = server.credentials.password,
): Promise<void> {
  await page.getByTestId('field-auth').selectOption('password');
  await page.getByTestId('field-username').fill(server.credentials.username);
  await page.getByTestId('field-secret').fill(password);
}

/**
 * Opens the settings page and fills a new host with a server's URL and password credentials (unsaved); the
 * simulator's by default.
 */
export async function fillNewPasswordHost(
  page: Page,
  hub: HubSetup,
  server: PasswordServer = hub.sim,
): Promise<void> {
  await addHostAt(page, hub, server.url);
  await fillPasswordSignIn(page, server);
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

/**
 * On a live list, one running VM stops and another suspends; waits until the popover shows exactly that, live and
 * undimmed, the stop first (attention order). Returns the stopped and the suspended VM.
 */
export async function stopOneSuspendAnother(page: Page, hub: HubSetup): Promise<[SimVm, SimVm]> {
  const [a, b] = hub.sim.vms().filter((vm) => vm.state === 'running');
  if (!a || !b) throw new Error('need two running VMs');
  hub.sim.setState(a.id, 'stopped');
  hub.sim.setState(b.id, 'suspended');
  await expectListEqualsTruth(page, hub.sim);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect(page.getByTestId('vm-row').first()).toHaveAttribute('data-vm-id', a.id);
  await expect(page.locator('[data-testid="vm-row"][data-stale="true"]')).toHaveCount(0);
  await expect(row(page, a.id)).toHaveAttribute('data-state', 'stopped');
  await expect(row(page, b.id)).toHaveAttribute('data-state', 'suspended');
  return [a, b];
}
