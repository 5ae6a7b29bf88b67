import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './test/support/chromium-args';

// Debian's Chromium (never `npx playwright install`: it downloads, and this network refuses it).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  timeout: 60_000,
  expect: {
    timeout: 5_000,
    // Visual baselines (screenshot-baselines.spec.ts): animations off, caret hidden, CSS pixels. Rendering is
    // deterministic here (shipped font, software raster), so the limits are tight: a pixel differs past a colour
    // distance of 0.05 (the default 0.2 let the first row's name turn from red to orange unseen: 71 pixels, all
    // under 0.2), and at most 0.01 % of pixels may differ (21 of 380x560).
    toHaveScreenshot: {
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      threshold: 0.05,
      maxDiffPixelRatio: 0.0001,
    },
  },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  projects: [
    {
      name: 'chromium',
      testIgnore: ['electron/**'],
      use: {
        browserName: 'chromium',
        viewport: { width: 380, height: 600 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [...CHROMIUM_ARGS, '--disable-quic'],
        },
      },
    },
    {
      // Real Electron: runs where the binary exists, reports itself as skipped (with the reason) elsewhere.
      name: 'electron',
      testMatch: ['electron/**/*.spec.ts'],
    },
  ],
});
