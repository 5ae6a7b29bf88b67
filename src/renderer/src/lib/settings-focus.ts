// The "focus this host" request a page opened by URL carries in its hash (the web preview opens settings that way;
// Electron pushes the same request over IPC instead). Pure.
import type { SettingsFocus } from '../../../shared/ipc';

const HOST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `#focus-host=farm-1&field=credentials` -> the request; anything else -> null (never a half-parsed request). */
export function focusFromHash(hash: string): SettingsFocus | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const hostId = params.get('focus-host');
  if (hostId === null || !HOST_ID.test(hostId) || params.get('field') !== 'credentials') return null;
  return { hostId, field: 'credentials' };
}
