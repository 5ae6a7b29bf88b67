// The popover under test, built with the injected fake BrowserWindow and screen, a tiny core and a clock.
import { vi } from 'vitest';
import type { AppCore } from '../../../src/main/core/ports';
import { resolveAppPaths } from '../../../src/main/shell/app-paths';
import { createPopoverWindow, type PopoverElectron } from '../../../src/main/shell/popover-window';
import type { Snapshot } from '../../../src/shared/model';
import { FakeBrowserWindow, fakeScreen, type FakeDisplay } from './fake-electron-shell';
import { emptySnapshot } from '../../support/snapshots';

const MAIN_URL = 'file:///Applications/Hubwatch.app/Contents/Resources/app.asar/out/main/index.js';
export const paths = resolveAppPaths(MAIN_URL, undefined);
// A MacBook display (25 px menu bar) and an external one to its right with a taller menu bar.
const builtIn: FakeDisplay = {
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const external: FakeDisplay = {
  bounds: { x: 1440, y: -200, width: 2560, height: 1440 },
  workArea: { x: 1440, y: -170, width: 2560, height: 1410 },
};
export const trayOnBuiltIn = { x: 1200, y: 0, width: 22, height: 24 };

export const snapshot = (generatedAt: number): Snapshot => emptySnapshot({ generatedAt });

export function setupPopover(o: { quitting?: boolean } = {}) {
  let now = 1_000_000;
  let version = 0;
  const coreListeners = new Set<() => void>();
  const core = {
    snapshot: () => snapshot(version),
    onChange: (l: () => void) => (coreListeners.add(l), () => void coreListeners.delete(l)),
  } as unknown as AppCore;
  const change = (): void => {
    version += 1;
    for (const l of coreListeners) l();
  };
  const push = vi.fn((_kind: string, _channel: string, _payload: unknown) => true);
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const openExternal = vi.fn();
  let quitting = o.quitting ?? false;
  const electron = {
    BrowserWindow: FakeBrowserWindow,
    screen: fakeScreen([builtIn, external], builtIn),
  } as unknown as PopoverElectron;
  const popover = createPopoverWindow({
    electron,
    paths,
    core,
    push,
    clock: { now: () => now },
    logger,
    openExternal,
    isQuitting: () => quitting,
  });
  const win = FakeBrowserWindow.instances.at(-1) as FakeBrowserWindow;
  return {
    popover,
    win,
    push,
    logger,
    openExternal,
    change,
    coreListeners,
    advance: (ms: number) => void (now += ms),
    quit: () => void (quitting = true),
    pushes: (channel: string) => push.mock.calls.filter(([, c]) => c === channel).map(([, , p]) => p),
  };
}
