import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

// Main is ESM (electron-store is ESM-only). Sandboxed preloads must be CommonJS, so they are forced to `.cjs`.
// The renderer has two pages, each with its own preload and its own narrow API.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(root, 'src/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: {
          popover: resolve(root, 'src/preload/popover.ts'),
          settings: resolve(root, 'src/preload/settings.ts'),
        },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
        },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Page assets are referenced relatively so the pages load from file:// in the packaged app.
      assetsInlineLimit: 0,
      rollupOptions: {
        input: {
          popover: resolve(root, 'src/renderer/popover.html'),
          settings: resolve(root, 'src/renderer/settings.html'),
        },
        output: {
          // V8's explicit compile hint (Chromium 136+; Electron 45 ships 140): compile every function of the
          // page's chunks eagerly, off the main thread while the script streams in, instead of lazily on first
          // call. Nearly all of the popover's code runs during its first render, where lazy compilation cost
          // ~186 main-thread compiles (~15-20 ms) inside the first-render window (test/bench/tools/render-ab.ts).
          // https://github.com/WICG/explicit-javascript-compile-hints-file-based — it opens the file, hence a banner.
          banner: '//# allFunctionsCalledOnLoad',
        },
      },
    },
  },
});
