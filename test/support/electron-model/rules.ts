// The macOS rule pack: how real Electron 45 on a Mac behaves where a lenient stand-in would let a bug through.
// Each rule names the Electron source file or doc it comes from (github.com/electron/electron, main branch,
// read at 96f3996d). A rule either shapes the model's behaviour (which events fire, what a call returns) or, when
// the product does something a Mac punishes, is recorded as a violation the tests assert on.

export interface MacRule {
  readonly id: string;
  readonly behaviour: string;
  readonly source: string;
}

export const MAC_RULES = {
  readyGate: {
    id: 'ready-gate',
    behaviour:
      'BrowserWindow, Tray, Notification, screen and session cannot be used before app ready; the model also gates safeStorage and powerMonitor (stricter than macOS, on purpose)',
    source:
      'docs/api/browser-window.md and docs/api/screen.md ("cannot be used until the ready event"), shell/browser/api/electron_api_tray.cc ("Cannot create Tray before app is ready"), shell/browser/api/electron_api_notification.cc Notification::New ("Cannot create Notification before app is ready"), docs/api/session.md (defaultSession "available after app.whenReady"); safeStorage works before ready on macOS (docs/api/safe-storage.md isEncryptionAvailable: only Linux and Windows wait for ready), lib/browser/api/power-monitor.ts starts its event source on the first listener',
  },
  trayClickWithMenu: {
    id: 'tray-click-with-menu',
    behaviour:
      'with setContextMenu, mouseDown emits click and then opens the menu; mouse-up is not emitted (no mouseUp)',
    source:
      'shell/browser/ui/tray_icon_cocoa.mm (-mouseDown: handleClickNotifications then [super mouseDown:])',
  },
  trayDoubleClick: {
    id: 'tray-double-click',
    behaviour:
      "a left click emits 'click' on mouse-up (after 'mouse-up'); the second click of a quick pair (clickCount 2) emits 'double-click' instead, unless setIgnoreDoubleClickEvents(true)",
    source:
      'shell/browser/ui/tray_icon_cocoa.mm (-mouseUp:, handleClickNotifications: clickCount and ignoreDoubleClickEvents_)',
  },
  windowAllClosedQuits: {
    id: 'window-all-closed-quits',
    behaviour:
      "closing the last window (outside a quit) emits app 'window-all-closed', and Electron's own listener quits the app unless the app added one",
    source:
      "lib/browser/init.ts (app.on('window-all-closed': listenerCount === 1 → app.quit())), shell/browser/browser.cc OnWindowAllClosed",
  },
  ctrlClick: {
    id: 'tray-ctrl-click',
    behaviour:
      'ctrl-click arrives as a left click whose event has ctrlKey: true (modifier flags passed through)',
    source: 'shell/browser/ui/tray_icon_cocoa.mm (handleClickNotifications: EventFlagsFromModifiers)',
  },
  notificationDismissNoClose: {
    id: 'notification-dismiss-no-close',
    behaviour: "a notification the user dismisses emits no 'close'; only notification.close() does",
    source:
      'shell/browser/notifications/mac/notification_center_delegate.mm (dismiss only reported for custom categories), cocoa_notification.mm Dismiss()',
  },
  notificationUnsigned: {
    id: 'notification-unsigned-failed',
    behaviour: "an unsigned app (or denied permission) gets 'failed' for every notification",
    source: 'docs/api/notification.md ("Unsigned binaries will emit a failed event"), cocoa_notification.mm',
  },
  notificationPermissionPrompt: {
    id: 'notification-permission-prompt',
    behaviour:
      'the permission prompt is requested on the first notification API call; notifications shown before the user answers are lost',
    source: 'shell/browser/notifications/mac/notification_presenter_mac.mm (requestAuthorizationWithOptions)',
  },
  notificationHistory: {
    id: 'notification-history',
    behaviour:
      'notifications from a previous run come back from Notification.getHistory() and emit click there',
    source: 'docs/api/notification.md (Notification.getHistory)',
  },
  reopenActivate: {
    id: 'reopen-activate',
    behaviour:
      "re-opening a running app (Finder, Spotlight, Launchpad) emits 'activate', not 'second-instance'",
    source: "docs/api/app.md (Event: 'activate' macOS)",
  },
  showActivates: {
    id: 'show-activates-app',
    behaviour:
      "show() of a normal window activates the app; hide() does not deactivate it; a type 'panel' window does not activate it",
    source:
      'docs/api/structures/base-window-options.md (type panel), shell/browser/native_window_mac.mm Show()',
  },
  alphaNeedsTransparent: {
    id: 'alpha-needs-transparent',
    behaviour: 'an #AARRGGBB backgroundColor with alpha < ff is only honoured with transparent: true',
    source: 'docs/api/structures/base-window-options.md (backgroundColor)',
  },
  defaultMenu: {
    id: 'default-menu',
    behaviour:
      'Electron installs its default menu (File, Edit, View with Reload and DevTools, Window) at will-finish-launching unless the app set one',
    source: 'lib/browser/init.ts (app.once will-finish-launching), lib/browser/default-menu.ts',
  },
  templateImage: {
    id: 'template-image',
    behaviour:
      'createFromPath returns an empty image for a missing file; a name ending in Template is a template image; an @2x sibling adds the 2x representation',
    source: 'docs/api/native-image.md (High Resolution Image, Template Image)',
  },
  appPath: {
    id: 'app-path',
    behaviour:
      'getAppPath() is the directory given to electron (the project root for `electron .`), or app.asar',
    source: 'docs/api/app.md (app.getAppPath)',
  },
} as const satisfies Record<string, MacRule>;

export type RuleId = (typeof MAC_RULES)[keyof typeof MAC_RULES]['id'];
