// Tray and Menu as macOS delivers them (shell/browser/ui/tray_icon_cocoa.mm): the status item sits in the menu bar
// of EVERY display, a left click emits 'click' on mouse-up with the clicked item's bounds and the modifier keys (a
// quick second click is a 'double-click' instead unless double clicks are ignored), a right click emits
// 'right-click', and with a context menu set a left click emits 'click' and then opens that menu.
import { EventEmitter } from 'node:events';
import type { ModelNativeImage } from './images';
import { strict, type DisplayConfig, type ModelState } from './state';

export interface MenuItemModel {
  readonly label?: string;
  readonly role?: string;
  readonly type?: string;
  readonly accelerator?: string;
  readonly enabled?: boolean;
  readonly click?: () => void;
  readonly submenu?: MenuModel;
}

export class MenuModel {
  constructor(readonly items: readonly MenuItemModel[]) {}
}

type Template = readonly Record<string, unknown>[];

function build(template: Template): MenuModel {
  return new MenuModel(
    template.map((entry) => ({
      ...(entry as MenuItemModel),
      submenu: Array.isArray(entry['submenu']) ? build(entry['submenu'] as Template) : undefined,
    })),
  );
}

export function createMenuModule(state: ModelState) {
  let applicationMenu: MenuModel | null = null;
  const module = {
    /** True once anyone called setApplicationMenu (lib/browser/default-menu.ts applicationMenuWasSet). */
    wasSet: false,
    buildFromTemplate(template: Template): MenuModel {
      state.calls.push('Menu.buildFromTemplate');
      return build(template);
    },
    setApplicationMenu(menu: MenuModel | null): void {
      state.calls.push('Menu.setApplicationMenu');
      module.wasSet = true;
      applicationMenu = menu;
    },
    getApplicationMenu(): MenuModel | null {
      return applicationMenu;
    },
  };
  return module;
}

export type MenuModule = ReturnType<typeof createMenuModule>;

export interface ClickOptions {
  readonly display?: number;
  readonly ctrlKey?: boolean;
  /** NSEvent clickCount: 2 for the second click of a quick pair (a user toggling the popover open and shut). */
  readonly clickCount?: 1 | 2;
}

export class ModelTray extends EventEmitter {
  static instances: ModelTray[] = [];
  image: ModelNativeImage;
  title = '';
  toolTip = '';
  contextMenu: MenuModel | null = null;
  /** Menus the user saw, in order (popUpContextMenu or a click with a context menu set). */
  readonly menusOpened: MenuModel[] = [];
  /** Every call the product made on this tray, with its arguments, in order. */
  readonly calls: [string, ...unknown[]][] = [];
  private destroyed = false;
  /** setIgnoreDoubleClickEvents; NO by default (tray_icon_cocoa.mm -initWithIcon: ignoreDoubleClickEvents_ = NO). */
  private ignoreDoubleClick = false;

  constructor(
    private readonly state: ModelState,
    image: ModelNativeImage,
  ) {
    super();
    state.requireReady('Tray');
    state.calls.push('new Tray');
    this.image = image;
    this.checkImage(image);
    ModelTray.instances.push(this);
  }

  private checkImage(image: ModelNativeImage): void {
    if (image.isEmpty()) this.state.violate('template-image', 'tray image is empty: the icon is invisible');
    else if (!image.isTemplateImage())
      this.state.violate('template-image', 'tray image is not a template image: wrong in dark menu bars');
    else if (!image.getScaleFactors().includes(2))
      this.state.violate('template-image', 'tray image has no @2x representation: blurry on Retina');
  }

  private alive(member: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error(`Tray.${member}: Object has been destroyed`);
    this.calls.push([member, ...args]);
  }

  callsOf(member: string): unknown[][] {
    return this.calls.filter(([m]) => m === member).map(([, ...args]) => args);
  }

