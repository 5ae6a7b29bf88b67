// The identifier a notification is delivered with (UNNotificationRequest identifier on macOS). It carries the host
// and VM, so a click on a notification from a PREVIOUS run (Notification.getHistory()) still knows what to show.
// PURE. Format: `hubwatch|<hostId>|<vmId or empty>|<intent id>`, plus `|<farmHostId>` for a VM behind an
// orchestrator (farm mode), each part URI-encoded. Ids of earlier versions (four parts) still decode.
import type { NotificationIntent } from '../notify/intent';

const PREFIX = 'hubwatch';

export function encodeNotificationId(
  intent: Pick<NotificationIntent, 'id' | 'hostId' | 'vmId' | 'farmHostId'>,
): string {
  const parts = [PREFIX, intent.hostId, intent.vmId ?? '', intent.id];
  if (intent.farmHostId !== undefined) parts.push(intent.farmHostId);
  return parts.map(encodeURIComponent).join('|');
}

/** The host and VM of one of our notification ids; null for anything else (another app's, a corrupt one). */
export function decodeNotificationId(
  id: string,
): { hostId: string; vmId?: string; farmHostId?: string } | null {
  const parts = id.split('|');
  if ((parts.length !== 4 && parts.length !== 5) || parts[0] !== PREFIX) return null;
  try {
    const [hostId = '', vmId = ''] = parts.slice(1, 3).map(decodeURIComponent);
    if (hostId === '') return null;
    const farmHostId = parts.length === 5 ? decodeURIComponent(parts[4] ?? '') : '';
    const farm = farmHostId === '' ? {} : { farmHostId };
    return vmId === '' ? { hostId, ...farm } : { hostId, vmId, ...farm };
  } catch {
    return null; // malformed %-escape
  }
}
