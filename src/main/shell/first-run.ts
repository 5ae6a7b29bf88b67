// "Open settings on the very first launch when no hub is configured", remembered with a marker file so quitting
// without configuring does not turn every later launch into a settings window.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function shouldOpenSettingsOnLaunch(userDataDir: string, hostCount: number): boolean {
  const marker = join(userDataDir, 'first-run-done');
  if (hostCount > 0 || existsSync(marker)) return false;
  try {
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, new Date().toISOString());
  } catch {
    // Worst case the welcome shows again next launch.
  }
  return true;
}
