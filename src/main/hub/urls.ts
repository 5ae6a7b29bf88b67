// Building the hub's URLs from the user's base URL (http(s)://host:port[/prefix]).
import { HubRequestError } from './errors';
import { isHubScheme } from '../../shared/hub-url';
import { DEFAULT_EVENT_TYPES } from './channels';

/**
 * Parses and normalises a base URL: no credentials, no query, no trailing slash, no trailing /v1. The path, if
 * any, is the server's API_PREFIX (`https://h/devops/api` -> `/devops/api/v1/…`); without one it is `/api`.
 */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new HubRequestError('bad-response', 'The host URL is not valid (expected http(s)://host:port)');
  }
  if (!isHubScheme(url)) {
    throw new HubRequestError(
      'bad-response',
      `The host URL must start with http:// or https:// (got ${url.protocol})`,
    );
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  // Users paste ".../api/v1" from the docs; the version segment is the client's to add.
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
  return url;
}

/** The API prefix of a normalised base URL: its path, or the server default `/api` (config/main.go ApiPrefix()). */
function prefixOf(base: URL): string {
  const path = base.pathname.replace(/\/+$/, '');
  return path === '' ? '/api' : path;
}

/** `{prefix}/v1{path}` on the base URL's origin. */
export function apiUrl(base: URL, path: string, query?: Readonly<Record<string, string>>): URL {
  const url = new URL(base.toString());
  url.pathname = `${prefixOf(base)}/v1${path}`;
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url;
}

/** Health lives outside the version segment: `{prefix}/health/probe`. */
export function healthUrl(base: URL): URL {
  const url = new URL(base.toString());
  url.pathname = `${prefixOf(base)}/health/probe`;
  return url;
}

/** `ws(s)://host:port{prefix}/v1/ws/subscribe?event_types=…` — credentials go in headers, never here. */
export function wsUrl(base: URL, eventTypes: readonly string[]): URL {
  const url = apiUrl(base, '/ws/subscribe');
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const types = eventTypes.length > 0 ? eventTypes : [...DEFAULT_EVENT_TYPES];
  // Keep the comma literal: the server splits on "," and URLSearchParams would encode it.
  url.search = `?event_types=${types.map((t) => encodeURIComponent(t)).join(',')}`;
  return url;
}
