// What a screenshot compared against a committed baseline needs so that only a real change of the UI can make it
// differ: a font shipped in the repository (never the machine's), the page clock frozen, and the one platform the
// baselines were rendered on.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const FONT_DIR = join(import.meta.dirname, '../fonts');
const FAMILY = 'Hubwatch Baseline';

/**
 * The baselines are Debian Chromium renderings on Linux (the CI of .ci/run). Another OS or browser build draws the
 * same page with other anti-aliasing, so there a comparison would only measure the platform.
 */
export const BASELINE_PLATFORM = 'linux';

/**
 * Replaces the app's system-font stacks (-apple-system…, ui-monospace…) with DejaVu Sans served from
 * test/e2e/fonts, and waits until both faces are loaded. Served at the page's own origin, so the CSP's
 * `default-src 'self'` admits it unchanged; the style element is allowed by the CSP's `style-src 'unsafe-inline'`.
 */
export async function useBaselineFont(page: Page): Promise<void> {
  await page.route('**/__baseline-fonts/*.ttf', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    if (!/^DejaVuSans(-Bold)?\.ttf$/.test(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ path: join(FONT_DIR, file), contentType: 'font/ttf' });
  });
}

/** Call after every navigation (a new document drops the injected style). */
export async function applyBaselineFont(page: Page): Promise<void> {
  await page.addStyleTag({
    content: `
      @font-face { font-family: '${FAMILY}'; font-weight: 100 500; src: url('/__baseline-fonts/DejaVuSans.ttf'); }
      @font-face { font-family: '${FAMILY}'; font-weight: 600 900; src: url('/__baseline-fonts/DejaVuSans-Bold.ttf'); }
      :root { --font: '${FAMILY}'; --mono: '${FAMILY}'; }
    `,
  });
  // Load both faces now and prove they are the ones in use: a missing font would silently fall back.
  const loaded = await page.evaluate<boolean[]>(`Promise.all([
      document.fonts.load("400 13px '${FAMILY}'"),
      document.fonts.load("700 13px '${FAMILY}'"),
    ]).then((faces) => faces.map((list) => list.length === 1))`);
  expect(loaded).toEqual([true, true]);
  expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toBe(`"${FAMILY}"`);
}

/**
 * Freezes the page's Date at the current moment: relative times ("just now", countdowns) cannot change between two
 * captures of one run, nor between runs. Timers keep running, so the renderer's tick re-renders with the frozen
 * time and the bridge keeps working.
 */
export async function freezePageClock(page: Page): Promise<void> {
  await page.clock.setFixedTime(new Date());
}
