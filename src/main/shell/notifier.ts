// NotificationSink over Electron's Notification. The constructor is injected (tests pass the Electron model).
// - macOS drops a notification whose JS object was garbage-collected, and 'click' then never fires, so recent ones
//   are kept referenced; but a notification the USER dismisses emits no 'close' on macOS (only close() does:
//   electron shell/browser/notifications/mac/notification_center_delegate.mm), so the set is bounded and the
//   oldest reference is dropped. A dropped one is still clickable through Notification.getHistory() next launch.
// - The first notification API call makes macOS ask for permission, asynchronously
//   (notification_presenter_mac.mm requestAuthorizationWithOptions); asking at creation, i.e. at start, keeps the
//   first VM stop from being lost to that prompt.
// - 'failed' (unsigned app, permission denied) turns the health to 'failing', which the popover and settings show.
import type { NotificationHealth } from '../../shared/model';
import type { Logger } from '../kernel/logger';
import type { NotificationIntent, NotificationSink } from '../notify/intent';
import { decodeNotificationId, encodeNotificationId } from './notification-id';

interface NotificationLike {
  readonly id?: string;
  on(event: 'click' | 'close' | 'show', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { id: string; title: string; body: string; silent: boolean }): NotificationLike;
}

/** What a click on a notification (this run's or a previous run's) asks the shell to show. */
export type NotificationClick = Pick<NotificationIntent, 'hostId' | 'vmId' | 'farmHostId'>;

export interface Notifier extends NotificationSink {
  /** How many notifications are still referenced (for tests and diagnostics). */
  liveCount(): number;
  health(): NotificationHealth;
  onHealthChange(listener: () => void): () => void;
  /** A message about Hubwatch itself (not a VM), e.g. that it needs a restart. */
  showAppMessage(message: { title: string; body: string }): void;
  /** Attach click handling to notifications delivered by a previous run (Notification.getHistory()). */
  restore(previous: readonly NotificationLike[]): void;
}

const MAX_TITLE = 120;
const MAX_BODY = 400;
/** Enough for any burst the notify policy lets through (it coalesces and rate-caps); older ones are let go. */
export const MAX_LIVE_NOTIFICATIONS = 50;

const message = (error: unknown): string => (error instanceof Error ? error.message : 'unknown');

export function createNotifier(o: {
  factory: NotificationFactory;
  logger: Logger;
  /** Called on click: the shell shows the popover and focuses the VM. */
  onClick(intent: NotificationClick): void;
}): Notifier {
  /** Insertion-ordered: the first key is the oldest. */
  const live = new Map<string, NotificationLike>();
  const listeners = new Set<() => void>();
  let health: NotificationHealth = { state: 'ok' };
  const setHealth = (next: NotificationHealth): void => {
    if (next.state === health.state) return;
    health = next;
    for (const listener of listeners) listener();
  };

  let supported = false;
  try {
    supported = o.factory.isSupported(); // asks for permission now, at start (see header)
  } catch (error) {
    o.logger.error('notifications could not be initialised', { error: message(error) });
  }
  if (!supported) health = { state: 'unsupported' };

  const click = (target: NotificationClick): void => {
    try {
      o.onClick(target);
    } catch (error) {
      o.logger.error('notification click handler failed', { error: message(error) });
    }
  };

  return {
    show(intent) {
      if (live.has(intent.id) || !supported) return; // the same transition twice: one notification is enough
      let notification: NotificationLike;
      try {
        notification = o.factory.create({
          id: encodeNotificationId(intent),
          title: intent.title.slice(0, MAX_TITLE),
          body: intent.body.slice(0, MAX_BODY),
          silent: false,
        });
      } catch (error) {
        o.logger.error('notification could not be created', { error: message(error) });
        return;
      }
      const release = (): void => {
        if (live.get(intent.id) === notification) live.delete(intent.id);
      };
      notification.on('click', () => {
        release();
        click({ hostId: intent.hostId, vmId: intent.vmId, farmHostId: intent.farmHostId });
      });
      notification.on('close', release);
      notification.on('show', () => setHealth({ state: 'ok' }));
      notification.on('failed', (_event, error) => {
        release();
        // Typical causes on macOS: an unsigned build, or notifications turned off for Hubwatch. Logged once per
        // change of health, not per notification.
        if (health.state !== 'failing') o.logger.warn('notification failed', { id: intent.id, error });
        setHealth({ state: 'failing', reason: String(error).slice(0, 200) });
      });
      live.set(intent.id, notification);
      for (const oldest of live.keys()) {
        if (live.size <= MAX_LIVE_NOTIFICATIONS) break;
        live.delete(oldest);
      }
      notification.show();
    },
    showAppMessage({ title, body }) {
      if (!supported) return;
      try {
        o.factory
          .create({
            id: `hubwatch-app|${title}`,
            title: title.slice(0, MAX_TITLE),
            body: body.slice(0, MAX_BODY),
            silent: false,
          })
          .show();
      } catch (error) {
        o.logger.error('notification could not be created', { error: message(error) });
      }
    },
    liveCount: () => live.size,
    health: () => health,
    onHealthChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    restore(previous) {
      for (const notification of previous) {
        const target = notification.id === undefined ? null : decodeNotificationId(notification.id);
        if (target !== null) notification.on('click', () => click(target));
      }
    },
  };
}
