// The notifier against the strict Electron model's Notification (test/support/electron-model), i.e. with macOS's
// real rules: dismissals emit no 'close', unsigned apps get 'failed', previous-run notifications come back from
// getHistory().
import { describe, expect, it, vi } from 'vitest';
import { createNotifier, MAX_LIVE_NOTIFICATIONS } from '../../../src/main/shell/notifier';
import { silentLogger } from '../../support/silent-logger';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { createElectronModel, type ModelConfig } from '../../support/electron-model/index';

const intent = (n: number): NotificationIntent => ({
  id: `h-1/vm-${n}/stopped/${n}`,
  hostId: 'h-1',
  vmId: `vm-${n}`,
  covers: [{ hostId: 'h-1', vmId: `vm-${n}` }],
  title: `ci-mac-${n} stopped`,
  body: 'on Farm 1',
  offline: false,
});

function setup(config: Partial<ModelConfig> = {}, supported = true) {
  const model = createElectronModel({ permissionAnswerMs: 0, ...config });
  // index.ts creates the notifier in start(), after app ready: Notification cannot exist before it.
  model.app.launch();
  const { Notification } = model.electron;
  const created: { title: string; body: string; id: string }[] = [];
  const onClick = vi.fn();
  const logger = { ...silentLogger, warn: vi.fn(), error: vi.fn() };
  const notifier = createNotifier({
    factory: {
      isSupported: () => Notification.isSupported() && supported,
      create: (o) => (created.push(o), new Notification(o)),
    },
    logger,
    onClick,
  });
  return { model, notifier, onClick, logger, created };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('notifier on macOS rules', () => {
  it('asks for notification permission when created (at start), before anything is shown', () => {
    const { model } = setup();
    expect(model.notifications.promptedAt).not.toBeNull();
  });

  it('shows a notification, keeps a reference until it is clicked, and reports host + VM on click', async () => {
    const { model, notifier, onClick } = setup();
    await settle();
    notifier.show(intent(1));
    await settle();
    expect(model.notifications.delivered).toHaveLength(1);
    expect(notifier.liveCount()).toBe(1);
    model.notifications.delivered[0]?.userClick();
    expect(onClick).toHaveBeenCalledWith({ hostId: 'h-1', vmId: 'vm-1' });
    expect(notifier.liveCount()).toBe(0);
  });

  it('releases on close(), shows the same transition only once, caps title and body', async () => {
    const { model, notifier, created } = setup();
    await settle();
    notifier.show({ ...intent(1), title: 'T'.repeat(1000), body: 'B'.repeat(5000) });
    notifier.show(intent(1));
    expect(created).toHaveLength(1);
    expect(created[0]?.title.length).toBeLessThanOrEqual(120);
    expect(created[0]?.body.length).toBeLessThanOrEqual(400);
    await settle();
    model.notifications.delivered[0]?.close();
    expect(notifier.liveCount()).toBe(0);
  });

  it('does nothing where notifications are unsupported, and says so in its health', () => {
    const { notifier, created } = setup({}, false);
    notifier.show(intent(1));
    expect(created).toHaveLength(0);
    expect(notifier.health()).toEqual({ state: 'unsupported' });
  });

  it('a throwing click handler is logged, not thrown into Electron', async () => {
    const { model, notifier, onClick, logger } = setup();
    onClick.mockImplementation(() => {
      throw new Error('window gone');
    });
    await settle();
    notifier.show(intent(1));
    await settle();
    expect(() => model.notifications.delivered[0]?.userClick()).not.toThrow();
    expect(logger.error).toHaveBeenCalled();
  });

  it('defect 11: a notification from a previous run is clickable again through getHistory()', async () => {
    const { encodeNotificationId } = await import('../../../src/main/shell/notification-id');
    const { model, notifier, onClick } = setup({
      history: [
        { id: encodeNotificationId(intent(7)), title: 'ci-mac-7 stopped', body: '' },
        { id: 'some-other-id', title: 'x', body: '' },
      ],
    });
    notifier.restore(await model.electron.Notification.getHistory());
    for (const previous of model.notifications.restored) previous.userClick();
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(onClick).toHaveBeenCalledWith({ hostId: 'h-1', vmId: 'vm-7' });
  });

  it('defect 3: stays bounded when the user dismisses notifications (macOS emits no close)', async () => {
    const { model, notifier } = setup();
    await settle(); // the permission prompt is answered
    for (let n = 0; n < 500; n += 1) notifier.show(intent(n));
    await settle();
    for (const shown of model.notifications.delivered) shown.userDismiss();
    expect(model.notifications.delivered).toHaveLength(500);
    expect(notifier.liveCount()).toBeLessThanOrEqual(MAX_LIVE_NOTIFICATIONS);
  });

  it('the newest notifications stay clickable after older ones were dropped from the live set', async () => {
    const { model, notifier, onClick } = setup();
    await settle();
    for (let n = 0; n < MAX_LIVE_NOTIFICATIONS + 10; n += 1) notifier.show(intent(n));
    await settle();
    model.notifications.delivered.at(-1)?.userClick();
    expect(onClick).toHaveBeenCalledWith(
      expect.objectContaining({ vmId: `vm-${MAX_LIVE_NOTIFICATIONS + 9}` }),
    );
  });

  it('reports failing notifications (unsigned app) as its health, once, without a warning per notification', async () => {
    const { notifier, logger } = setup({ signed: false });
    const seen: unknown[] = [];
    notifier.onHealthChange(() => seen.push(notifier.health()));
    notifier.show(intent(1));
    notifier.show(intent(2));
    await settle();
    expect(notifier.health()).toMatchObject({ state: 'failing' });
    expect(seen).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(notifier.liveCount()).toBe(0);
  });

  it('a delivered notification makes the health ok again', async () => {
    const { notifier } = setup();
    await settle();
    notifier.show(intent(1));
    await settle();
    expect(notifier.health()).toEqual({ state: 'ok' });
  });
});
