import { describe, expect, it, vi } from 'vitest';
import type { Result, SettingsApi } from '../../../src/shared/ipc';
import type { ConnectionTestResult, SettingsInput, SettingsView } from '../../../src/shared/settings';
import { SettingsStore } from '../../../src/renderer/src/settings/settings-store.svelte';
import { viewWithFarm1 } from './settings-fixtures';

const view = viewWithFarm1();

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

function fakeApi(overrides: Partial<SettingsApi> = {}): SettingsApi {
  return {
    getSettings: () => ok(view),
    saveSettings: (input: SettingsInput) =>
      ok({
        ...view,
        ...input,
        hosts: input.hosts.map(({ secret: _s, ...h }) => ({ ...h, secretSet: true })),
      }),
    testConnection: () => ok({ kind: 'error', detail: 'x' }),
    onSettingsChanged: () => () => {},
    onFocusHost: () => () => {},
    setUnsaved: () => ok(undefined),
    onSaveBeforeClose: () => () => {},
    closeGuard: () => 'page',
    ...overrides,
  };
}

const UNTRUSTED: ConnectionTestResult = {
  kind: 'tls-untrusted',
  fingerprint: 'AB:CD',
  detail: 'self-signed',
};

/** A loaded store whose Test connection answers `result`, and its first host's draft. */
async function testing(result: ConnectionTestResult) {
  const testConnection = vi.fn(() => ok(result));
  const store = new SettingsStore(fakeApi({ testConnection }));
  await store.load();
  return { store, draft: store.form.hosts[0]!, testConnection };
}

