// Composition root: create the adapters, wire the modules, create windows last. No logic lives here; each step is a
// function from src/main/shell or src/main/ipc.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import Store from 'electron-store';
import type { SettingsFocus } from '../shared/ipc';
import type { Snapshot } from '../shared/model';
import { createApp, type App } from './app';
import { pauseUntil } from './ipc/pause';
import { createMemorySecretStore } from './ipc/settings-service';
import { createFileEventLogRepository } from './persist/event-log-file';
import { createFileNotificationPrefsRepository } from './ipc/notification-prefs';
import { systemClock, systemTimers } from './kernel/clock';
import { installAppMenu } from './shell/app-menu';
import { resolveAppPaths } from './shell/app-paths';
import { shouldOpenSettingsOnLaunch } from './shell/first-run';
import { createPusher, registerInvokeHandlers, type WindowKind } from './shell/ipc';
import { fileWriter } from './shell/log-file';
import { consoleWriter, createLogger } from './shell/logger';
import { applyLoginItem } from './shell/login-item';
import { createNotifier } from './shell/notifier';
import { withNotificationHealth } from './shell/notification-health';
import { createPopoverWindow, type PopoverController } from './shell/popover-window';
import { watchPowerAndNetwork } from './shell/power';
import { createSafeStorageSecretStore } from './shell/secrets';
import { createElectronSettingsPersistence } from './shell/settings-store';
import { createSettingsWindow } from './shell/settings-window';
import { installTestHook } from './shell/test-hook';
import { createTray, type TrayController } from './shell/tray';
import { isAllowedExternalUrl, hardenSession } from './shell/windows-security';
import { setupLifecycle } from './shell/lifecycle';
import { demoConfigFromEnv, demoSettingsInput } from './shell/demo-mode';

const isE2E = process.env['HUBWATCH_E2E'] === '1';
if (isE2E && process.env['HUBWATCH_USER_DATA_DIR'])
  app.setPath('userData', process.env['HUBWATCH_USER_DATA_DIR']);
const demo = demoConfigFromEnv(process.env, tmpdir());
if (demo) app.setPath('userData', demo.userDataDir);

