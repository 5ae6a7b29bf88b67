// The menu-bar item: template icon per status, running count as title (monospaced digits so it does not jitter),
// left click toggles the popover, right click opens the context menu. Status comes from the pure selector.
import { join } from 'node:path';
import type { Menu, NativeImage, nativeImage, Rectangle, Tray } from 'electron';
import type { SettingsService } from '../ipc/settings-service';
import type { AppCore } from '../core/ports';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { trayMenuTemplate, type TrayMenuActions } from './context-menu';
import type { PopoverController } from './popover-window';
import { TrayFacts } from './tray-facts';
import { trayStatusOf, type TrayIcon, type TrayStatus } from './tray-status';

const UPDATE_DELAY_MS = 100;
const ICONS: readonly TrayIcon[] = ['ok', 'attention', 'disconnected', 'auth'];

/** The Electron pieces the tray uses, injected (index.ts passes the real ones) so Node tests drive it with fakes. */
export interface TrayElectron {
  readonly Tray: new (image: NativeImage) => Tray;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly nativeImage: Pick<typeof nativeImage, 'createFromPath' | 'createEmpty'>;
}

export interface TrayController {
  /** Last known icon bounds (for showing the popover from a notification click). */
  bounds(): Rectangle | null;
  dispose(): void;
}

export function trayIconPath(resourcesDir: string, icon: TrayIcon): string {
  // The "Template" suffix makes macOS treat it as a template image (tinted for light/dark menu bars);
  // the @2x sibling is picked up automatically.
  return join(resourcesDir, `tray-${icon}Template.png`);
}

export function createTray(o: {
  electron: TrayElectron;
  resourcesDir: string;
  core: AppCore;
  settings: SettingsService;
  popover: PopoverController;
  actions: TrayMenuActions;
  clock: Clock;
  logger: Logger;
}): TrayController {
  const { Menu, nativeImage, Tray } = o.electron;
  const images = new Map<TrayIcon, NativeImage>();
  for (const icon of ICONS) {
    const image = nativeImage.createFromPath(trayIconPath(o.resourcesDir, icon));
    if (image.isEmpty()) o.logger.warn('tray icon missing', { icon });
    image.setTemplateImage(true);
    images.set(icon, image);
  }
  const tray = new Tray(images.get('disconnected') ?? nativeImage.createEmpty());
  tray.setIgnoreDoubleClickEvents(true);
  let shown: TrayStatus | null = null;
  let lastBounds: Rectangle | null = null;

  // Kept up to date from the core's change journal: the tray never builds a snapshot.
  const facts = new TrayFacts(o.core.view);
  let settingsChanged = true;

  function apply(): void {
    // Nothing the tray shows changed (a VM's uptime, a pending action): no rebuild.
    if (!facts.refresh() && !settingsChanged) return;
    settingsChanged = false;
    const status = trayStatusOf(facts.input(), o.settings.current());
    if (shown?.icon !== status.icon) tray.setImage(images.get(status.icon) ?? nativeImage.createEmpty());
    if (shown?.title !== status.title) tray.setTitle(status.title, { fontType: 'monospacedDigit' });
    if (shown?.tooltip !== status.tooltip) tray.setToolTip(status.tooltip);
    shown = status;
  }

  let pending: ReturnType<typeof setTimeout> | null = null;
  const schedule = (): void => {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      apply();
    }, UPDATE_DELAY_MS);
  };
  const offCore = o.core.onChange(schedule);
  const offSettings = o.settings.onChange(() => {
    settingsChanged = true;
    schedule();
  });
  apply();

  tray.on('click', (event, bounds) => {
    lastBounds = bounds;
    // A ctrl-click is the Mac's secondary click, but a status item receives it as a left click with ctrlKey
    // (electron shell/browser/ui/tray_icon_cocoa.mm passes the modifier flags): open the menu, like right-click.
    if (event.ctrlKey) openMenu();
    else o.popover.toggle(bounds);
  });
  tray.on('right-click', (_event, bounds) => {
    lastBounds = bounds;
    openMenu();
  });

  function openMenu(): void {
    const menu = Menu.buildFromTemplate(
      trayMenuTemplate(
        {
          pausedUntil: o.core.view.pausedUntil(),
          now: o.clock.now(),
          hasHosts: o.settings.current().hosts.length > 0,
        },
        o.actions,
      ),
    );
    tray.popUpContextMenu(menu);
  }

  return {
    bounds: () => {
      if (tray.isDestroyed()) return lastBounds;
      const b = tray.getBounds();
      return b.width > 0 && b.height > 0 ? b : lastBounds;
    },
    dispose() {
      offCore();
      offSettings();
      if (pending !== null) clearTimeout(pending);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
