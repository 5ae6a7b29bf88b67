// Converting between what main sends (SettingsView), what the form edits (drafts) and what main accepts
// (SettingsInput). Secrets only ever flow outwards: a draft's secret starts undefined and is never prefilled.
import type { HostId, HostKind } from '../../../shared/model';
import {
  hostConfigOf,
  type AuthMethod,
  type HostInput,
  type HostView,
  type NotificationRules,
  type SettingsInput,
  type SettingsView,
} from '../../../shared/settings';
import { checkHostUrl, validateHost, type HostErrors } from './validation';

/** The host editor's "Kind" menu: a known kind, or "Detect automatically" (stored as no kind at all). */
export type KindChoice = HostKind | 'detect';

export interface HostDraft {
  id: HostId;
  name: string;
  url: string;
  auth: AuthMethod;
  username: string;
  pinnedFingerprint: string | null;
  enabled: boolean;
  kind: KindChoice;
  /** What Test connection found answering at `url`; with "Detect automatically", Save stores it. */
  detected: { readonly kind: HostKind; readonly url: string } | null;
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

/** The settings besides the hosts, copied (the form edits its own notification rules). */
function generalOf(from: Omit<FormState, 'hosts'>): Omit<FormState, 'hosts'> {
  return {
    notifications: { ...from.notifications },
    showTrayCount: from.showTrayCount,
    launchAtLogin: from.launchAtLogin,
  };
}

function draftFromView(host: HostView): HostDraft {
  const { kind, ...config } = hostConfigOf(host);
  return {
    ...config,
    kind: kind ?? 'detect',
    detected: null,
    secret: undefined,
    replacingSecret: false,
    secretSet: host.secretSet,
    storedAuth: host.secretSet ? host.auth : null,
  };
}

export function formFromView(view: SettingsView): FormState {
  return { hosts: view.hosts.map(draftFromView), ...generalOf(view) };
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
    kind: 'detect',
    detected: null,
    secret: undefined,
    replacingSecret: true,
    secretSet: false,
    storedAuth: null,
  };
}

/**
 * The kind Save stores: the one chosen, or with "Detect automatically" what Test connection found at this very URL
 * (a result never applies to another URL); undefined = still unknown, detected when connecting.
 */
export function kindToSave(draft: HostDraft): HostKind | undefined {
  if (draft.kind !== 'detect') return draft.kind;
  return draft.detected !== null && draft.detected.url === draft.url.trim() ? draft.detected.kind : undefined;
}

export function hostInput(draft: HostDraft): HostInput {
  const url = checkHostUrl(draft.url);
  const kind = kindToSave(draft);
  const config = {
    id: draft.id,
    name: draft.name.trim(),
    url: url.ok && url.normalized !== undefined ? url.normalized : draft.url.trim(),
    auth: draft.auth,
    // A token needs no user name; do not keep a stale one from another method.
    username: draft.auth === 'token' ? '' : draft.username.trim(),
    pinnedFingerprint: draft.pinnedFingerprint,
    enabled: draft.enabled,
  };
  const base = kind === undefined ? config : { ...config, kind };
  return draft.secret !== undefined && draft.secret !== '' ? { ...base, secret: draft.secret } : base;
}

export function settingsInput(form: FormState): SettingsInput {
  return { hosts: form.hosts.map(hostInput), ...generalOf(form) };
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
