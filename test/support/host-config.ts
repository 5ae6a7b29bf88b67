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

/** A server with sign-in credentials (a simulator) as a password host, its secret included: ready to save. */
export function passwordHostFor(
  server: {
    readonly url: string;
    readonly credentials: { readonly username: string; readonly password: string };
  },
  over: Partial<HostConfig> = {},
): HostConfig & { secret: string } {
  const host = hostConfig({
    url: server.url,
    auth: 'password',
    username: server.credentials.username,
    ...over,
  });
  return { ...host, secret: server.credentials.password };
}
