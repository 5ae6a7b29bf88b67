// The one set of rules for a hub's base URL, read by the settings page (renderer/lib/validation.ts), the IPC
// boundary (main/ipc/validate.ts) and the hub client (main/hub/urls.ts). Each reader words its own message; the
// rules themselves live only here. A token must never travel in a URL, hence no credentials, query or fragment.

export type HubUrlProblem = 'unparsable' | 'scheme' | 'credentials' | 'no-host' | 'query-or-fragment';

export type HubUrlCheck =
  | {
      readonly ok: true;
      readonly url: URL;
      /** origin + API prefix path, no trailing slash */ readonly normalized: string;
    }
  | { readonly ok: false; readonly problem: HubUrlProblem };

/** Only http and https hubs exist (the Events Hub is ws/wss on the same origin). */
export const isHubScheme = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

/** Checks a trimmed base URL against every rule, in the order the settings page reports them. */
export function checkHubUrl(text: string): HubUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'unparsable' };
  }
  if (!isHubScheme(url)) return { ok: false, problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (url.hostname === '') return { ok: false, problem: 'no-host' };
  if (url.search !== '' || url.hash !== '') return { ok: false, problem: 'query-or-fragment' };
  // Keep an optional API prefix path, drop trailing slashes so paths join predictably.
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url, normalized: `${url.protocol}//${url.host}${path}` };
}
