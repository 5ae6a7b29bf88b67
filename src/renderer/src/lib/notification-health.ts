// What the notification-health banner says. PURE: the main process reports the health (NotificationHealth in
// src/shared/model.ts), this decides the words; null means "show nothing".
import type { NotificationHealth } from '../../../shared/model';

export interface HealthMessage {
  readonly title: string;
  readonly detail: string;
}

export function notificationHealthMessage(health: NotificationHealth | undefined): HealthMessage | null {
  if (health === undefined || health.state === 'ok') return null;
  if (health.state === 'unsupported')
    return { title: "Hubwatch can't show notifications", detail: 'This system does not support them.' };
  return {
    title: "Hubwatch can't show notifications — open System Settings",
    detail:
      'System Settings → Notifications → Hubwatch: allow notifications. (A build that is not code-signed cannot show any.)',
  };
}
