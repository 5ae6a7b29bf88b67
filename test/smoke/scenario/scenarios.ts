// The scenarios run inside the launched bundle's process (see launch.ts). Each drives the model the way a Mac user
// and macOS would, and returns plain observations; the assertions live in scenarios.test.ts.
import { startSimulator } from '../../sim/index';
import { DEFAULT_NOTIFICATION_RULES } from '../../../src/shared/settings';
import {
  tick,
  until,
  page,
  popover,
  invoke,
  tray,
  openSettings,
  connectToSimulator,
  type ScenarioContext,
} from './scenario-steps';

export type { ScenarioContext } from './scenario-steps';

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

  async 'quit-unsaved-settings'({ model }: ScenarioContext) {
    const sim = await startSimulator({ vms: 2, seed: 5 });
    try {
      await connectToSimulator(model, sim);
      const settings = page(model, 'settings');
      if (!settings) throw new Error('no settings window');
      await invoke(model, settings, 'settings:unsaved', { unsaved: true });
      const quitFromTray = (): void => {
        tray(model).userRightClick();
        tray(model)
          .menusOpened.at(-1)
          ?.items.find((i) => i.label === 'Quit Hubwatch')
          ?.click?.();
      };
      quitFromTray();
      await until('the quit sheet', () => model.messageBoxes().length === 1);
      const asked = {
        buttons: model.messageBoxes()[0]?.options.buttons,
        onSettings: model.messageBoxes()[0]?.window === settings,
        wsOpen: sim.stats.wsOpen,
      };
      model.messageBoxes()[0]?.cancel();
      await tick();
      await tick();
      const afterCancel = {
        quitState: model.app.quitState,
        wsOpen: sim.stats.wsOpen,
        settingsOpen: !settings.destroyed,
      };
      quitFromTray();
      await until('the quit sheet again', () => model.messageBoxes().length === 1);
      model.messageBoxes()[0]?.answer(1); // Don't Save
      await until('quit', () => model.app.quitState === 'quit', 5_000);
      await until('the server saw the socket close', () => sim.stats.wsOpen === 0, 2_000).catch(
        () => undefined,
      );
      return { asked, afterCancel, afterDiscard: { wsOpen: sim.stats.wsOpen } };
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

  // Issue 15: the page pulls its farm while the popover is hidden (first screen, then the slices of the snapshot
  // it was cut from); the first push when the user opens it must build on that pull, not re-send the farm.
  async 'first-show-after-pull'({ model }: ScenarioContext) {
    const sim = await startSimulator({ vms: 120, seed: 11 });
    try {
      const win = await connectToSimulator(model, sim);
      await until('popover page loaded', () => win.webContents.url !== '');
      const statePushes = () => win.webContents.sent.filter((s) => s.channel === 'state:changed');
      const first = await invoke(model, win, 'vm:snapshot', { firstScreen: true });
      const firstScreen = (
        first.value as { firstScreen?: { rest?: { id: number; slices: number; pushGeneration?: number } } }
      ).firstScreen;
      const rest = firstScreen?.rest;
      if (rest === undefined) throw new Error('the first screen left nothing out: use more running VMs');
      let pulled = 0;
      for (let index = 0; index < rest.slices; index++) {
        const slice = await invoke(model, win, 'vm:snapshot-slice', { id: rest.id, index });
        pulled += (slice.value as { vms: unknown[] }).vms.length;
      }
      const pushesWhileHidden = statePushes().length;
      tray(model).userClick();
      await tick();
      const [firstPush] = statePushes().map((s) => s.payload as Record<string, unknown>);
      return {
        pushesWhileHidden,
        pulled,
        pushGeneration: rest.pushGeneration ?? null,
        popoverVisible: win.visible,
        firstPushKind: firstPush === undefined ? null : 'full' in firstPush ? 'full' : 'delta',
        firstPushBase: (firstPush?.['delta'] as { base?: number } | undefined)?.base ?? null,
        firstPushGeneration: firstPush?.['generation'] ?? null,
      };
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
