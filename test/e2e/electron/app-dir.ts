// What the real-Electron spec passes to `electron`: the PROJECT ROOT, as `electron .` and a packaged app do.
// Electron then reads package.json (name "Hubwatch", main out/main/index.js), app.getAppPath() is the root and
// resources/ (tray icons) is found. Passing out/main/index.js made the app "Electron" with an invisible tray icon.
import { join } from 'node:path';

export const ELECTRON_APP_DIR = join(import.meta.dirname, '../../..');
