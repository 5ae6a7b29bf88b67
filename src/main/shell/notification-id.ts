// The identifier a notification is delivered with (UNNotificationRequest identifier on macOS). It carries the host
// and VM, so a click on a notification from a PREVIOUS run (Notification.getHistory()) still knows what to show.
// PURE. Format: `hubwatch|<hostId>|<vmId or empty>|<intent id>`, each part URI-encoded.
import type { NotificationIntent } from '../notify/intent';

const PREFIX = 'hubwatch';

export function encodeNotificationId(intent: Pick<NotificationIntent, 'id' | 'hostId' | 'vmId'>): string {
  return [PREFIX, intent.hostId, intent.vmId ?? '', intent.id].map(encodeURIComponent).join('|');
}

/** The host and VM of one of our notification ids; null for anything else (another app's, a corrupt one). */
export function decodeNotificationId(id: string): { hostId: string; vmId?: string } | null {
  const parts = id.split('|');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  try {
    const [hostId = '', vmId = ''] = parts.slice(1, 3).map(decodeURIComponent);
    if (hostId === '') return null;
    return vmId === '' ? { hostId } : { hostId, vmId };
  } catch {
    return null; // malformed %-escape
  }
}
