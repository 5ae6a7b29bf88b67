/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { PopoverApi, SettingsApi } from '../../shared/ipc';

declare global {
  interface Window {
    /**
     * Set by the page's own preload: the popover gets a PopoverApi, the settings page a SettingsApi.
     * lib/bridge.ts narrows it once per page so components never see the union.
     */
    readonly api: PopoverApi | SettingsApi | undefined;
  }
}

export {};
