// Notification as macOS 12+ and Electron 45 deliver it (UNUserNotificationCenter):
// - the first notification API call asks for permission (notification_presenter_mac.mm
//   requestAuthorizationWithOptions); until the user answers, a shown notification is lost;
// - an unsigned app, or a denied permission, gets 'failed' (docs/api/notification.md; cocoa_notification.mm
//   addNotificationRequest completion handler);
// - a user's dismissal emits no 'close' (notification_center_delegate.mm); only notification.close() does;
// - notifications from a previous run come back from Notification.getHistory() (docs/api/notification.md).
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { strict, type ModelState } from './state';

type Permission = 'not-asked' | 'prompting' | 'granted' | 'denied';

export class NotificationCenter {
  permission: Permission = 'not-asked';
  promptedAt: number | null = null;
  /** Notifications the product showed that never reached the user (shown while the prompt was up). */
  readonly lost: ModelNotification[] = [];
  readonly delivered: ModelNotification[] = [];
  readonly all: ModelNotification[] = [];
  /** Previous-run notifications handed out by getHistory(). */
  readonly restored: ModelNotification[] = [];

  constructor(private readonly state: ModelState) {}

  /** Any notification API use triggers the one-time prompt; the user answers after permissionAnswerMs. */
  touch(): void {
    if (this.permission !== 'not-asked') return;
    this.permission = 'prompting';
    this.promptedAt = Date.now();
    this.state.calls.push('notification-permission-prompt');
    setTimeout(() => {
      this.permission = this.state.config.notificationPermission;
    }, this.state.config.permissionAnswerMs).unref();
  }
}

export class ModelNotification extends EventEmitter {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  closed = false;
  constructor(
    private readonly center: NotificationCenter,
    private readonly state: ModelState,
    options: Record<string, unknown>,
    restored = false,
  ) {
    super();
    center.touch();
    this.id = typeof options['id'] === 'string' ? options['id'] : randomUUID();
    this.title = String(options['title'] ?? '');
    this.body = String(options['body'] ?? '');
    if (!restored) center.all.push(this);
  }
  show(): void {
    this.state.calls.push('Notification.show');
    const { center } = this;
    queueMicrotask(() => {
      if (!this.state.config.signed) {
        this.emit('failed', {}, 'Notifications are not allowed for this application');
        return;
      }
      if (center.permission === 'prompting') {
        center.lost.push(this); // the prompt is still up: the request is dropped silently
        return;
      }
      if (center.permission === 'denied') {
        this.emit('failed', {}, 'Notifications are not allowed for this application');
        return;
      }
      center.delivered.push(this);
      this.emit('show', {});
    });
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', {});
  }

  // ---- user actions (test controls) ----
  userClick(): void {
    this.emit('click', {});
  }
  /** Swiped away or cleared by the user: Notification Center tells Electron nothing, so no 'close'. */
  userDismiss(): void {}
}

export interface NotificationConstructor {
  new (options?: Record<string, unknown>): ModelNotification;
  isSupported(): boolean;
  getHistory(): Promise<ModelNotification[]>;
}

export function createNotificationClass(
  state: ModelState,
  center: NotificationCenter,
): NotificationConstructor {
  return class Notification extends ModelNotification {
    constructor(options: Record<string, unknown> = {}) {
      // shell/browser/api/electron_api_notification.cc Notification::New: "Cannot create Notification before app
      // is ready" (restored history entries are built by Electron itself, after ready).
      state.requireReady('Notification');
      super(center, state, options);
      return strict(this, 'Notification');
    }
    static isSupported(): boolean {
      center.touch();
      return true;
    }
    static async getHistory(): Promise<ModelNotification[]> {
      center.touch();
      if (!state.config.signed) return [];
      return state.config.history.map((h) => {
        const restored = new ModelNotification(center, state, h, true);
        center.restored.push(restored);
        return strict(restored, 'Notification');
      });
    }
  };
}
