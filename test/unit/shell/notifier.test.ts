import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationLike } from '../../../src/main/shell/notifier';
import { silentLogger, type NotificationIntent } from '../../../src/main/monitor/ports';

class FakeNotification implements NotificationLike {
  readonly listeners = new Map<string, (event: unknown, error: string) => void>();
  shown = false;
  constructor(readonly options: { title: string; body: string }) {}
  on(event: 'click' | 'close' | 'failed', listener: (event: unknown, error: string) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  show(): void {
    this.shown = true;
  }
  emit(event: string, payload?: unknown, error = ''): void {
    this.listeners.get(event)?.(payload, error);
  }
}

const intent = (id: string, vmId?: string): NotificationIntent => ({
  id,
  hostId: 'h-1',
  ...(vmId === undefined ? {} : { vmId }),
  covers: vmId === undefined ? [] : [{ hostId: 'h-1', vmId }],
  title: 'ci-mac-01 stopped',
  body: 'on Farm 1',
  offline: false,
});

function setup(supported = true) {
  const created: FakeNotification[] = [];
  const onClick = vi.fn();
  const logger = { ...silentLogger, warn: vi.fn(), error: vi.fn() };
  const notifier = createNotifier({
    factory: {
      isSupported: () => supported,
      create: (o) => (created.push(new FakeNotification(o)), created.at(-1) as FakeNotification),
    },
    logger,
    onClick,
  });
  return { created, onClick, logger, notifier };
}

describe('notifier', () => {
  it('shows a notification and keeps a reference until it is clicked', () => {
    const { created, onClick, notifier } = setup();
    notifier.show(intent('a', 'vm-1'));
    expect(created).toHaveLength(1);
    expect(created[0]?.shown).toBe(true);
    expect(notifier.liveCount()).toBe(1);
    created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledWith(intent('a', 'vm-1'));
    expect(notifier.liveCount()).toBe(0);
  });

  it('releases on close and on failed, and logs the failure', () => {
    const { created, notifier, logger, onClick } = setup();
    notifier.show(intent('a'));
    notifier.show(intent('b'));
    created[0]?.emit('close');
    created[1]?.emit('failed', {}, 'not signed');
    expect(notifier.liveCount()).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith('notification failed', { id: 'b', error: 'not signed' });
    expect(onClick).not.toHaveBeenCalled();
  });

  it('shows the same transition only once while it is on screen', () => {
    const { created, notifier } = setup();
    notifier.show(intent('a'));
    notifier.show(intent('a'));
    expect(created).toHaveLength(1);
  });

  it('caps title and body lengths', () => {
    const { created, notifier } = setup();
    notifier.show({ ...intent('a'), title: 'T'.repeat(1000), body: 'B'.repeat(5000) });
    expect(created[0]?.options.title.length).toBeLessThanOrEqual(120);
    expect(created[0]?.options.body.length).toBeLessThanOrEqual(400);
  });

  it('does nothing (and warns once) where notifications are unsupported', () => {
    const { created, notifier, logger } = setup(false);
    notifier.show(intent('a'));
    notifier.show(intent('b'));
    expect(created).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('a throwing click handler is logged, not thrown into Electron', () => {
    const { created, notifier, onClick, logger } = setup();
    onClick.mockImplementation(() => {
      throw new Error('window gone');
    });
    notifier.show(intent('a'));
    expect(() => created[0]?.emit('click')).not.toThrow();
    expect(logger.error).toHaveBeenCalled();
  });
});
