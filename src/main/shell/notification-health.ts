// What the windows see: the core's snapshot and the settings view, each with the notifier's health added, so the
// popover and the settings page can show "Hubwatch can't show notifications" instead of only the log saying so.
// The core stays OS-agnostic; this is the one place the two are joined.
import type { SettingsService } from '../ipc/settings-service';
import type { AppCore } from '../core/ports';
import type { Notifier } from './notifier';

export function withNotificationHealth(o: {
  core: AppCore;
  settings: SettingsService;
  notifier: Pick<Notifier, 'health' | 'onHealthChange'>;
}): { core: AppCore; settings: SettingsService; onChange(listener: () => void): () => void } {
  const health = () => o.notifier.health();
  const core: AppCore = {
    ...o.core,
    snapshot: () => ({ ...o.core.snapshot(), notificationHealth: health() }),
    onChange(listener) {
      const offCore = o.core.onChange(listener);
      const offHealth = o.notifier.onHealthChange(listener);
      return () => {
        offCore();
        offHealth();
      };
    },
  };
  const settings: SettingsService = {
    ...o.settings,
    view: () => ({ ...o.settings.view(), notificationHealth: health() }),
    save: async (input) => ({ ...(await o.settings.save(input)), notificationHealth: health() }),
  };
  return {
    core,
    settings,
    onChange(listener) {
      const offSettings = o.settings.onChange(listener);
      const offHealth = o.notifier.onHealthChange(listener);
      return () => {
        offSettings();
        offHealth();
      };
    },
  };
}
