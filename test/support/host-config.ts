// One configured host for tests, so each test writes only what it is about (its id, URL, sign-in method) instead
// of the whole seven-field literal. The default is a token host on 127.0.0.1 with no pinned certificate.
import type { HostConfig } from '../../src/shared/settings';

export function hostConfig(over: Partial<HostConfig> = {}): HostConfig {
  return {
    id: 'h-1',
    name: 'Farm 1',
    url: 'http://127.0.0.1:3080',
    auth: 'token',
    username: '',
    pinnedFingerprint: null,
    enabled: true,
    ...over,
  };
}
