// Bundles the measurement and hub entries to plain ESM before a run, so they execute under plain `node` — as the
// app's main process runs electron-vite's bundle — and not under the tsx loader, whose hook thread alone burns
// ~10 ms of CPU per second in an otherwise idle process and would distort every CPU figure.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// In this checkout's own test-results, three levels below the root like the sources (test/bench/measure/*.ts), so
// every `new URL('../../../', import.meta.url)` still finds this checkout. Not under node_modules: a git worktree
// often shares (symlinks) one node_modules, and then two checkouts' benches overwrote each other's bundle and measured
// the other checkout's out/renderer.
const BUNDLE_DIR = fileURLToPath(new URL('../../../test-results/.tmp/bench/', import.meta.url));

export async function bundleBench(): Promise<{ child: string; hub: string }> {
  const entry = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
  await build({
    entryPoints: { child: entry('../child.ts'), 'hub-process': entry('../hub/hub-process.ts') },
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return { child: `${BUNDLE_DIR}child.mjs`, hub: `${BUNDLE_DIR}hub-process.mjs` };
}
