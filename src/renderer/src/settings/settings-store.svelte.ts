/* eslint-disable svelte/prefer-svelte-reactivity -- every Map/Set here is immutable once built: updates replace
   the whole collection in a $state.raw field or rebuild it in a $derived, so reactive collections would add cost for nothing. */
// The settings page's state: the last SettingsView from main and the form being edited. Nothing is saved until
// the user presses Save; secrets typed here are sent once and then dropped from memory.
import type { SettingsApi, SettingsFocus } from '../../../shared/ipc';
import type { HostId } from '../../../shared/model';
import type { ConnectionTestResult, SettingsView } from '../../../shared/settings';
import { DEFAULT_NOTIFICATION_RULES } from '../../../shared/settings';
import { describeFailure } from '../lib/bridge';
import { focusFromHash } from '../lib/settings-focus';
import {
  formFromView,
  hostErrors,
  hostInput,
  isDirty,
  newHostDraft,
  newHostId,
  settingsInput,
  type FormState,
  type HostDraft,
} from '../lib/settings-draft';
import { checkHostUrl, hasErrors, validateRules, type HostField } from '../lib/validation';

export interface TestState {
  readonly running: boolean;
  readonly result: ConnectionTestResult | null;
  /** The URL this result is about: a result (and its "Approve this certificate") never applies to another one. */
  readonly url: string;
}

/** Form order: a failed Save focuses the first invalid field as the user reads the form, top to bottom. */
const FIELD_ORDER: readonly HostField[] = ['name', 'url', 'username', 'secret', 'pinnedFingerprint'];

export type SettingsSection = 'general' | 'hosts' | 'notifications';

/** The props of a settings part that works on the page's store alone (tabs, host list, forms, footer). */
export interface StoreProps {
  store: SettingsStore;
}

export class SettingsStore {
  view = $state.raw<SettingsView | null>(null);
  form = $state<FormState>({
    hosts: [],
    notifications: { ...DEFAULT_NOTIFICATION_RULES },
    showTrayCount: true,
    launchAtLogin: false,
  });
  selectedId = $state<HostId | null>(null);
  /** The settings section shown (macOS settings windows show one section at a time). */
  section = $state<SettingsSection>('hosts');
  loadError = $state<string | null>(null);
  saving = $state(false);
  /** A save that main refused (or that failed to reach it). Validation problems are in `validationMessage`. */
  serverError = $state<string | null>(null);
  saved = $state(false);
  externalChange = $state(false);
  /** After a save attempt every error shows; before it, only those of fields the user has touched. */
  attemptedSave = $state(false);
  touched = $state.raw<ReadonlySet<string>>(new Set());
  tests = $state.raw<ReadonlyMap<HostId, TestState>>(new Map());
  /** A "Fix…" request waiting for the settings to load, then for the host's editor to focus the field. */
  focusRequest = $state.raw<SettingsFocus | null>(null);
  /** A field the host's editor should focus once rendered: the new host's name, or the first invalid field. */
  fieldFocus = $state.raw<{ readonly hostId: HostId; readonly field: HostField } | null>(null);

  readonly dirty = $derived(isDirty(this.form, this.view));
  readonly selected = $derived(this.form.hosts.find((h) => h.id === this.selectedId));

  readonly #api: SettingsApi;

  constructor(api: SettingsApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    try {
      const result = await this.#api.getSettings();
      if (result.ok) this.reset(result.value);
      else this.loadError = result.error;
    } catch (error) {
      this.loadError = describeFailure(error);
    }
  }

