// Hooks for the real-Electron end-to-end test only (HUBWATCH_E2E=1): Playwright's electronApp.evaluate() reaches
// them through globalThis. Never installed in normal runs.
import type { SettingsInput, SettingsView } from '../../shared/settings';

export interface HubwatchTestHook {
  showPopover(): void;
  openSettings(): void;
  saveSettings(input: SettingsInput): Promise<SettingsView>;
}

declare global {
  var __hubwatchTest: HubwatchTestHook | undefined;
}

export function installTestHook(env: NodeJS.ProcessEnv, hook: HubwatchTestHook): void {
  if (env['HUBWATCH_E2E'] === '1') globalThis.__hubwatchTest = hook;
}
