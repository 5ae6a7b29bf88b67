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
    onChange: (listener) => both(o.core.onChange(listener), o.notifier.onHealthChange(listener)),
  };
  const settings: SettingsService = {
    ...o.settings,
    view: () => ({ ...o.settings.view(), notificationHealth: health() }),
    save: async (input) => ({ ...(await o.settings.save(input)), notificationHealth: health() }),
  };
  return {
    core,
    settings,
    onChange: (listener) => both(o.settings.onChange(listener), o.notifier.onHealthChange(listener)),
  };
}

/** One unsubscribe for two subscriptions (a source and the notifier's health). */
function both(off: () => void, offToo: () => void): () => void {
  return () => {
    off();
    offToo();
  };
}