describe('SettingsStore', () => {
  it('does not call save while a host is invalid, and selects that host', async () => {
    const saveSettings = vi.fn();
    const store = new SettingsStore(fakeApi({ saveSettings }));
    await store.load();
    store.addHost();
    const added = store.selectedId;
    store.selectedId = 'h1';
    await store.save();
    expect(saveSettings).not.toHaveBeenCalled();
    expect(store.selectedId).toBe(added);
    expect(store.saveError).toContain('Fix');
    expect(store.visibleError(store.selected!, 'url')).toBeDefined();
  });

  it('sends a typed secret once, then forgets it after a successful save', async () => {
    const saveSettings = vi.fn((input: SettingsInput) => fakeApi().saveSettings(input));
    const store = new SettingsStore(fakeApi({ saveSettings }));
    await store.load();
    store.form.hosts[0]!.replacingSecret = true;
    store.form.hosts[0]!.secret = 'new-token';
    expect(store.dirty).toBe(true);
    await store.save();
    expect(saveSettings.mock.calls[0]?.[0].hosts[0]?.secret).toBe('new-token');
    expect(store.form.hosts[0]?.secret).toBeUndefined();
    expect(store.form.hosts[0]?.replacingSecret).toBe(false);
    expect(store.saved).toBe(true);
    expect(store.dirty).toBe(false);
  });

  it('shows the main process error when saving fails and keeps the edits', async () => {
    const store = new SettingsStore(
      fakeApi({ saveSettings: () => Promise.resolve({ ok: false, error: 'disk full' }) }),
    );
    await store.load();
    store.form.showTrayCount = false;
    await store.save();
    expect(store.saveError).toBe('disk full');
    expect(store.form.showTrayCount).toBe(false);
  });

  it('a "Fix…" request selects its host, even when it arrives before the settings load', async () => {
    let focus: Parameters<SettingsApi['onFocusHost']>[0] = () => {};
    const second = { ...view.hosts[0]!, id: 'h2', name: 'Farm 2' };
    const store = new SettingsStore(
      fakeApi({
        getSettings: () => ok({ ...view, hosts: [...view.hosts, second] }),
        onFocusHost: (l) => {
          focus = l;
          return () => {};
        },
      }),
    );
    store.connect();
    focus({ hostId: 'h2', field: 'credentials' });
    await vi.waitFor(() => expect(store.view).not.toBeNull());
    expect(store.selectedId).toBe('h2');
    expect(store.focusRequest).toEqual({ hostId: 'h2', field: 'credentials' });
    store.focusTaken();
    expect(store.focusRequest).toBeNull();
  });

  it('offers a reload instead of overwriting unsaved edits when settings change elsewhere', async () => {
    let push: (v: SettingsView) => void = () => {};
    const store = new SettingsStore(
      fakeApi({
        onSettingsChanged: (l) => {
          push = l;
          return () => {};
        },
      }),
    );
    store.connect();
    await vi.waitFor(() => expect(store.view).not.toBeNull());
    push({ ...view, launchAtLogin: true });
    expect(store.form.launchAtLogin).toBe(true);
    store.form.showTrayCount = false;
    push({ ...view, launchAtLogin: false });
    expect(store.externalChange).toBe(true);
    expect(store.form.showTrayCount).toBe(false);
  });

  it('does not test a host with an invalid URL, and approving a fingerprint pins it on the draft', async () => {
    const { store, draft, testConnection } = await testing(UNTRUSTED);
    draft.url = 'farm-1.local';
    await store.test(draft);
    expect(testConnection).not.toHaveBeenCalled();
    expect(store.visibleError(draft, 'url')).toContain('https://');
    draft.url = 'https://farm-1.local:3080';
    await store.test(draft);
    const result = store.tests.get('h1')?.result;
    expect(result?.kind).toBe('tls-untrusted');
    store.approveFingerprint(draft, 'AB:CD');
    expect(store.form.hosts[0]?.pinnedFingerprint).toBe('AB:CD');
  });

  it('a test result belongs to the URL it tested: another URL hides it and cannot approve its certificate', async () => {
    const { store, draft } = await testing(UNTRUSTED);
    await store.test(draft);
    expect(store.testFor(draft)?.result?.kind).toBe('tls-untrusted');
    draft.url = 'https://farm-2.local:3080';
    expect(store.testFor(draft)).toBeUndefined();
    store.approveFingerprint(draft, 'AB:CD');
    expect(draft.pinnedFingerprint).toBeNull();
  });

  it('"Fix the highlighted fields first." is gone as soon as the fields are fixed', async () => {
    const store = new SettingsStore(fakeApi());
    await store.load();
    const draft = store.form.hosts[0]!;
    draft.name = '';
    await store.save();
    expect(store.saveError).toBe('Fix the highlighted fields first.');
    draft.name = 'Farm 1';
    expect(store.saveError).toBeNull();
  });

  it('removes a host and moves the selection to a neighbour', async () => {
    const store = new SettingsStore(fakeApi());
    await store.load();
    store.addHost();
    const second = store.selectedId!;
    store.removeHost(second);
    expect(store.form.hosts.map((h) => h.id)).toEqual(['h1']);
    expect(store.selectedId).toBe('h1');
  });

  it('with "Detect automatically", a test that finds an orchestrator makes Save store it', async () => {
    const found: ConnectionTestResult = {
      kind: 'ok',
      serverVersion: null,
      vmCount: 12,
      subscriptions: ['orchestrator'],
      detectedKind: 'orchestrator',
      farmHostCount: 3,
    };
    const saveSettings = vi.fn((input: SettingsInput) => fakeApi().saveSettings(input));
    const testConnection = vi.fn(() => ok(found));
    const store = new SettingsStore(fakeApi({ testConnection, saveSettings }));
    await store.load();
    const draft = store.form.hosts[0]!;
    expect(store.dirty).toBe(false);
    await store.test(draft);
    expect(draft.detected).toEqual({ kind: 'orchestrator', url: 'https://farm-1.local:3080' });
    expect(store.dirty).toBe(true);
    await store.save();
    expect(saveSettings.mock.calls[0]?.[0].hosts[0]?.kind).toBe('orchestrator');
    expect(store.form.hosts[0]?.kind).toBe('orchestrator'); // reloaded from the saved view
    expect(store.dirty).toBe(false);
  });
});
