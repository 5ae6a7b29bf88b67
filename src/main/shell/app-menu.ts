// The application menu. Electron installs its DEFAULT menu at will-finish-launching unless the app sets one
// (electron lib/browser/init.ts, lib/browser/default-menu.ts): File, Edit, View with Reload (⌘R, which would reload
// the settings page and lose the draft) and Toggle DevTools (⌥⌘I, which disables the popover's blur-hide), Window.
// A menu-bar app needs only Edit, so ⌘C / ⌘V / ⌘A / ⌘Z work in the settings fields.
import type { Menu, MenuItemConstructorOptions } from 'electron';

export const APP_MENU_TEMPLATE: readonly MenuItemConstructorOptions[] = [{ role: 'editMenu' }];

export function installAppMenu(menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>): void {
  menu.setApplicationMenu(menu.buildFromTemplate([...APP_MENU_TEMPLATE]));
}
