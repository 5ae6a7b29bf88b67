// The popover under test, built on the strict Electron model (launched, so windows may exist) with two displays,
// a tiny core and a clock.
import { snapshotView } from '../../../src/main/core/snapshot-view';
import { vi } from 'vitest';
import type { AppCore } from '../../../src/main/core/ports';
import { resolveAppPaths } from '../../../src/main/shell/app-paths';
import { createPopoverWindow, type PopoverElectron } from '../../../src/main/shell/popover-window';
import type { Snapshot } from '../../../src/shared/model';
import { createElectronModel, type ModelBrowserWindow } from '../../support/electron-model/index';
import type { DisplayConfig } from '../../support/electron-model/state';
import { emptySnapshot } from '../../support/snapshots';

const MAIN_URL = 'file:///Applications/Hubwatch.app/Contents/Resources/app.asar/out/main/index.js';
export const paths = resolveAppPaths(MAIN_URL, undefined);
// A MacBook display (25 px menu bar) and an external one to its right with a taller menu bar.
const builtIn: DisplayConfig = {
  id: 1,
  primary: true,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const external: DisplayConfig = {
  id: 2,
  bounds: { x: 1440, y: -200, width: 2560, height: 1440 },
  workArea: { x: 1440, y: -170, width: 2560, height: 1410 },
};
export const trayOnBuiltIn = { x: 1200, y: 0, width: 22, height: 24 };

export const snapshot = (generatedAt: number): Snapshot => emptySnapshot({ generatedAt });

/**
 * `journal`: the fake core's view keeps a change cursor (its empty farm never changes a VM), so pushes after a
 * base are deltas; without it every push is full.
 */
export function setupPopover(o: { quitting?: boolean; loadFailure?: Error; journal?: boolean } = {}) {
  const model = createElectronModel({ displays: [builtIn, external] });
  model.app.launch();
  model.state.loadFailure = o.loadFailure ?? null;
  let now = 1_000_000;
  let version = 0;
  const coreListeners = new Set<() => void>();
  const core = {
    snapshot: () => snapshot(version),
    view: o.journal
      ? { ...snapshotView(() => snapshot(version)), vmCursor: () => 0, vmChangesSince: () => [] }
      : snapshotView(() => snapshot(version)),
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
    BrowserWindow: model.electron.BrowserWindow,
    screen: model.electron.screen,
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
  const win = model.windows().at(-1) as ModelBrowserWindow;
  return {
    model,
    popover,
    win,
    push,
    logger,
    openExternal,
    change,
    coreListeners,
    advance: (ms: number) => void (now += ms),
    quit: () => void (quitting = true),
    /** Resolves when the page next finishes loading (the model loads it for real, on later ticks). */
    loaded: () => new Promise<void>((resolve) => win.webContents.once('did-finish-load', () => resolve())),
    /** Payloads sent on a channel; 'state:changed' ones as the Snapshot they carry (this fake core's view has no
     * change journal, so every state push is a full one: deltas are push-deltas.test.ts's subject). */
    pushes: (channel: string) =>
      push.mock.calls
        .filter(([, c]) => c === channel)
        .map(([, , p]) => (channel === 'state:changed' ? (p as { full: unknown }).full : p)),
    /** The state pushes as sent ({generation, full} or {generation, delta}), in order. */
    statePushes: () =>
      push.mock.calls.filter(([, c]) => c === 'state:changed').map(([, , p]) => p as Record<string, unknown>),
    /** The generation numbers of the state pushes, in order. */
    generations: () =>
      push.mock.calls
        .filter(([, c]) => c === 'state:changed')
        .map(([, , p]) => (p as { generation: number }).generation),
  };
}
