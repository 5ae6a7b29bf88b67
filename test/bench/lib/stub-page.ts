// The page the render measurements load: the BUILT popover (out/renderer) served over HTTP, with a stand-in for the
// Electron preload (page/stub-api.js, an init script) and one for main's first-pull handler (page/main-stand-in.js,
// a worker), both holding the same farm (page/farm.js) and main's own first-screen cut and VM order, bundled from
// src/shared at measure time.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER_DIR = resolve(ROOT, 'out/renderer');
// Found from the source tree: bundled runs (lib/build.ts) execute from node_modules/.tmp/bench.
const STUB = resolve(ROOT, 'test/bench/page/stub-api.js');
const FARM = resolve(ROOT, 'test/bench/page/farm.js');
const MAIN_STAND_IN = resolve(ROOT, 'test/bench/page/main-stand-in.js');
/** Where the page loads main's stand-in from (same origin: the popover's CSP allows workers from 'self' only). */
const MAIN_STAND_IN_PATH = '/__bench/main-stand-in.js';
/** What main's stand-in fetches once warm: the page's own scripts are served from then on. */
const MAIN_READY_PATH = '/__bench/main-ready';
/** A stand-in that never says it is ready does not hold the page longer than this (it is then reported). */
const MAIN_READY_LIMIT_MS = 10_000;

/** The farm the page is handed: `groups` 0 or 1 = one host entry; more = one orchestrator with that many Macs. */
export interface StubFarm {
  vms: number;
  events: number;
  groups?: number;
}

/**
 * Main's own modules the stub answers with (its first-screen cut and its VM order), bundled from the sources so the
 * page is handed exactly what main would hand it: a copy in the stub would not notice when main's rule changed.
 * `sharedDir` is a checkout's src/shared (an older one for an A/B of two builds, tools/render-ab.ts).
 */
function mainModules(sharedDir: string): string {
  const entry = [
    `export { firstScreenOf } from ${JSON.stringify(join(sharedDir, 'first-screen.ts'))};`,
    `export { sortVms } from ${JSON.stringify(join(sharedDir, 'vm-order.ts'))};`,
  ].join('\n');
  const out = buildSync({
    stdin: { contents: entry, resolveDir: sharedDir, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'HUBWATCH_MAIN',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}
const bundled = new Map<string, string>();

/**
 * The popover's real preload (src/preload/popover-api.ts beside `sharedDir`), bundled for the page with 'electron'
 * resolved to page/electron-shim.js: the page gets the preload's own behaviour (what it asks main, and when), not a
 * copy of it. A checkout whose preload has no createPopoverApi (before it asked early) exposes its popoverApi.
 */
function preloadModule(sharedDir: string): string {
  let preloadDir = resolve(sharedDir, '../preload');
  if (!existsSync(join(preloadDir, 'popover-api.ts'))) {
    console.error(`no ${preloadDir}/popover-api.ts: the bench uses this checkout's preload`);
    preloadDir = resolve(ROOT, 'src/preload');
  }
  const entry = [
    `import * as preload from ${JSON.stringify(join(preloadDir, 'popover-api.ts'))};`,
    'export const createPopoverApi = preload.createPopoverApi ?? (() => preload.popoverApi);',
  ].join('\n');
  const out = buildSync({
    stdin: { contents: entry, resolveDir: preloadDir, loader: 'ts' },
    alias: { electron: resolve(ROOT, 'test/bench/page/electron-shim.js') },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'HUBWATCH_PRELOAD',
    target: 'chrome120',
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

const defaultSharedDir = (): string => resolve(process.env.BENCH_SHARED_DIR ?? resolve(ROOT, 'src/shared'));
function modulesOf(sharedDir: string): string {
  let modules = bundled.get(sharedDir);
  if (modules === undefined) bundled.set(sharedDir, (modules = mainModules(sharedDir)));
  return modules;
}

/** The page's stand-in for the Electron preload (page/stub-api.js) with its farm, as an init script. */
// BENCH_SHARED_DIR: another checkout's src/shared, to measure a saved older build with its own cut (`npm run bench
// -- --only=render --no-build` against a copied-back out/renderer).
export function stubScript(config: StubFarm, sharedDir = defaultSharedDir()): string {
  const parts = [
    modulesOf(sharedDir),
    preloadModule(sharedDir),
    readFileSync(FARM, 'utf8'),
    readFileSync(STUB, 'utf8'),
  ];
  return `const CONFIG = ${JSON.stringify({ groups: 0, ...config })};\n${parts.join('\n')}`;
}

/** Main's stand-in (page/main-stand-in.js): a worker holding main's modules and the same farm. */
function mainStandIn(sharedDir: string): string {
  return [modulesOf(sharedDir), readFileSync(FARM, 'utf8'), readFileSync(MAIN_STAND_IN, 'utf8')].join('\n');
}
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/**
 * Serves a built renderer directory (out/renderer, or a copy of an older build for an A/B comparison), and main's
 * stand-in worker with the first-screen cut of `sharedDir` (that build's src/shared for an A/B).
 *
 * Main is up long before a popover opens: after every page request, the page's scripts (`/assets/*.js`) are held
 * until main's stand-in has built its farm and warmed its cut and says so (MAIN_READY_PATH), so the page never
 * asks a main that is still starting. One page at a time per server (the measurements load pages one by one).
 */
export function serveRenderer(dir = RENDERER_DIR, sharedDir = defaultSharedDir()): Promise<Server> {
  const worker = mainStandIn(sharedDir);
  let ready: Promise<void> = Promise.resolve();
  let markReady = (): void => undefined;
  const sendFile = (path: string, res: ServerResponse): void => {
    const file = normalize(join(dir, decodeURIComponent(path)));
    if (!file.startsWith(dir + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        // The app loads its pages from file://, which Chromium never gives a V8 code cache ("limit the cache to
        // http/https/chrome/chrome-untrusted processes", content/browser/renderer_host/code_cache_host_impl.cc;
        // electron/electron#27075): served cacheable over http, every load after the first compiled from a cache
        // the app never has. Uncached, each load parses and compiles like the app's page does.
        'cache-control': 'no-store',
      })
      .end(readFileSync(file));
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === MAIN_STAND_IN_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(worker);
      return;
    }
    if (path === MAIN_READY_PATH) {
      markReady();
      res.writeHead(204).end();
      return;
    }
    if (extname(path) === '.html') {
      ready = new Promise((open) => {
        const limit = setTimeout(() => {
          console.error(
            `main's stand-in was not ready after ${MAIN_READY_LIMIT_MS} ms: page scripts let through`,
          );
          open();
        }, MAIN_READY_LIMIT_MS);
        markReady = () => {
          clearTimeout(limit);
          open();
        };
      });
    }
    if (path.startsWith('/assets/') && extname(path) === '.js') void ready.then(() => sendFile(path, res));
    else sendFile(path, res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** What the stub logs once it has recorded the first render (page/stub-api.js). */
const FIRST_RENDER_SIGNAL = '__bench:first-render';

/**
 * Resolves once the stub has recorded the first render. Call it BEFORE page.goto. It listens for the stub's console
 * signal instead of polling the page: Playwright's waitForFunction evaluates its injected script in the page
 * (~20 ms of main-thread CPU the first time), and once the first pull's answer came in a task of its own, like
 * Electron's, that harness work landed inside the first-render window.
 */
export function firstRenderSignal(page: Page, timeoutMs = 15_000): Promise<unknown> {
  return page.waitForEvent('console', {
    predicate: (m) => m.text() === FIRST_RENDER_SIGNAL,
    timeout: timeoutMs,
  });
}
