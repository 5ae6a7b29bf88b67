// NotificationSink over Electron's Notification. The constructor is injected (tests pass a fake). macOS drops a
// notification whose JS object was garbage-collected, and 'click' then never fires, so each one is kept in a map
// until it is clicked, closed or failed.
import type { Logger, NotificationIntent, NotificationSink } from '../monitor/ports';

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
}

export interface Notifier extends NotificationSink {
  /** How many notifications are still referenced (for tests and diagnostics). */
  liveCount(): number;
}

const MAX_TITLE = 120;
const MAX_BODY = 400;

export function createNotifier(o: {
  factory: NotificationFactory;
  logger: Logger;
  /** Called on click: the shell shows the popover and focuses the VM. */
  onClick(intent: NotificationIntent): void;
}): Notifier {
  const live = new Map<string, NotificationLike>();
  let warnedUnsupported = false;

  return {
    show(intent) {
      if (live.has(intent.id)) return; // the same transition announced twice: one notification is enough
      if (!o.factory.isSupported()) {
        if (!warnedUnsupported) o.logger.warn('notifications are not supported here');
        warnedUnsupported = true;
        return;
      }
      let notification: NotificationLike;
      try {
        notification = o.factory.create({
          title: intent.title.slice(0, MAX_TITLE),
          body: intent.body.slice(0, MAX_BODY),
          silent: false,
        });
      } catch (error) {
        o.logger.error('notification could not be created', {
          error: error instanceof Error ? error.message : 'unknown',
        });
        return;
      }
      const release = (): void => void live.delete(intent.id);
      notification.on('click', () => {
        release();
        try {
          o.onClick(intent);
        } catch (error) {
          o.logger.error('notification click handler failed', {
            error: error instanceof Error ? error.message : 'unknown',
          });
        }
      });
      notification.on('close', release);
      notification.on('failed', (_event, error) => {
        release();
        // Typical cause on macOS: an unsigned build (notifications need a code-signed app).
        o.logger.warn('notification failed', { id: intent.id, error });
      });
      live.set(intent.id, notification);
      notification.show();
    },
    liveCount: () => live.size,
  };
}