  setImage(image: ModelNativeImage): void {
    this.alive('setImage', image);
    this.checkImage(image);
    this.image = image;
  }
  setTitle(title: string, options?: unknown): void {
    this.alive('setTitle', title, options);
    this.title = title;
  }
  setToolTip(toolTip: string): void {
    this.alive('setToolTip', toolTip);
    this.toolTip = toolTip;
  }
  setIgnoreDoubleClickEvents(ignore: boolean): void {
    this.alive('setIgnoreDoubleClickEvents', ignore);
    this.ignoreDoubleClick = ignore;
  }
  setContextMenu(menu: MenuModel | null): void {
    this.alive('setContextMenu', menu);
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: MenuModel): void {
    this.alive('popUpContextMenu', menu);
    const shown = menu ?? this.contextMenu;
    if (shown) this.menusOpened.push(shown);
  }
  closeContextMenu(): void {}
  /** The status item on the primary display (macOS reports one item's frame). */
  getBounds(): { x: number; y: number; width: number; height: number } {
    this.alive('getBounds');
    const primary = this.state.config.displays.find((d) => d.primary) ?? this.state.config.displays[0];
    return primary ? trayBoundsOn(primary) : { x: 0, y: 0, width: 0, height: 0 };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.alive('destroy');
    this.destroyed = true;
  }

  // ---- user actions (test controls) ----

  /**
   * A left click on the status item of one display (tray_icon_cocoa.mm, electron 96f3996d): -mouseDown: emits
   * 'mouse-down'; with a non-empty context menu it then runs handleClickNotifications and [super mouseDown:] opens
   * the menu (no mouse-up), otherwise -mouseUp: emits 'mouse-up' and THEN handleClickNotifications. That one emits
   * 'click' only for clickCount 1 or when double clicks are ignored; the second click of a quick pair
   * (clickCount 2) emits 'double-click' INSTEAD, so an app that did not call setIgnoreDoubleClickEvents(true)
   * never sees it as a click.
   */
  userClick(o: ClickOptions = {}): void {
    const bounds = this.boundsOnDisplay(o.display);
    const event = { ctrlKey: o.ctrlKey === true, altKey: false, shiftKey: false, metaKey: false };
    const point = { x: bounds.x + 5, y: bounds.y + 5 };
    this.emit('mouse-down', event, point);
    const withMenu = this.contextMenu !== null && this.contextMenu.items.length > 0;
    if (!withMenu) this.emit('mouse-up', event, point);
    const clickCount = o.clickCount ?? 1;
    if (clickCount === 1 || this.ignoreDoubleClick) this.emit('click', event, bounds, point);
    if (clickCount === 2 && !this.ignoreDoubleClick) this.emit('double-click', event, bounds);
    if (withMenu && this.contextMenu) this.menusOpened.push(this.contextMenu);
  }
  userRightClick(o: ClickOptions = {}): void {
    const bounds = this.boundsOnDisplay(o.display);
    this.emit('right-click', { ctrlKey: false, altKey: false, shiftKey: false, metaKey: false }, bounds);
  }

  private boundsOnDisplay(id: number | undefined): ReturnType<ModelTray['getBounds']> {
    const display = this.state.config.displays.find((d) => d.id === id) ?? this.state.config.displays[0];
    return display ? trayBoundsOn(display) : { x: 0, y: 0, width: 0, height: 0 };
  }
}

/** Where the status item sits in a display's menu bar (right-hand side, 24 pt tall). */
function trayBoundsOn(display: DisplayConfig): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  return { x: display.bounds.x + display.bounds.width - 240, y: display.bounds.y, width: 24, height: 24 };
}

export type TrayConstructor = new (image: ModelNativeImage) => ModelTray;

export function createTrayClass(state: ModelState): TrayConstructor {
  return class Tray extends ModelTray {
    constructor(image: ModelNativeImage) {
      super(state, image);
      const proxy = strict(this, 'Tray');
      ModelTray.instances[ModelTray.instances.indexOf(this)] = proxy;
      return proxy;
    }
  };
}
