// Converting between what main sends (SettingsView), what the form edits (drafts) and what main accepts
// (SettingsInput). Secrets only ever flow outwards: a draft's secret starts undefined and is never prefilled.
import type { HostId } from '../../../shared/model';
import type {
  AuthMethod,
  HostInput,
  HostView,
  NotificationRules,
  SettingsInput,
  SettingsView,
} from '../../../shared/settings';
import { checkHostUrl, validateHost, type HostErrors } from './validation';

export interface HostDraft {
  id: HostId;
  name: string;
  url: string;
  auth: AuthMethod;
  username: string;
  pinnedFingerprint: string | null;
  enabled: boolean;
  /** What the user typed; undefined keeps the stored secret. */
  secret: string | undefined;
  /** The stored secret is being replaced (shows the input instead of "••• set"). */
  replacingSecret: boolean;
  readonly secretSet: boolean;
  readonly storedAuth: AuthMethod | null;
}

export interface FormState {
  hosts: HostDraft[];
  notifications: NotificationRules;
  showTrayCount: boolean;
  launchAtLogin: boolean;
}

function draftFromView(host: HostView): HostDraft {
  return {
    id: host.id,
    name: host.name,
    url: host.url,
    auth: host.auth,
    username: host.username,
    pinnedFingerprint: host.pinnedFingerprint,
    enabled: host.enabled,
    secret: undefined,
    replacingSecret: false,
    secretSet: host.secretSet,
    storedAuth: host.secretSet ? host.auth : null,
  };
}

export function formFromView(view: SettingsView): FormState {
  return {
    hosts: view.hosts.map(draftFromView),
    notifications: { ...view.notifications },
    showTrayCount: view.showTrayCount,
    launchAtLogin: view.launchAtLogin,
  };
}

export function newHostDraft(id: HostId, existingNames: readonly string[]): HostDraft {
  let name = 'New host';
  for (let i = 2; existingNames.some((n) => n.toLowerCase() === name.toLowerCase()); i++)
    name = `New host ${i}`;
  return {
    id,
    name,
    url: 'https://',
    // An API key never expires on its own; a pasted token lasts 15 min on a default server and dies at every
    // server restart (protocol doc §2.3), so it is the last choice, not the default.
    auth: 'api-key',
    username: '',
    pinnedFingerprint: null,
    enabled: true,
    secret: undefined,
    replacingSecret: true,
    secretSet: false,
    storedAuth: null,
  };
}

export function hostInput(draft: HostDraft): HostInput {
  const url = checkHostUrl(draft.url);
  const base = {
    id: draft.id,
    name: draft.name.trim(),
    url: url.ok && url.normalized !== undefined ? url.normalized : draft.url.trim(),
    auth: draft.auth,
    // A token needs no user name; do not keep a stale one from another method.
    username: draft.auth === 'token' ? '' : draft.username.trim(),
    pinnedFingerprint: draft.pinnedFingerprint,
    enabled: draft.enabled,
  };
  return draft.secret !== undefined && draft.secret !== '' ? { ...base, secret: draft.secret } : base;
}

export function settingsInput(form: FormState): SettingsInput {
  return {
    hosts: form.hosts.map(hostInput),
    notifications: { ...form.notifications },
    showTrayCount: form.showTrayCount,
    launchAtLogin: form.launchAtLogin,
  };
}

export function hostErrors(form: FormState, draft: HostDraft): HostErrors {
  return validateHost(hostInput(draft), {
    otherNames: form.hosts.filter((h) => h.id !== draft.id).map((h) => h.name),
    secretSet: draft.secretSet,
    storedAuth: draft.storedAuth,
  });
}

/** True when saving would change something (a typed secret always counts). */
export function isDirty(form: FormState, view: SettingsView | null): boolean {
  if (view === null) return false;
  if (form.hosts.some((h) => h.secret !== undefined && h.secret !== '')) return true;
  return JSON.stringify(settingsInput(form)) !== JSON.stringify(settingsInput(formFromView(view)));
}

/** Random id for a new host; crypto.randomUUID needs a secure context, which file:// pages may not be. */
export function newHostId(): HostId {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
