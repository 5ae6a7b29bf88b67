// The scenarios run inside the launched bundle's process (see launch.ts). Each drives the model the way a Mac user
// and macOS would, and returns plain observations; the assertions live in scenarios.test.ts.
import type { ElectronModel, ModelBrowserWindow } from '../../support/electron-model/index';
import { startSimulator, type Simulator } from '../../sim/index';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';
import { passwordHostFor } from '../../support/host-config';

export interface ScenarioContext {
  model: ElectronModel;
  logLines: string[];
  waitForLog(pattern: RegExp, ms?: number): Promise<void>;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Wait (bounded) until a condition holds, checking after every macrotask. */
async function until(what: string, check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function page(model: ElectronModel, name: 'popover' | 'settings'): ModelBrowserWindow | undefined {
  return model.windows().find((w) => !w.destroyed && w.webContents.url.endsWith(`/${name}.html`));
}

function popover(model: ElectronModel): ModelBrowserWindow {
  const win = page(model, 'popover');
  if (!win) throw new Error('no popover window');
  return win;
}

/** Call an invoke handler the way the page's preload would (sender = that window's top frame). */
async function invoke(model: ElectronModel, win: ModelBrowserWindow, channel: string, arg?: unknown) {
  const handler = model.electron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } };
  return (await handler(event, arg)) as { ok: boolean; value?: unknown; error?: string };
}

const tray = (model: ElectronModel) => {
  const [only] = model.trays();
  if (!only) throw new Error('no tray');
  return only;
};

