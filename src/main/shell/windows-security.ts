// Hardening shared by every window: no navigation away from our page, no new windows, no permissions, no webviews.
// External links go to the system browser only when they are https and on the allow-list.
import type { Session, WebContents } from 'electron';
import type { Logger } from '../kernel/logger';

/** Hosts (and their subdomains) a page may open in the browser: the product's docs and source. */
const EXTERNAL_ALLOW_LIST = ['parallels.com', 'github.com'] as const;

export function isAllowedExternalUrl(
  url: string,
  allowList: readonly string[] = EXTERNAL_ALLOW_LIST,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return allowList.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

export function hardenWebContents(
  contents: WebContents,
  o: { isOurUrl(url: string): boolean; openExternal(url: string): void; logger: Logger },
): void {
  contents.on('will-navigate', (event) => {
    if (o.isOurUrl(event.url)) return;
    event.preventDefault();
    o.logger.warn('navigation blocked');
    if (isAllowedExternalUrl(event.url)) o.openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !o.isOurUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!o.isOurUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) o.openExternal(url);
    else o.logger.warn('window.open blocked');
    return { action: 'deny' };
  });
}

/** Deny every permission request and check (notifications are shown by main, never by a page). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
