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

type SignInServer = {
  readonly url: string;
  readonly credentials: { readonly username: string; readonly password: string };
};

/** A server with sign-in credentials (a simulator) as a password host: its URL and user name. */
export function passwordHost(server: SignInServer, over: Partial<HostConfig> = {}): HostConfig {
  return hostConfig({ url: server.url, auth: 'password', username: server.credentials.username, ...over });
}

/** The same with its secret included: ready to save. */
export function passwordHostFor(
  server: SignInServer,
  over: Partial<HostConfig> = {},
): HostConfig & { secret: string } {
  return { ...passwordHost(server, over), secret: server.credentials.password };
}
