// The steps the smoke scenarios take inside the launched bundle's process: waiting (bounded), finding the app's
// windows, calling its IPC handlers as a page would, and the tray and settings moves a user makes.
import type { ElectronModel, ModelBrowserWindow } from '../../support/electron-model/index';
import type { Simulator } from '../../sim/index';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';
import { passwordHostFor } from '../../support/host-config';

export interface ScenarioContext {
  model: ElectronModel;
  logLines: string[];
  waitForLog(pattern: RegExp, ms?: number): Promise<void>;
}

export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Wait (bounded) until a condition holds, checking after every macrotask. */
export async function until(what: string, check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function page(model: ElectronModel, name: 'popover' | 'settings'): ModelBrowserWindow | undefined {
  return model.windows().find((w) => !w.destroyed && w.webContents.url.endsWith(`/${name}.html`));
}

export function popover(model: ElectronModel): ModelBrowserWindow {
  const win = page(model, 'popover');
  if (!win) throw new Error('no popover window');
  return win;
}

/** Call an invoke handler the way the page's preload would (sender = that window's top frame). */
export async function invoke(model: ElectronModel, win: ModelBrowserWindow, channel: string, arg?: unknown) {
  const handler = model.electron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } };
  return (await handler(event, arg)) as { ok: boolean; value?: unknown; error?: string };
}

export const tray = (model: ElectronModel) => {
  const [only] = model.trays();
  if (!only) throw new Error('no tray');
  return only;
};

export async function openSettings(model: ElectronModel): Promise<ModelBrowserWindow> {
  const item = tray(model);
  item.userRightClick();
  const menu = item.menusOpened.at(-1);
  menu?.items.find((i) => i.label === 'Settings…')?.click?.();
  await until('settings window loaded', () => page(model, 'settings')?.visible === true);
  const win = page(model, 'settings');
  if (!win) throw new Error('no settings window');
  return win;
}

async function untilAsync(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Add the simulator as a host through the settings page, wait until its VMs are listed live; returns the popover. */
export async function connectToSimulator(model: ElectronModel, sim: Simulator): Promise<ModelBrowserWindow> {
  const settings = await openSettings(model);
  const saved = await invoke(model, settings, 'settings:save', {
    hosts: [passwordHostFor(sim, { id: 'farm-1', name: 'farm-1' })],
    notifications: DEFAULT_NOTIFICATION_RULES,
    showTrayCount: true,
    launchAtLogin: false,
  });
  if (!saved.ok) throw new Error(`save failed: ${saved.error}`);
  const win = popover(model);
  const count = sim.vms().length;
  await untilAsync('the VMs are listed live', async () => {
    const snap = await invoke(model, win, 'vm:snapshot');
    const value = snap.value as { vms: unknown[]; hosts: { status: { tag: string } }[] } | undefined;
    return value?.vms.length === count && value.hosts[0]?.status.tag === 'live';
  });
  return win;
}
