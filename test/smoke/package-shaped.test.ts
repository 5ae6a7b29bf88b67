// The package-shaped smoke: the app as electron-builder would ship it (files globs + production dependencies
// only) in a temp directory named like a real bundle, launched with the strict Electron model as a packaged app.
// Catches a runtime import of a devDependency, a resource left out by the globs, and paths that only work from
// the project root.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layOutPackage } from './package-layout';
import { runScenario, warnLines } from './scenario/run';

const root = join(import.meta.dirname, '../..');

describe('the packaged layout', () => {
  let layout: ReturnType<typeof layOutPackage>;
  beforeAll(() => {
    layout = layOutPackage(root);
  });
  afterAll(() => {
    rmSync(join(layout.appDir, '../../../..'), { recursive: true, force: true });
  });

  it('contains the build output, the tray images and no build-only files', () => {
    expect(layout.files).toContain('out/main/index.js');
    expect(layout.files).toContain('resources/tray-okTemplate@2x.png');
    expect(layout.files.filter((f) => /entitlements|generate-icons|screenshots/.test(f))).toEqual([]);
    expect(layout.modules).toEqual(
      expect.arrayContaining(['node_modules/electron-store', 'node_modules/ws']),
    );
    expect(layout.modules.filter((m) => /electron$|vitest|vite$|typescript/.test(m))).toEqual([]);
  });

  it('launches from there as a packaged app: resources found, no dev dependency needed, zero WARN lines', async () => {
    const { result, log, violations } = await runScenario<{
      trayEmpty: boolean;
      trayTemplate: boolean;
      appName: string;
    }>(
      'clean-launch',
      { appPath: layout.appDir, isPackaged: true },
      join(layout.appDir, 'out/main/index.js'),
    );
    expect(result.trayEmpty).toBe(false);
    expect(result.trayTemplate).toBe(true);
    expect(violations).toEqual([]);
    expect(warnLines(log)).toEqual([]);
  }, 40_000);
});
