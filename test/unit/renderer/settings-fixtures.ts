// The settings page's starting point in the renderer tests (drafts, store, validation): one saved host "Farm 1"
// (h1) in an otherwise default view, with per-test changes to the host. One place to add a HostView field.
import {
  DEFAULT_NOTIFICATION_RULES,
  type HostInput,
  type HostView,
  type SettingsView,
} from '../../../src/shared/settings';

/** Farm 1 as the page submits it: token auth, a typed token, nothing pinned. */
export const farm1Input: HostInput = {
  id: 'h1',
  name: 'Farm 1',
  url: 'https://farm-1.local:3080',
  auth: 'token',
  username: '',
  pinnedFingerprint: null,
  enabled: true,
  secret: 'jwt-token',
};

/** The view main sends with Farm 1 saved (its secret stored), changed by `host`. */
export function viewWithFarm1(host: Partial<HostView> = {}): SettingsView {
  const { secret: _secret, ...saved } = farm1Input;
  return {
    hosts: [{ ...saved, secretSet: true, ...host }],
    notifications: DEFAULT_NOTIFICATION_RULES,
    showTrayCount: true,
    launchAtLogin: false,
    recoveredFromCorruptFile: false,
  };
}
