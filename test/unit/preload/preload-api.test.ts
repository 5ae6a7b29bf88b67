// The preload API objects against the contract. `electron` is replaced by a factory mock (the real module, which
// would try to fetch a binary, is never loaded) so the listener wrapping and channel mapping run for real.
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { PopoverApi, SettingsApi } from '../../../src/shared/ipc';
import { POPOVER_API_KEYS, SETTINGS_API_KEYS } from '../../../src/shared/ipc';

const ipc = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
    on: (channel: string, l: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(l);
    },
    removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
    emit: (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l(...args)),
  };
});
vi.mock('electron', () => ({ ipcRenderer: ipc }));

const { createPopoverApi } = await import('../../../src/preload/popover-api');
const popoverApi = createPopoverApi();
const { settingsApi } = await import('../../../src/preload/settings-api');

describe('preload API types', () => {
  it('match the contract exactly', () => {
    expectTypeOf(popoverApi).toExtend<PopoverApi>();
    expectTypeOf(settingsApi).toExtend<SettingsApi>();
    expectTypeOf<keyof typeof popoverApi>().toEqualTypeOf<keyof PopoverApi>();
    expectTypeOf<keyof typeof settingsApi>().toEqualTypeOf<keyof SettingsApi>();
    expectTypeOf<(typeof POPOVER_API_KEYS)[number]>().toEqualTypeOf<keyof PopoverApi>();
    expectTypeOf<(typeof SETTINGS_API_KEYS)[number]>().toEqualTypeOf<keyof SettingsApi>();
  });
  it('expose exactly the listed keys at runtime', () => {
    expect(Object.keys(popoverApi).sort()).toEqual([...POPOVER_API_KEYS].sort());
    expect(Object.keys(settingsApi).sort()).toEqual([...SETTINGS_API_KEYS].sort());
  });
});

describe('preload API behaviour', () => {
  it('maps each call to its channel with a contract-shaped argument', async () => {
    await popoverApi.getSnapshot({ firstScreen: true }); // the early answer (next test)
    ipc.invoke.mockClear();
    await popoverApi.getSnapshot();
    await popoverApi.getSnapshot({ firstScreen: true });
    await popoverApi.getSnapshotSlice({ id: 3, index: 1 });
    await popoverApi.runAction({ hostId: 'h', vmId: 'v', action: 'start' });
    await popoverApi.setVmMuted({ hostId: 'h', vmId: 'v' }, true);
    await popoverApi.reconnect(null);
    await popoverApi.pauseNotifications('one-hour');
    await popoverApi.hide();
    await popoverApi.openSettings();
    await settingsApi.getSettings();
    expect(ipc.invoke.mock.calls).toEqual([
      ['vm:snapshot', undefined],
      ['vm:snapshot', { firstScreen: true }],
      ['vm:snapshot-slice', { id: 3, index: 1 }],
      ['vm:action', { hostId: 'h', vmId: 'v', action: 'start' }],
      ['vm:mute', { hostId: 'h', vmId: 'v', muted: true }],
      ['hub:reconnect', { hostId: null }],
      ['notifications:pause', { for: 'one-hour' }],
      ['popover:hide'],
      ['settings:open', undefined],
      ['settings:get'],
    ]);
  });

  it('asks for the first screen as soon as the preload runs, and gives that answer to the first ask only', async () => {
    ipc.invoke.mockClear();
    type Answer = { ok: boolean; value: unknown[] };
    let answer = (_: Answer): void => undefined;
    ipc.invoke.mockImplementationOnce(() => new Promise<Answer>((resolve) => (answer = resolve)));
    const api = createPopoverApi();
    // Asked before the page has run a line: main cuts it while the page loads.
    expect(ipc.invoke.mock.calls).toEqual([['vm:snapshot', { firstScreen: true }]]);
    const first = api.getSnapshot({ firstScreen: true });
    answer({ ok: true, value: ['early'] });
    await expect(first).resolves.toEqual({ ok: true, value: ['early'] });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
    // Any later pull is asked anew (a later first-screen pull wants the state of then, not of the page's load).
    await api.getSnapshot({ firstScreen: true });
    await api.getSnapshot();
    expect(ipc.invoke.mock.calls.slice(1)).toEqual([
      ['vm:snapshot', { firstScreen: true }],
      ['vm:snapshot', undefined],
    ]);
  });

  it('a whole pull before the first-screen one does not take the early answer', async () => {
    ipc.invoke.mockClear();
    const api = createPopoverApi();
    await api.getSnapshot();
    expect(ipc.invoke.mock.calls).toEqual([
      ['vm:snapshot', { firstScreen: true }],
      ['vm:snapshot', undefined],
    ]);
  });

  it('an early ask that main refused is asked again when the page asks', async () => {
    ipc.invoke.mockClear();
    ipc.invoke.mockImplementationOnce(async () => ({ ok: false, value: ['refused'] }));
    const api = createPopoverApi();
    await expect(api.getSnapshot({ firstScreen: true })).resolves.toEqual({
      ok: true,
      value: ['vm:snapshot', { firstScreen: true }],
    });
    expect(ipc.invoke).toHaveBeenCalledTimes(2);
  });

  it('an early ask that fails reaches the page as that failure, and nowhere else', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    ipc.invoke.mockImplementationOnce(() => Promise.reject(new Error('main is gone')));
    const api = createPopoverApi();
    await new Promise((r) => setTimeout(r, 0));
    await expect(api.getSnapshot({ firstScreen: true })).rejects.toThrow('main is gone');
    await new Promise((r) => setTimeout(r, 0));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('listeners receive only the payload (never the IpcRendererEvent) and unsubscribe', () => {
    const received: unknown[][] = [];
    const off = popoverApi.onFocusVm((...args: unknown[]) => void received.push(args));
    const fakeEvent = { sender: ipc };
    ipc.emit('popover:focus-vm', fakeEvent, { hostId: 'h', vmId: 'v' });
    expect(received).toEqual([[{ hostId: 'h', vmId: 'v' }]]);
    off();
    ipc.emit('popover:focus-vm', fakeEvent, { hostId: 'h', vmId: 'w' });
    expect(received).toHaveLength(1);
    expect(ipc.listeners.get('popover:focus-vm')?.size).toBe(0);
  });

  it('settings listener unsubscribes only itself', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = settingsApi.onSettingsChanged(a);
    const offB = settingsApi.onSettingsChanged(b);
    offA();
    ipc.emit('settings:changed', {}, { hosts: [] });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ hosts: [] });
    offB();
  });
});
