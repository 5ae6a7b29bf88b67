import { describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../../src/shared/settings';
import {
  formFromView,
  hostErrors,
  hostInput,
  isDirty,
  kindToSave,
  newHostDraft,
  settingsInput,
} from '../../../src/renderer/src/lib/settings-draft';
import { kindHint } from '../../../src/renderer/src/lib/host-kind';
import { describeTestResult } from '../../../src/renderer/src/lib/test-result';
import { viewWithFarm1 } from './settings-fixtures';

const view = viewWithFarm1({ auth: 'api-key', username: 'key-id' });

describe('settings drafts', () => {
  it('never prefills a secret and sends none unless one is typed', () => {
    const form = formFromView(view);
    expect(form.hosts[0]?.secret).toBeUndefined();
    const input = settingsInput(form);
    expect(input.hosts[0]).not.toHaveProperty('secret');
    expect(input.hosts[0]).not.toHaveProperty('secretSet');
    expect(isDirty(form, view)).toBe(false);
  });

  it('sends a typed secret once and counts it as a change', () => {
    const form = formFromView(view);
    form.hosts[0]!.secret = 's3cret';
    expect(settingsInput(form).hosts[0]?.secret).toBe('s3cret');
    expect(isDirty(form, view)).toBe(true);
  });

  it('normalises the URL and drops a stale username for token auth on the way out', () => {
    const form = formFromView(view);
    form.hosts[0]!.url = ' https://farm-1.local:3080/ ';
    expect(isDirty(form, view)).toBe(false);
    form.hosts[0]!.auth = 'token';
    const host = settingsInput(form).hosts[0];
    expect(host?.username).toBe('');
    expect(host?.url).toBe('https://farm-1.local:3080');
  });

  it('asks for a new secret when the auth method changes', () => {
    const form = formFromView(view);
    form.hosts[0]!.auth = 'password';
    form.hosts[0]!.username = 'ci';
    expect(hostErrors(form, form.hosts[0]!).secret).toBe('Enter the password.');
  });

  it('gives new hosts unique names and requires their URL and secret', () => {
    const draft = newHostDraft('new', ['New host']);
    expect(draft.name).toBe('New host 2');
    const form = { ...formFromView(view), hosts: [...formFromView(view).hosts, draft] };
    const errors = hostErrors(form, draft);
    expect(errors.url).toBeDefined();
    expect(errors.secret).toBe('Enter the api key secret.'); // new hosts default to an API key (issue 11)
  });
});

describe('describeTestResult', () => {
  const cases: [ConnectionTestResult, string, string][] = [
    [
      { kind: 'ok', serverVersion: '1.0.5', vmCount: 3, subscriptions: ['pdfm'] },
      'ok',
      'Events Hub version 1.0.5, 3 VMs. Subscribed to pdfm.',
    ],
    [
      { kind: 'ok', serverVersion: null, vmCount: 1, subscriptions: [] },
      'ok',
      'Events Hub version unknown, 1 VM.',
    ],
    [{ kind: 'unreachable', detail: 'ECONNREFUSED' }, 'error', 'ECONNREFUSED'],
    [
      { kind: 'tls-untrusted', fingerprint: 'AA', detail: 'self-signed certificate' },
      'warn',
      'self-signed certificate. If',
    ],
    [{ kind: 'not-events-hub', detail: '404 on /api/v1/ws/subscribe' }, 'error', '404'],
    [{ kind: 'credentials-rejected', detail: 'HTTP 401' }, 'error', 'HTTP 401'],
    [{ kind: 'error', detail: 'boom' }, 'error', 'boom'],
  ];
  it.each(cases)('%j renders plainly', (result, tone, detail) => {
    const text = describeTestResult(result);
    expect(text.tone).toBe(tone);
    expect(text.detail).toContain(detail);
    expect(text.title).not.toBe('');
  });
});

describe('credentials that keep working (issue 11)', () => {
  it('a new host defaults to an API key, not a pasted token', () => {
    expect(newHostDraft('n', []).auth).toBe('api-key');
  });
  it('Test connection with a pasted token warns how long it will work', () => {
    const ok: ConnectionTestResult = {
      kind: 'ok',
      serverVersion: '1.0.5',
      vmCount: 2,
      subscriptions: ['pdfm'],
      tokenLifetime: 'This token works for about 15 min more.',
    };
    const text = describeTestResult(ok);
    expect(text.tone).toBe('warn');
    expect(text.detail).toContain('about 15 min more');
  });
});

describe('a host’s kind (farm mode)', () => {
  const FARM = { kind: 'orchestrator' as const, url: 'https://farm-1.local:3080' };

  it('a saved kind is shown as chosen; none is "Detect automatically" and is sent as none', () => {
    expect(formFromView(viewWithFarm1({ kind: 'orchestrator' })).hosts[0]?.kind).toBe('orchestrator');
    const detect = formFromView(view).hosts[0]!;
    expect(detect.kind).toBe('detect');
    expect(hostInput(detect)).not.toHaveProperty('kind');
    expect(newHostDraft('n', []).kind).toBe('detect');
  });

  it('with "Detect automatically", Save stores what Test connection found at this very URL', () => {
    const form = formFromView(view);
    const draft = form.hosts[0]!;
    draft.detected = FARM;
    expect(kindToSave(draft)).toBe('orchestrator');
    expect(hostInput(draft).kind).toBe('orchestrator');
    expect(isDirty(form, view)).toBe(true); // there is something to save: the detected kind
    draft.url = 'https://farm-2.local:3080'; // another URL: that finding is about another server
    expect(kindToSave(draft)).toBeUndefined();
    expect(isDirty(form, view)).toBe(true);
  });

  it('a chosen kind wins over a detection', () => {
    const draft = formFromView(view).hosts[0]!;
    draft.kind = 'host';
    draft.detected = FARM;
    expect(hostInput(draft).kind).toBe('host');
  });

  it('the hint says what was found and what Save does, and warns when the choice disagrees', () => {
    const url = FARM.url;
    expect(kindHint({ kind: 'detect', detected: null, url })?.text).toMatch(/finds out/);
    expect(kindHint({ kind: 'detect', detected: FARM, url })).toEqual({
      tone: 'info',
      text: 'Test connection found an orchestrator (farm): Save stores it as this host’s kind.',
    });
    expect(kindHint({ kind: 'orchestrator', detected: FARM, url })).toBeNull();
    expect(kindHint({ kind: 'orchestrator', detected: null, url })).toBeNull();
    expect(kindHint({ kind: 'host', detected: FARM, url })?.tone).toBe('warn');
    expect(kindHint({ kind: 'orchestrator', detected: { kind: 'host', url }, url })?.text).toBe(
      'Test connection found a single Mac here, not an orchestrator.',
    );
    expect(kindHint({ kind: 'host', detected: FARM, url: 'https://other:3080' })).toBeNull();
  });

  it('Test connection on an orchestrator reads "Orchestrator — 40 Macs, 1,602 VMs"', () => {
    const text = describeTestResult({
      kind: 'ok',
      serverVersion: '1.0.5',
      vmCount: 1602,
      subscriptions: ['orchestrator', 'global'],
      detectedKind: 'orchestrator',
      farmHostCount: 40,
    });
    expect(text).toEqual({
      tone: 'ok',
      title: 'Connected',
      detail:
        'Orchestrator — 40 Macs, 1,602 VMs. Events Hub version 1.0.5. Subscribed to orchestrator, global.',
    });
  });
});
