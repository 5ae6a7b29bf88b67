// Where the built pieces live relative to the bundled main entry (out/main/index.js), and the dev server URL that
// electron-vite sets in `dev`. Kept in one place so IPC sender checks and window loading agree.
import { fileURLToPath } from 'node:url';
import type { RendererLocation, WindowKind } from './ipc';

export interface AppPaths {
  readonly renderer: RendererLocation;
  preload(kind: WindowKind): string;
  pageUrl(kind: WindowKind): string;
}

export function resolveAppPaths(mainModuleUrl: string, devServerUrl: string | undefined): AppPaths {
  const rendererDir = fileURLToPath(new URL('../renderer/', mainModuleUrl));
  const dev = devServerUrl !== undefined && devServerUrl !== '' ? devServerUrl.replace(/\/+$/, '') : null;
  return {
    renderer: { rendererDir: dev === null ? rendererDir : null, devServerUrl: dev },
    preload: (kind) => fileURLToPath(new URL(`../preload/${kind}.cjs`, mainModuleUrl)),
    pageUrl: (kind) =>
      dev === null ? new URL(`../renderer/${kind}.html`, mainModuleUrl).href : `${dev}/${kind}.html`,
  };
}
