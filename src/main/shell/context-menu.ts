// The tray's right-click menu as data. PURE (Electron's Menu.buildFromTemplate takes these objects as-is), so the
// entries and their enabled states are unit-tested.
export interface MenuEntry {
  readonly label?: string;
  readonly type?: 'separator' | 'normal';
  readonly enabled?: boolean;
  readonly click?: () => void;
}

export interface TrayMenuActions {
  openSettings(): void;
  reconnectAll(): void;
  pauseOneHour(): void;
  pauseUntilTomorrow(): void;
  resumeNotifications(): void;
  quit(): void;
}

export function trayMenuTemplate(
  state: { pausedUntil: number | null; now: number; hasHosts: boolean },
  actions: TrayMenuActions,
): MenuEntry[] {
  const paused = state.pausedUntil !== null && state.pausedUntil > state.now;
  const pauseLabel = paused
    ? `Notifications paused until ${new Date(state.pausedUntil ?? 0).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`
    : null;
  return [
    { label: 'Settings…', click: actions.openSettings },
    { label: 'Reconnect all', enabled: state.hasHosts, click: actions.reconnectAll },
    { type: 'separator' },
    ...(pauseLabel === null
      ? []
      : [
          { label: pauseLabel, enabled: false },
          { label: 'Resume notifications', click: actions.resumeNotifications },
        ]),
    { label: 'Pause notifications for 1 hour', click: actions.pauseOneHour },
    { label: 'Pause notifications until tomorrow', click: actions.pauseUntilTomorrow },
    { type: 'separator' },
    { label: 'Quit Hubwatch', click: actions.quit },
  ];
}
