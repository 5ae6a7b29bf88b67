// "Launch at login": applied only when it differs from what macOS reports, then read back. On macOS 13+ the system
// may keep it off until the user approves it in System Settings → General → Login Items (getLoginItemSettings
// status 'requires-approval', electron docs/api/app.md), so a silent set-and-forget would lie to the user.
import type { App } from 'electron';
import type { Logger } from '../kernel/logger';

export type LoginItemApp = Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;

/** Returns whether the login item now matches `wanted`. */
export function applyLoginItem(app: LoginItemApp, wanted: boolean, logger: Logger): boolean {
  if (app.getLoginItemSettings().openAtLogin === wanted) return true;
  app.setLoginItemSettings({ openAtLogin: wanted });
  const after = app.getLoginItemSettings();
  if (after.openAtLogin === wanted) return true;
  logger.warn('launch at login not applied', { wanted, status: after.status });
  return false;
}
