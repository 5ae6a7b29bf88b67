// The one composition root of the Electron-free app: settings service, core (with the real hub clients) and the
// link between them. The Electron entry (src/main/index.ts) and the web preview (src/dev/preview-app.ts) both call
// createApp with their own adapters (file or memory storage, Keychain or memory secrets, native or printed
// notifications), so the two cannot drift apart in how the core is wired.
import type { AppCoreOptions } from './core/app-core-types';
import { createAppCore } from './core/app-core';
import type { AppCore } from './core/ports';
import type { HubFactory } from './core/hub-ports';
import { defaultHubFactory } from './hub-factory';
import {
  connectSettingsToCore,
  createInvokeHandlers,
  type InvokeHandlers,
  type WindowControls,
} from './ipc/handlers';
import { persistNotificationPrefs, type NotificationPrefsRepository } from './ipc/notification-prefs';
import {
  createSettingsService,
  type SecretStore,
  type SettingsPersistence,
  type SettingsService,
} from './ipc/settings-service';
import type { Clock, Timers } from './kernel/clock';
import type { Logger } from './kernel/logger';
import type { NotificationSink } from './notify/intent';
import type { EventLogRepository } from './persist/event-log-repository';

/** Everything that differs between the Electron app, the web preview and tests. */
export interface AppAdapters {
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  readonly settingsStore: SettingsPersistence;
  readonly secrets: SecretStore;
  readonly eventLog: EventLogRepository;
  readonly notifier: NotificationSink;
  /** Where muted VMs and the pause survive a restart; absent in the preview (memory only). */
  readonly notificationPrefs?: NotificationPrefsRepository;
  /** Runs once the settings are loaded and before the core starts (demo mode and the preview seed their hosts). */
  readonly seedSettings?: (settings: SettingsService) => Promise<unknown>;
  /** Default: the real hub clients of src/main/hub. */
  readonly hubFactory?: HubFactory;
  readonly coreOptions?: AppCoreOptions;
}

export interface App {
  readonly core: AppCore;
  readonly settings: SettingsService;
  /** The invoke handlers over `view` (default: this app's core and settings; the shell wraps them first). */
  invokeHandlers(
    windows: WindowControls,
    view?: { readonly core: AppCore; readonly settings: SettingsService },
  ): InvokeHandlers;
  /** Unlinks settings from the core and stops every host monitor. */
  stop(): Promise<void>;
}

export async function createApp(adapters: AppAdapters): Promise<App> {
  const { clock, timers, logger } = adapters;
  const settings = await createSettingsService({ store: adapters.settingsStore, secrets: adapters.secrets });
  if (adapters.seedSettings) await adapters.seedSettings(settings);
  const core = await createAppCore({
    clock,
    timers,
    logger,
    eventLog: adapters.eventLog,
    notifier: adapters.notifier,
    secrets: { getSecret: (hostId) => settings.secretFor(hostId) },
    hubFactory: adapters.hubFactory ?? defaultHubFactory,
    ...(adapters.coreOptions ? { options: adapters.coreOptions } : {}),
  });
  const offConfigure = connectSettingsToCore(settings, core);
  const offPrefs = adapters.notificationPrefs
    ? await persistNotificationPrefs({ core, repo: adapters.notificationPrefs, clock, timers, logger })
    : () => undefined;
  return {
    core,
    settings,
    invokeHandlers: (windows, view) =>
      createInvokeHandlers({
        core: view?.core ?? core,
        settings: view?.settings ?? settings,
        windows,
        clock,
      }),
    async stop() {
      offConfigure();
      offPrefs();
      await core.stop();
    },
  };
}