let quitting = false;
const RENDERER_GAVE_UP = {
  title: 'Hubwatch needs a restart',
  body: 'Its window keeps crashing. Quit Hubwatch from the menu-bar icon (right-click) and open it again.',
};
let running: App | null = null;
/** Set once started: the quit path asks the settings window about unsaved edits before anything stops. */
let mayQuit: (() => boolean) | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.dock?.hide();
  setupLifecycle(app, {
    stop: () => running?.stop() ?? null,
    onQuitting: () => (quitting = true),
    mayQuit: () => mayQuit?.() ?? true,
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Hubwatch failed to start', error instanceof Error ? error.message : error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  // Replaces the default menu Electron installed at will-finish-launching (⌘R reload, ⌥⌘I DevTools).
  installAppMenu(Menu);
  const clock = systemClock;
  const userData = app.getPath('userData');
  const logger = createLogger({
    writers: [consoleWriter, fileWriter(join(app.getPath('logs'), 'hubwatch.log'))],
  });
  const paths = resolveAppPaths(
    import.meta.url,
    app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
  );
  const openExternal = (url: string): void => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  };
  hardenSession(session.defaultSession);

  // Settings and secrets
  const secrets = demo
    ? createMemorySecretStore()
    : createSafeStorageSecretStore({
        safeStorage,
        kv: new Store<Record<string, unknown>>({
          name: 'secrets',
          cwd: userData,
          clearInvalidConfig: true,
          accessPropertiesByDotNotation: false,
        }),
        logger,
      });
  // Core (notifications are bound late: a click needs the popover and tray created below)
  let popover: PopoverController | null = null;
  let tray: TrayController | null = null;
  const notifier = createNotifier({
    factory: {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
    },
    logger,
    onClick: (target) => {
      if (target.vmId !== undefined)
        popover?.focusVm(
          {
            hostId: target.hostId,
            vmId: target.vmId,
            ...(target.farmHostId === undefined ? {} : { farmHostId: target.farmHostId }),
          },
          tray?.bounds() ?? null,
        );
      else popover?.show(tray?.bounds() ?? null);
    },
  });
  // Notifications still in Notification Center from a previous run: clicking one must still open its VM.
  void Notification.getHistory()
    .then((previous) => notifier.restore(previous))
    .catch((error: unknown) =>
      logger.error('previous notifications could not be restored', {
        error: error instanceof Error ? error.message : 'unknown',
      }),
    );
  const hubwatch = await createApp({
    clock,
    timers: systemTimers,
    logger,
    settingsStore: createElectronSettingsPersistence({ userDataDir: userData, logger, clock }),
    secrets,
    eventLog: createFileEventLogRepository(join(userData, 'event-log.json'), logger),
    notifier,
    notificationPrefs: createFileNotificationPrefsRepository(
      join(userData, 'notification-prefs.json'),
      logger,
    ),
    ...(demo ? { seedSettings: (s) => s.save(demoSettingsInput(s.current(), demo.host)) } : {}),
  });
  running = hubwatch;
  const { core: appCore, settings } = hubwatch;
  settings.onChange((next) => {
    // Only a packaged app registers itself (a dev build would register the bare Electron binary).
    if (app.isPackaged) applyLoginItem(app, next.launchAtLogin, logger);
  });
  // What the windows see: the core's snapshot and the settings view, plus whether notifications work.
  const shown = withNotificationHealth({ core: appCore, settings, notifier });

  // Windows and IPC
  const electron = { app, BrowserWindow, dialog, screen, Tray, Menu, nativeImage };
  const settingsWindow = createSettingsWindow({ electron, paths, logger, openExternal });
  mayQuit = () => settingsWindow.mayQuit();
  const windows = (kind: WindowKind) =>
    (kind === 'popover' ? popover?.window.webContents : settingsWindow.current()?.webContents) ?? null;
  const push = createPusher(windows);
  popover = createPopoverWindow({
    electron,
    paths,
    core: shown.core,
    push,
    clock,
    logger,
    openExternal,
    isQuitting: () => quitting,
    onRendererGaveUp: () => notifier.showAppMessage(RENDERER_GAVE_UP),
    notificationHealth: () => notifier.health(),
  });
  const windowControls = {
    hidePopover: () => popover?.hide(),
    quit: () => app.quit(),
    openSettings: (focus?: SettingsFocus | null) => settingsWindow.open(focus ?? null),
    setSettingsUnsaved: (unsaved: boolean) => settingsWindow.setUnsaved(unsaved),
    resyncPopoverState: () => popover?.resyncState(),
    adoptPopoverState: (whole: Snapshot, vmCursor: number) =>
      popover?.adoptPulledState(whole, vmCursor) ?? null,
  };
  registerInvokeHandlers({
    ipcMain,
    handlers: hubwatch.invokeHandlers(windowControls, shown),
    windows,
    renderer: paths.renderer,
    logger,
  });
  shown.onChange(() => void push('settings', 'settings:changed', shown.settings.view()));

  // Tray, power, first run
  tray = createTray({
    electron,
    resourcesDir: join(app.getAppPath(), 'resources'),
    core: appCore,
    settings,
    popover,
    clock,
    logger,
    actions: {
      openSettings: () => settingsWindow.open(),
      reconnectAll: () => appCore.reconnect(null),
      pauseOneHour: () => appCore.pauseNotifications(pauseUntil('one-hour', clock.now())),
      pauseUntilTomorrow: () => appCore.pauseNotifications(pauseUntil('until-tomorrow', clock.now())),
      resumeNotifications: () => appCore.pauseNotifications(null),
      quit: () => app.quit(),
    },
  });
  watchPowerAndNetwork({
    powerMonitor,
    isOnline: () => net.isOnline(),
    core: appCore,
    timers: systemTimers,
    logger,
  });
  app.on('second-instance', () => popover?.show(tray?.bounds() ?? null));
  // Re-opening a running app from Finder, Spotlight or Launchpad emits 'activate' on macOS, not 'second-instance'
  // (electron docs/api/app.md); with the icon hidden behind the notch this is the only way back in.
  app.on('activate', () => popover?.show(tray?.bounds() ?? null));
  if (shouldOpenSettingsOnLaunch(userData, settings.current().hosts.length)) settingsWindow.open();

  installTestHook(process.env, {
    showPopover: () => popover?.show(null),
    openSettings: () => settingsWindow.open(),
    saveSettings: (input) => settings.save(input),
  });
  logger.info('Hubwatch started', { version: app.getVersion(), hosts: settings.current().hosts.length });
}