  connect(): () => void {
    const off = this.#api.onSettingsChanged((view) => {
      // Never throw away the user's unsaved edits; offer a reload instead.
      if (this.dirty) this.externalChange = true;
      else this.reset(view);
    });
    const offFocus = this.#api.onFocusHost((focus) => this.requestFocus(focus));
    const initial = focusFromHash(typeof location === 'undefined' ? '' : location.hash);
    if (initial !== null) this.requestFocus(initial);
    void this.load();
    return () => {
      off();
      offFocus();
    };
  }

  /** Selects the host and asks its editor to open and focus the credential field (see HostEditor). */
  requestFocus(focus: SettingsFocus): void {
    this.focusRequest = focus;
    this.section = 'hosts';
    if (this.form.hosts.some((h) => h.id === focus.hostId)) this.selectedId = focus.hostId;
  }

  /** The editor took the request: it is done. */
  focusTaken(): void {
    this.focusRequest = null;
  }

  reset(view: SettingsView): void {
    this.view = view;
    this.form = formFromView(view);
    this.loadError = null;
    this.externalChange = false;
    this.attemptedSave = false;
    this.touched = new Set();
    if (this.focusRequest !== null && view.hosts.some((h) => h.id === this.focusRequest?.hostId)) {
      this.selectedId = this.focusRequest.hostId;
    } else if (this.selectedId === null || !view.hosts.some((h) => h.id === this.selectedId)) {
      this.selectedId = view.hosts[0]?.id ?? null;
    }
  }

  addHost(): void {
    const draft = newHostDraft(
      newHostId(),
      this.form.hosts.map((h) => h.name),
    );
    this.form.hosts.push(draft);
    this.selectedId = draft.id;
    this.fieldFocus = { hostId: draft.id, field: 'name' };
    this.saved = false;
  }

  removeHost(id: HostId): void {
    const index = this.form.hosts.findIndex((h) => h.id === id);
    if (index < 0) return;
    this.form.hosts.splice(index, 1);
    if (this.selectedId === id) this.selectedId = this.form.hosts[Math.max(0, index - 1)]?.id ?? null;
    this.saved = false;
  }

  touch(hostId: HostId, field: HostField): void {
    const key = `${hostId}:${field}`;
    if (this.touched.has(key)) return;
    this.touched = new Set([...this.touched, key]);
    this.saved = false;
  }

  /** The error to show now for one field (respecting "touched / attempted"). */
  visibleError(draft: HostDraft, field: HostField): string | undefined {
    if (!this.attemptedSave && !this.touched.has(`${draft.id}:${field}`)) return undefined;
    return hostErrors(this.form, draft)[field];
  }

  hostHasErrors(draft: HostDraft): boolean {
    return hasErrors(hostErrors(this.form, draft));
  }

  readonly rulesError = $derived(validateRules(this.form.notifications));

  /** Derived, not stored: it goes away the moment the last highlighted field is fixed. */
  readonly validationMessage = $derived.by((): string | null => {
    if (!this.attemptedSave) return null;
    if (this.form.hosts.some((h) => this.hostHasErrors(h))) return 'Fix the highlighted fields first.';
    if (this.rulesError !== null) return 'Fix the notification settings first.';
    return null;
  });

  readonly saveError = $derived(this.validationMessage ?? this.serverError);

  /** The test result for this host as it is now: none when the URL has changed since it was tested. */
  testFor(draft: HostDraft): TestState | undefined {
    const state = this.tests.get(draft.id);
    return state !== undefined && state.url === draft.url.trim() ? state : undefined;
  }

  async save(): Promise<void> {
    this.attemptedSave = true;
    this.saved = false;
    const invalid = this.form.hosts.find((h) => this.hostHasErrors(h));
    this.serverError = null;
    if (invalid !== undefined) {
      this.section = 'hosts';
      this.selectedId = invalid.id;
      const errors = hostErrors(this.form, invalid);
      const field = FIELD_ORDER.find((f) => errors[f] !== undefined);
      if (field !== undefined) this.fieldFocus = { hostId: invalid.id, field };
      return;
    }
    if (this.rulesError !== null) {
      this.section = 'notifications';
      return;
    }
    this.saving = true;
    try {
      const result = await this.#api.saveSettings(settingsInput(this.form));
      if (result.ok) {
        this.reset(result.value);
        // Results described the unsaved form; once saved they would read as facts about the saved host.
        this.tests = new Map();
        this.saved = true;
      } else {
        this.serverError = result.error;
      }
    } catch (error) {
      this.serverError = describeFailure(error);
    } finally {
      this.saving = false;
    }
  }

  async test(draft: HostDraft): Promise<void> {
    const url = checkHostUrl(draft.url);
    if (!url.ok) {
      this.touch(draft.id, 'url');
      return;
    }
    const tested = draft.url.trim();
    this.#setTest(draft.id, { running: true, result: null, url: tested });
    let result: ConnectionTestResult;
    try {
      const answer = await this.#api.testConnection(hostInput(draft));
      result = answer.ok ? answer.value : { kind: 'error', detail: answer.error };
    } catch (error) {
      result = { kind: 'error', detail: describeFailure(error) };
    }
    this.#setTest(draft.id, { running: false, result, url: tested });
    // Bound to the tested URL like the result itself: with "Detect automatically", Save stores what answered here.
    if (result.kind === 'ok' && result.detectedKind !== undefined)
      draft.detected = { kind: result.detectedKind, url: tested };
  }

  approveFingerprint(draft: HostDraft, fingerprint: string): void {
    // Pin only a certificate seen at the URL the host has now (never one tested at a URL since changed).
    const result = this.testFor(draft)?.result;
    if (result?.kind !== 'tls-untrusted' || result.fingerprint !== fingerprint) return;
    draft.pinnedFingerprint = fingerprint;
    this.saved = false;
  }

  #setTest(id: HostId, state: TestState): void {
    const next = new Map(this.tests);
    next.set(id, state);
    this.tests = next;
  }
}