async function openSettings(model: ElectronModel): Promise<ModelBrowserWindow> {
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
async function connectToSimulator(model: ElectronModel, sim: Simulator): Promise<ModelBrowserWindow> {
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

export const SCENARIOS = {
  async 'clean-launch'({ model }: ScenarioContext) {
    await until('popover loaded', () => popover(model).webContents.url !== '');
    const item = tray(model);
    const win = popover(model);
    return {
      trays: model.trays().length,
      trayTemplate: item.image.isTemplateImage(),
      trayEmpty: item.image.isEmpty(),
      trayScales: item.image.getScaleFactors(),
      popoverVisible: win.visible,
      popoverOptions: {
        transparent: win.options['transparent'],
        type: win.options['type'],
        vibrancy: win.options['vibrancy'],
      },
      appMenu: model.menu.getApplicationMenu()?.items.map((i) => ({
        role: i.role ?? null,
        label: i.label ?? null,
        accelerators: i.submenu?.items.map((s) => s.accelerator ?? s.role ?? null) ?? [],
      })),
      appName: model.app.getName(),
      permissionPrompted: model.notifications.promptedAt !== null,
    };
  },

  async 'tray-click-displays'({ model }: ScenarioContext) {
    const item = tray(model);
    const win = popover(model);
    const shown: { display: number; position: [number, number] }[] = [];
    for (const display of model.state.config.displays) {
      item.userClick({ display: display.id });
      shown.push({ display: display.id, position: [...win.position] });
      item.userClick({ display: display.id }); // second click hides it
    }
    return { shown, size: win.getSize() };
  },

  async 'blur-hide'({ model }: ScenarioContext) {
    const item = tray(model);
    const win = popover(model);
    item.userClick();
    const afterClick = win.visible;
    win.userBlur();
    const afterBlur = win.visible;
    item.userClick(); // the click that caused the blur arrives right after it
    return { afterClick, afterBlur, afterQuickClick: win.visible };
  },

  async menus({ model }: ScenarioContext) {
    const item = tray(model);
    const win = popover(model);
    item.userRightClick();
    const afterRight = { menus: item.menusOpened.length, popover: win.visible };
    item.userClick({ ctrlKey: true });
    const afterCtrl = { menus: item.menusOpened.length, popover: win.visible };
    const labels = item.menusOpened.at(-1)?.items.map((i) => i.label ?? '-') ?? [];
    return { afterRight, afterCtrl, labels };
  },

  async activate({ model }: ScenarioContext) {
    model.app.userReopen();
    await tick();
    return { popoverVisible: popover(model).visible };
  },

  async 'focus-handback'({ model }: ScenarioContext) {
    const item = tray(model);
    const win = popover(model);
    item.userClick();
    const shown = { visible: win.visible, focused: win.focused, appActive: model.state.appActive };
    win.webContents.pressKey('Escape');
    const afterEsc = { visible: win.visible, appActive: model.state.appActive };
    item.userClick();
    item.userClick();
    return { shown, afterEsc, afterTrayHide: { visible: win.visible, appActive: model.state.appActive } };
  },

  async 'login-item'({ model }: ScenarioContext) {
    const settings = await openSettings(model);
    const view = await invoke(model, settings, 'settings:get');
    const input = { hosts: [], notifications: DEFAULT_NOTIFICATION_RULES, showTrayCount: true };
    const first = await invoke(model, settings, 'settings:save', { ...input, launchAtLogin: true });
    const afterFirst = model.app.getLoginItemSettings().openAtLogin;
    const setCalls1 = model.state.calls.filter((c) => c === 'app.setLoginItemSettings').length;
    await invoke(model, settings, 'settings:save', { ...input, showTrayCount: false, launchAtLogin: true });
    const setCalls2 = model.state.calls.filter((c) => c === 'app.setLoginItemSettings').length;
    model.app.loginItemNeedsApproval = true;
    await invoke(model, settings, 'settings:save', { ...input, launchAtLogin: false });
    await tick();
    return { viewOk: view.ok, firstOk: first.ok, afterFirst, setCalls1, setCalls2 };
  },

  async quit({ model }: ScenarioContext) {
    const sim = await startSimulator({ vms: 2, seed: 5 });
    try {
      await connectToSimulator(model, sim);
      const openBefore = sim.stats.wsOpen;
      const started = Date.now();
      model.app.quit();
      await until('quit', () => model.app.quitState === 'quit', 5_000);
      const ms = Date.now() - started;
      await until('the server saw the socket close', () => sim.stats.wsOpen === 0, 2_000).catch(
        () => undefined,
      );
      return { ms, openBefore, openAfter: sim.stats.wsOpen };
    } finally {
      await sim.close();
    }
  },

  async 'renderer-crash'({ model }: ScenarioContext) {
    const win = popover(model);
    await until('popover loaded', () => win.webContents.url !== '');
    const reloadsAfter: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      win.webContents.crash();
      await tick();
      reloadsAfter.push(win.webContents.reloads);
    }
    return { reloadsAfter };
  },

  async notifications({ model }: ScenarioContext) {
    const sim = await startSimulator({ vms: 3, seed: 7 });
    try {
      const win = await connectToSimulator(model, sim);
      const [first, second] = sim.vms().filter((vm) => vm.state === 'running');
      if (!first || !second) throw new Error('simulator has no running VMs');
      sim.setState(first.id, 'stopped');
      await until('first notification created', () => model.notifications.all.length >= 1);
      await new Promise((r) => setTimeout(r, 150)); // the user has answered the prompt by now (permissionAnswerMs)
      sim.setState(second.id, 'stopped');
      await until('second notification created', () => model.notifications.all.length >= 2, 10_000);
      await tick();
      model.notifications.delivered[0]?.userClick();
      await tick();
      const focusPushes = win.webContents.sent.filter((s) => s.channel === 'popover:focus-vm');
      return {
        created: model.notifications.all.length,
        lost: model.notifications.lost.length,
        delivered: model.notifications.delivered.length,
        popoverVisibleAfterClick: win.visible,
        focusPushes: focusPushes.map((p) => p.payload),
        expectedVm: first.id,
      };
    } finally {
      await sim.close();
    }
  },

  async 'notifications-failing'({ model }: ScenarioContext) {
    const sim = await startSimulator({ vms: 2, seed: 3 });
    try {
      const win = await connectToSimulator(model, sim);
      const [first] = sim.vms().filter((vm) => vm.state === 'running');
      if (!first) throw new Error('simulator has no running VMs');
      await new Promise((r) => setTimeout(r, 100)); // past the permission answer
      sim.setState(first.id, 'stopped');
      await until('notification created', () => model.notifications.all.length >= 1);
      await new Promise((r) => setTimeout(r, 20)); // 'failed' arrives asynchronously
      const snap = await invoke(model, win, 'vm:snapshot');
      const settings = page(model, 'settings');
      const view = settings ? await invoke(model, settings, 'settings:get') : null;
      const health = (v: unknown) =>
        (v as { notificationHealth?: unknown } | undefined)?.notificationHealth ?? null;
      return { lastHealth: health(snap.value), settingsHealth: health(view?.value) };
    } finally {
      await sim.close();
    }
  },

  async 'previous-run-click'({ model }: ScenarioContext) {
    await until('history restored', () => model.notifications.restored.length > 0, 2_000).catch(
      () => undefined,
    );
    const restored = model.notifications.restored[0];
    restored?.userClick();
    await tick();
    const win = popover(model);
    return {
      restored: model.notifications.restored.length,
      popoverVisible: win.visible,
      focusPushes: win.webContents.sent.filter((s) => s.channel === 'popover:focus-vm').map((s) => s.payload),
    };
  },
} satisfies Record<string, (ctx: ScenarioContext) => Promise<unknown>>;
