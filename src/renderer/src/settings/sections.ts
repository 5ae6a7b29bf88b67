// The settings window's sections, in tab order: one table for the tab bar and the panels.
import type { SettingsSection } from './settings-store.svelte';

export const SECTIONS: readonly { readonly id: SettingsSection; readonly label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'hosts', label: 'Hosts' },
  { id: 'notifications', label: 'Notifications' },
];
