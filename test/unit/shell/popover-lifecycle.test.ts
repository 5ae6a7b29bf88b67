// The popover's lifecycle (close, quit, crash, dispose) and what it pushes to its page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupPopover as setup, snapshot, trayOnBuiltIn } from './popover-fixture';

afterEach(() => {
  vi.useRealTimers();
});

describe('popover window: close and dispose', () => {
  it('Cmd+W hides instead of destroying while the app is not quitting', () => {
    const { popover, win } = setup();
    popover.show(null);
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(popover.isVisible()).toBe(false);
    popover.toggle(null);
    expect(popover.isVisible()).toBe(true);
  });

  it('closes for real on quit, and every later call is a safe no-op', () => {
    const { popover, win, quit, push, model } = setup();
    quit();
    win.close();
    expect(win.isDestroyed()).toBe(true);
    expect(model.windows()).toHaveLength(1); // not recreated behind the user's back
    expect(() => {
      popover.toggle(trayOnBuiltIn);
      popover.show(null);
      popover.hide();
      popover.focusVm({ hostId: 'h-1', vmId: 'vm-1' }, null);
      popover.dispose();
    }).not.toThrow();
    expect(popover.isVisible()).toBe(false);
    expect(push).not.toHaveBeenCalled();
  });

  it('dispose destroys the window and stops listening to the core', () => {
    const { popover, win, coreListeners } = setup();
    expect(coreListeners.size).toBe(1);
    popover.dispose();
    expect(win.isDestroyed()).toBe(true);
    expect(coreListeners.size).toBe(0);
  });

  it('reloads a crashed renderer and logs why', () => {
    const { win, logger } = setup();
    win.webContents.crash('oom');
    expect(win.calls).toContain('reload');
    expect(logger.error).toHaveBeenCalledWith('popover renderer gone; reloading', { reason: 'oom' });
  });
});

describe('popover window: state pushes', () => {
  it('sends nothing while hidden or loading, and a fresh snapshot when shown', async () => {
    const { popover, change, pushes, loaded } = setup();
    const pageLoaded = loaded();
    change(); // while the page is still loading
    await pageLoaded;
    change(); // loaded, but hidden
    await Promise.resolve();
    expect(pushes('state:changed')).toEqual([]);
    popover.show(null);
    expect(pushes('state:changed')).toEqual([snapshot(2)]);
  });

  it('pushes core changes while visible, coalesced to one send per frame', async () => {
    const { popover, change, pushes, loaded } = setup();
    await loaded();
    vi.useFakeTimers();
    popover.show(null);
    expect(pushes('state:changed')).toHaveLength(1);
    change();
    change();
    change();
    await Promise.resolve();
    expect(pushes('state:changed')).toHaveLength(1); // inside the frame after the show's send
    vi.advanceTimersByTime(16);
    expect(pushes('state:changed')).toHaveLength(1); // sends start at least 17 ms apart
    vi.advanceTimersByTime(1);
    expect(pushes('state:changed')).toEqual([snapshot(0), snapshot(3)]);
    popover.dispose();
  });

  it('a page reload stops pushes until it has loaded again', async () => {
    const { popover, win, change, pushes, loaded } = setup();
    await loaded();
    popover.show(null);
    const started = new Promise<void>((resolve) =>
      win.webContents.once('did-start-loading', () => resolve()),
    );
    const reloaded = loaded();
    win.webContents.reload();
    await started;
    change();
    await Promise.resolve();
    expect(pushes('state:changed')).toHaveLength(1);
    await reloaded; // the reloaded page gets the current state at once
    expect(pushes('state:changed')).toHaveLength(2);
    expect(pushes('state:changed').at(-1)).toEqual(snapshot(1));
    popover.dispose();
  });

  it('a page that asks for a full snapshot (it missed a push) gets one at once, numbered after the last', async () => {
    const { popover, pushes, generations, loaded } = setup();
    await loaded();
    popover.show(null);
    popover.resyncState();
    expect(pushes('state:changed')).toHaveLength(2);
    expect(generations()).toEqual([1, 2]);
    popover.dispose();
  });

  it('focusVm shows the popover and delivers the VM once the page has loaded, in order', async () => {
    const { popover, win, pushes, loaded } = setup();
    const pageLoaded = loaded();
    popover.focusVm({ hostId: 'h-1', vmId: 'a' }, trayOnBuiltIn);
    popover.focusVm({ hostId: 'h-1', vmId: 'b' }, trayOnBuiltIn);
    expect(popover.isVisible()).toBe(true);
    expect(pushes('popover:focus-vm')).toEqual([]);
    await pageLoaded;
    expect(pushes('popover:focus-vm')).toEqual([
      { hostId: 'h-1', vmId: 'a' },
      { hostId: 'h-1', vmId: 'b' },
    ]);
    popover.focusVm({ hostId: 'h-1', vmId: 'c' }, null);
    expect(pushes('popover:focus-vm').at(-1)).toEqual({ hostId: 'h-1', vmId: 'c' });
    const reloaded = loaded();
    win.webContents.reload(); // a later reload does not replay old focus requests
    await reloaded;
    expect(pushes('popover:focus-vm')).toHaveLength(3);
    popover.dispose();
  });
});

describe('popover window: a snapshot the page pulled is the base of the next push (issue 15)', () => {
  /** What the pull handler does with the window: adopt the snapshot it answered with. */
  const pulled = (popover: ReturnType<typeof setup>['popover']) => popover.adoptPulledState(snapshot(0), 0);

  it('pulled while hidden: the first push on show is a delta on it, not the whole farm', async () => {
    const { popover, statePushes, loaded } = setup({ journal: true });
    await loaded();
    const generation = pulled(popover);
    expect(generation).toBe(1);
    popover.show(null);
    // (This fake view rebuilds its event and mute collections on every read, so the delta names them too.)
    expect(statePushes()).toMatchObject([{ generation: 2, delta: { base: 1 } }]);
    expect(statePushes()[0]).not.toHaveProperty('full');
    popover.dispose();
  });

  it('a reload drops that base (the first push is full) until the reloaded page pulls again', async () => {
    const { popover, win, statePushes, loaded } = setup({ journal: true });
    await loaded();
    pulled(popover);
    const reloaded = loaded();
    win.webContents.reload();
    await reloaded;
    popover.show(null);
    expect(statePushes().map((p) => 'full' in p)).toEqual([true]);
    popover.hide();
    const again = loaded();
    win.webContents.reload();
    await again;
    const generation = pulled(popover);
    popover.show(null);
    expect(statePushes().at(-1)).toMatchObject({ delta: { base: generation } });
    popover.dispose();
  });

  it('once pushes flow, a pull is no base; after a resync (full push) it is still none', async () => {
    const { popover, statePushes, loaded } = setup({ journal: true });
    await loaded();
    popover.show(null);
    expect(pulled(popover)).toBeNull();
    popover.resyncState();
    expect(pulled(popover)).toBeNull(); // the resync's full push went out at once
    expect(statePushes().map((p) => 'full' in p)).toEqual([true, true]);
    popover.dispose();
  });
});
