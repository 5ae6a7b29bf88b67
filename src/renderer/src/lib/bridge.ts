// Narrows window.api to the page's own API. The check is structural (a function the other page lacks), so a
// page loaded with the wrong preload fails loudly at start instead of half-working.
import type { PopoverApi, SettingsApi } from '../../../shared/ipc';

export function popoverApi(): PopoverApi {
  const api = window.api;
  if (api !== undefined && 'getSnapshot' in api && typeof api.getSnapshot === 'function') return api;
  throw new Error('The popover bridge (window.api) is missing: was the popover preload loaded?');
}

export function settingsApi(): SettingsApi {
  const api = window.api;
  if (api !== undefined && 'getSettings' in api && typeof api.getSettings === 'function') return api;
  throw new Error('The settings bridge (window.api) is missing: was the settings preload loaded?');
}

/** Bridge calls resolve to Results, but a broken bridge can still reject: turn that into a message too. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'The app did not answer. Try again.';
}
