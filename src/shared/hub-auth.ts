// The credentials one host's hub clients authenticate with, built from its settings and its secret in exactly one
// place: the monitor (core/host-monitor.ts) and the settings page's connection test (hub/test-connection.ts) both
// call hubAuthFor, so an auth method added to settings cannot be wired for one and forgotten by the other.
// Pure (no I/O); the secret stays in main: the renderer never receives one to call this with.
import type { HostConfig } from './settings';

export type HubAuth =
  | { method: 'token'; token: string }
  | { method: 'api-key'; keyId: string; secret: string }
  | { method: 'password'; username: string; password: string };

export function hubAuthFor(host: Pick<HostConfig, 'auth' | 'username'>, secret: string): HubAuth {
  switch (host.auth) {
    case 'token':
      return { method: 'token', token: secret };
    case 'api-key':
      return { method: 'api-key', keyId: host.username, secret };
    case 'password':
      return { method: 'password', username: host.username, password: secret };
  }
}
