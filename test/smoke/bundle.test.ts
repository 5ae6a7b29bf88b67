// Loads the BUILT bundles (run `npx electron-vite build` first) in plain Node: main with the strict Electron model
// (test/support/electron-model), the preloads with a renderer-side stand-in (contextBridge + ipcRenderer only), to
// catch what only shows at runtime: module-format mistakes (ESM main, CommonJS sandboxed preloads), missing
// externals, a preload split into chunks it cannot require, and TypeErrors anywhere in the start-up wiring.
// Each load runs in a child process so the module hooks never touch the test runner.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, POPOVER_API_KEYS, SETTINGS_API_KEYS } from '../../src/shared/ipc';
import { runScenario } from './scenario/run';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

async function runBundle(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    timeout: 30_000,
    // No binary download attempt, whatever imports what.
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron-dist', SMOKE_VERBOSE: '' },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('SMOKE_RESULT='));
  if (!line) throw new Error(`no result from the bundle runner; stdout was:\n${stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice('SMOKE_RESULT='.length)) as Record<string, unknown>;
}

beforeAll(() => {
  for (const file of ['out/main/index.js', 'out/preload/popover.cjs', 'out/preload/settings.cjs']) {
    if (!existsSync(join(root, file)))
      throw new Error(`${file} is missing: run \`npx electron-vite build\` before the smoke tests`);
  }
});

describe('main bundle (with the strict Electron model)', () => {
  let outcome: Awaited<ReturnType<typeof runScenario>>;
  beforeAll(async () => {
    outcome = await runScenario('clean-launch');
  }, 40_000);

  it('loads as ESM and registers its ready handler without throwing, before ready', () => {
    expect(outcome.callsBeforeReady).toEqual(
      expect.arrayContaining(['app.requestSingleInstanceLock', 'app.whenReady']),
    );
    expect(outcome.callsBeforeReady.filter((c) => c === 'app.whenReady')).toHaveLength(1);
    expect(outcome.callsBeforeReady).not.toContain('new BrowserWindow');
  });

  it('runs the whole start-up wiring to "Hubwatch started" with no failure', () => {
    expect(outcome.log.some((l) => l.includes('Hubwatch started'))).toBe(true);
    expect(outcome.log.filter((l) => /failed to start|TypeError|ReferenceError/.test(l))).toEqual([]);
  });

  it('registers one invoke handler per channel and denies permissions', () => {
    expect(outcome.calls.filter((c) => c === 'ipcMain.handle')).toHaveLength(INVOKE_CHANNELS.length);
    expect(outcome.calls).toContain('session.defaultSession.setPermissionRequestHandler');
    expect(outcome.calls).toContain('new Tray');
  });
});

describe.each([
  ['popover', POPOVER_API_KEYS],
  ['settings', SETTINGS_API_KEYS],
] as const)('%s preload bundle', (name, keys) => {
  it('is one self-contained CommonJS file exposing exactly the contract as window.api', async () => {
    const result = await runBundle(['test/smoke/run-bundle.mjs', 'preload', `out/preload/${name}.cjs`]);
    expect(result['relativeRequires']).toBe(0);
    expect(result['required']).toEqual(['electron']);
    // Exactly the contract's names, in any order (the order of an object's keys is not part of the API).
    const exposed = result['exposed'] as { key: string; keys: string[]; allFunctions: boolean }[];
    expect(exposed.map((e) => ({ ...e, keys: [...e.keys].sort() }))).toEqual([
      { key: 'api', keys: [...keys].sort(), allFunctions: true },
    ]);
  });
});
