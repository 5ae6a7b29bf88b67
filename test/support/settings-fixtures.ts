// The one stored host and settings documents the main-side settings tests (model, persistence, service, handlers)
// start from, so a new HostConfig field is added to one fixture instead of four copies.
import {
  DEFAULT_NOTIFICATION_RULES,
  DEFAULT_SETTINGS,
  type AppSettings,
  type HostConfig,
  type HostInput,
  type SettingsInput,
} from '../../src/shared/settings';
import { hostConfig } from './host-config';

/** A saved password host ("Farm 1", id h-1), kind not known yet (detected when connecting). */
export const storedHost: HostConfig = hostConfig({
  url: 'https://farm-1.local:3080',
  auth: 'password',
  username: 'root',
});

/** A token host entry at `url` (what Test connection is handed in the hub tests), changed by `overrides`. */
export function tokenHostAt(url: string, overrides: Partial<HostConfig> = {}): HostConfig {
  return hostConfig({ id: 'h1', name: 'farm', url, ...overrides });
}

/** The default settings with these hosts. */
export function settingsWith(...hosts: HostConfig[]): AppSettings {
  return { ...DEFAULT_SETTINGS, hosts };
}

/** What the settings page submits for these hosts, every other setting at its default. */
export function inputWith(...hosts: HostInput[]): SettingsInput {
  return { hosts, notifications: DEFAULT_NOTIFICATION_RULES, showTrayCount: true, launchAtLogin: false };
}
