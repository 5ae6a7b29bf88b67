import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveAppPaths } from '../../../src/main/shell/app-paths';
import { trayMenuTemplate } from '../../../src/main/shell/context-menu';
import { shouldOpenSettingsOnLaunch } from '../../../src/main/shell/first-run';
import { isOurPageUrl } from '../../../src/main/shell/ipc';
import { createToggleGuard } from '../../../src/main/shell/popover-toggle';
import { watchPowerAndNetwork, type PowerMonitorLike } from '../../../src/main/shell/power';
import { isAllowedExternalUrl } from '../../../src/main/shell/windows-security';
import { silentLogger } from '../../support/silent-logger';
import type { TimerHandle, Timers } from '../../../src/main/kernel/clock';
import { menuActions } from '../../support/shell-expectations';

describe('toggle guard (tray click vs blur race)', () => {
  it('a click right after a blur-hide does not reopen; a later click does', () => {
    let now = 1000;
    const guard = createToggleGuard(() => now);
    expect(guard.onTrayClick(false)).toBe('show');
    expect(guard.onTrayClick(true)).toBe('hide');
    guard.noteHiddenByBlur();
    now += 50;
    expect(guard.onTrayClick(false)).toBe('ignore');
    now += 50;
    expect(guard.onTrayClick(false)).toBe('show'); // the guard is consumed by one click
    guard.noteHiddenByBlur();
    now += 1000;
    expect(guard.onTrayClick(false)).toBe('show');
  });
});

describe('tray menu', () => {
  const actions = menuActions();
  it('has Settings, Reconnect all, both pauses and Quit wired to their actions', () => {
    const menu = trayMenuTemplate({ pausedUntil: null, now: 0, hasHosts: true }, actions);
    const labels = menu.filter((m) => m.label).map((m) => m.label);
    expect(labels).toEqual([
      'Settings…',
      'Reconnect all',
      'Pause notifications for 1 hour',
      'Pause notifications until tomorrow',
      'Quit Hubwatch',
    ]);
    menu.find((m) => m.label === 'Quit Hubwatch')?.click?.();
    expect(actions.quit).toHaveBeenCalled();
  });
  it('offers Resume while paused and disables Reconnect without hosts', () => {
    const menu = trayMenuTemplate({ pausedUntil: 10_000, now: 0, hasHosts: false }, actions);
    expect(menu.find((m) => m.label === 'Reconnect all')?.enabled).toBe(false);
    expect(menu.some((m) => m.label === 'Resume notifications')).toBe(true);
    expect(
      trayMenuTemplate({ pausedUntil: 10, now: 20, hasHosts: true }, actions).some(
        (m) => m.label === 'Resume notifications',
      ),
    ).toBe(false);
  });
});

describe('external links', () => {
  it.each([
    ['https://docs.parallels.com/devops', true],
    ['https://github.com/Parallels/prl-devops-service', true],
    ['http://github.com/', false],
    ['https://github.com.evil.example/', false],
    ['https://evilgithub.com/', false],
    ['file:///etc/passwd', false],
    ['https://user:pw@github.com/', false],
    ['javascript:alert(1)', false],
  ])('%s -> %s', (url, allowed) => expect(isAllowedExternalUrl(url)).toBe(allowed));
});

describe('app paths', () => {
  it('resolves built pages and preloads next to out/main, and matches them in the sender check', () => {
    const paths = resolveAppPaths('file:///app/out/main/index.js', undefined);
    expect(paths.preload('popover')).toBe('/app/out/preload/popover.cjs');
    expect(paths.pageUrl('settings')).toBe('file:///app/out/renderer/settings.html');
    expect(isOurPageUrl(paths.pageUrl('popover'), 'popover', paths.renderer)).toBe(true);
  });
  it('uses the dev server when given', () => {
    const paths = resolveAppPaths('file:///app/out/main/index.js', 'http://localhost:5173/');
    expect(paths.pageUrl('popover')).toBe('http://localhost:5173/popover.html');
    expect(isOurPageUrl(paths.pageUrl('popover'), 'popover', paths.renderer)).toBe(true);
    expect(isOurPageUrl('file:///app/out/renderer/popover.html', 'popover', paths.renderer)).toBe(false);
  });
});

describe('first run', () => {
  it('opens settings once when no host is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubwatch-first-run-'));
    try {
      expect(shouldOpenSettingsOnLaunch(dir, 1)).toBe(false);
      expect(shouldOpenSettingsOnLaunch(dir, 0)).toBe(true);
      expect(shouldOpenSettingsOnLaunch(dir, 0)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('power and network', () => {
  function fakeTimers() {
    const queue: { run: () => void; id: number }[] = [];
    let next = 0;
    const timers: Timers = {
      setTimeout: (run) => {
        const id = ++next;
        queue.push({ run, id });
        return id;
      },
      clearTimeout: (handle: TimerHandle) => {
        const i = queue.findIndex((t) => t.id === handle);
        if (i >= 0) queue.splice(i, 1);
      },
    };
    return { timers, tick: () => queue.shift()?.run(), pending: () => queue.length };
  }

  it('resume, unlock and coming back online reconnect and reconcile; stop cleans up', () => {
    const listeners = new Map<string, () => void>();
    const powerMonitor: PowerMonitorLike = {
      on: (e, l) => listeners.set(e, l),
      removeListener: (e) => listeners.delete(e),
    };
    const core = { reconnect: vi.fn(), reconcileAll: vi.fn() };
    let online = true;
    const t = fakeTimers();
    const stop = watchPowerAndNetwork({
      powerMonitor,
      isOnline: () => online,
      core,
      timers: t.timers,
      logger: silentLogger,
    });
    listeners.get('resume')?.();
    expect(core.reconcileAll).toHaveBeenLastCalledWith('system-resume');
    listeners.get('unlock-screen')?.();
    expect(core.reconcileAll).toHaveBeenLastCalledWith('screen-unlock');
    online = false;
    t.tick();
    expect(core.reconcileAll).toHaveBeenCalledTimes(2);
    online = true;
    t.tick();
    expect(core.reconcileAll).toHaveBeenLastCalledWith('network-online');
    expect(core.reconnect).toHaveBeenCalledTimes(3);
    // A system reconnect: hosts whose credentials were rejected are not signed in again (brute-force guard).
    expect(core.reconnect).toHaveBeenCalledWith(null, 'system');
    stop();
    expect(listeners.size).toBe(0);
    expect(t.pending()).toBe(0);
  });
});
