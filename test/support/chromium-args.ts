// The switches for the Debian Chromium that the e2e tests (playwright.config.ts) and the render bench
// (test/bench/lib/stub-page.ts) launch: as close to Electron's renderer as a browser gets. Chromium (the browser)
// also starts its own UI's pages: with every new window it preloads the omnibox popups, WebUI renderers
// (chrome://omnibox-popup.top-chrome/, …/omnibox_popup_aim.html) that spent 11–41 ms of CPU inside each of the
// bench's first-render windows, competing for the 2 cores (Chromium 156, session 7). Electron has no omnibox.
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
];
