// Every BrowserWindow the shell creates, built through the real window modules with an injected stand-in
// BrowserWindow (a recording fake: no binary needed), must carry the hardened webPreferences, and every window must
// be covered: the number of `new BrowserWindow(` in src/main equals the number of windows checked here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const created: Record<string, unknown>[] = [];

/** A callable, constructible proxy that answers every property with another one: enough for module wiring. */
function deepFake(): unknown {
  const target = function fake(): void {};
  return new Proxy(target, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.toPrimitive ? () => '' : deepFake()),
    apply: () => deepFake(),
    construct: () => deepFake() as object,
  });
}

// The window modules take their Electron pieces injected; this recording class stands in for BrowserWindow.
class BrowserWindow {
  constructor(options: Record<string, unknown>) {
    created.push(options);
    return deepFake() as BrowserWindow;
  }
}
const electron = { BrowserWindow, screen: deepFake(), app: deepFake() } as never;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('BrowserWindow webPreferences', () => {
  it('popover and settings windows are sandboxed, isolated, without node, with our preload', async () => {
    const { createPopoverWindow } = await import('../../src/main/shell/popover-window');
    const { createSettingsWindow } = await import('../../src/main/shell/settings-window');
    const { resolveAppPaths } = await import('../../src/main/shell/app-paths');
    const paths = resolveAppPaths(new URL('../../out/main/index.js', import.meta.url).href, undefined);
    const silent = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    const core = deepFake() as never;
    createPopoverWindow({
      electron,
      paths,
      core,
      push: () => true,
      clock: { now: () => 0 },
      logger: silent,
      openExternal: () => undefined,
      isQuitting: () => false,
    });
    createSettingsWindow({ electron, paths, logger: silent, openExternal: () => undefined }).open();
    const windowsInSource = sourceFiles(path.resolve(import.meta.dirname, '../../src/main'))
      .map((f) => (readFileSync(f, 'utf8').match(/new BrowserWindow\(/g) ?? []).length)
      .reduce((a, b) => a + b, 0);
    expect(created).toHaveLength(windowsInSource);
    for (const options of created) {
      const prefs = options['webPreferences'] as Record<string, unknown>;
      expect(prefs).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
      });
      for (const risky of [
        'nodeIntegrationInWorker',
        'nodeIntegrationInSubFrames',
        'webviewTag',
        'experimentalFeatures',
        'enableBlinkFeatures',
        'enableRemoteModule',
      ]) {
        expect(prefs[risky], risky).toBeFalsy();
      }
      expect(String(prefs['preload'])).toMatch(/out[\\/]preload[\\/](popover|settings)\.cjs$/);
    }
    console.log(
      `[electron-gate] webPreferences checked on ${created.length}/${windowsInSource} BrowserWindows: sandbox, contextIsolation, no nodeIntegration, webSecurity, CJS preload`,
    );
  });
});
