// Every invoke channel fed wrong types, extra fields, huge payloads and prototype tricks: each call resolves to
// { ok:false, error } (never throws), the core is never called, settings and secrets are unchanged.
// The foreign-sender half lives in ipc-sender.test.ts (bridge session check and the shell's sender check).
import { describe, expect, it } from 'vitest';
import { createInvokeHandlers } from '../../src/main/ipc/handlers';
import {
  createMemorySecretStore,
  createMemorySettingsPersistence,
  createSettingsService,
} from '../../src/main/ipc/settings-service';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../src/shared/ipc';
import { hostConfig } from '../support/host-config';
import { createRecordingCore } from './support/fake-core';

const HUGE = 'x'.repeat(10 * 1024 * 1024);
const host = hostConfig({ id: 'farm-1' });
const rules = { ...DEFAULT_SETTINGS.notifications };

/** A valid argument per channel, the base that the mutations below break one way at a time. */
const VALID: Record<InvokeChannel, unknown> = {
  'vm:snapshot': undefined,
  'vm:snapshot-slice': { id: 1, index: 0 },
  'state:resync': undefined,
  'vm:action': { hostId: 'farm-1', vmId: 'abc-1', action: 'stop' },
  'vm:mute': { hostId: 'farm-1', vmId: 'abc-1', muted: true },
  'hub:reconnect': { hostId: null },
  'notifications:pause': { for: 'one-hour' },
  'popover:hide': undefined,
  'app:quit': undefined,
  'settings:open': undefined,
  'settings:get': undefined,
  'settings:save': { hosts: [host], notifications: rules, showTrayCount: true, launchAtLogin: false },
  'hub:test-connection': { ...host, secret: 'x' },
  'settings:unsaved': { unsaved: true },
};

function hostileVariants(valid: unknown): unknown[] {
  const generic: unknown[] = [
    null,
    0,
    1,
    -1,
    NaN,
    '',
    'stop',
    HUGE,
    true,
    [],
    [valid],
    Symbol.iterator.toString(),
    new Date(0),
    new Map(),
    new Uint8Array(1024 * 1024),
    JSON.parse('{"__proto__":{"polluted":1}}'),
    Object.create({ injected: true }),
  ];
  if (valid === undefined) return [...generic, {}, { extra: 1 }];
  const out = [...generic, undefined];
  if (typeof valid === 'object' && valid !== null && !Array.isArray(valid)) {
    const base = valid as Record<string, unknown>;
    out.push({ ...base, extra: true });
    out.push(JSON.parse(`{"__proto__":{"polluted":1},${JSON.stringify(base).slice(1)}`));
    out.push({ ...base, constructor: { prototype: { polluted: 1 } } });
    for (const key of Object.keys(base)) {
      for (const wrong of [null, 42, HUGE, [], {}, true, '../../etc/passwd', 'a\u0000b', -0, Infinity]) {
        if (JSON.stringify(wrong) === JSON.stringify(base[key])) continue;
        if (typeof base[key] === 'boolean' && typeof wrong === 'boolean') continue; // flipping a flag is a valid call
        if (key === 'hosts' && Array.isArray(wrong)) continue;
        // Free-text fields (display names, user names, secrets) legitimately hold any short string.
        if (typeof wrong === 'string' && wrong !== HUGE && ['name', 'username', 'secret'].includes(key))
          continue; // an empty host list is a legitimate save
        if (key === 'hostId' && wrong === null && 'for' in base) continue;
        out.push({ ...base, [key]: wrong });
      }
      const without = { ...base };
      delete without[key];
      if (key !== 'force' && key !== 'secret') out.push(without); // optional fields may be absent
    }
    if ('hosts' in base) {
      out.push({ ...base, hosts: Array.from({ length: 100_000 }, () => host) });
      out.push({ ...base, hosts: [{ ...host, url: 'http://user:pw@127.0.0.1:3080' }] });
      out.push({ ...base, hosts: [{ ...host, url: 'http://127.0.0.1:3080/?access_token=eyJ' }] });
      out.push({ ...base, hosts: [{ ...host, url: 'javascript:alert(1)' }] });
      out.push({ ...base, hosts: [{ ...host, secret: HUGE }] });
      out.push({ ...base, hosts: [host, host] });
    }
    if ('action' in base)
      out.push(
        { ...base, action: 'start', force: true },
        { ...base, action: 'rm -rf' },
        { ...base, vmId: '../x' },
      );
  }
  return out;
}

describe('IPC invoke handlers under hostile input', () => {
  it('rejects every malformed call on every channel with an error result and changes nothing', async () => {
    const core = createRecordingCore();
    const secrets = createMemorySecretStore();
    await secrets.set('farm-1', 'keep-me-secret');
    const settings = await createSettingsService({
      store: createMemorySettingsPersistence({ ...DEFAULT_SETTINGS, hosts: [host] }),
      secrets,
    });
    const windowCalls: string[] = [];
    const handlers = createInvokeHandlers({
      core,
      settings,
      clock: { now: () => 1_000_000 },
      windows: {
        hidePopover: () => void windowCalls.push('hide'),
        openSettings: () => void windowCalls.push('open'),
        setSettingsUnsaved: () => void windowCalls.push('unsaved'),
        resyncPopoverState: () => void windowCalls.push('resync'),
        quit: () => void windowCalls.push('quit'),
      },
    });
    const viewBefore = JSON.stringify(settings.view());
    let calls = 0;
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).join();
    for (const channel of INVOKE_CHANNELS) {
      for (const arg of hostileVariants(VALID[channel])) {
        let result: unknown;
        try {
          result = await handlers[channel](arg);
        } catch (error) {
          throw new Error(`${channel} threw for ${describe_(arg)}: ${String(error)}`);
        }
        calls++;
        expect(result, `${channel} with ${describe_(arg)}`).toMatchObject({ ok: false });
        const error = (result as { error: unknown }).error;
        expect(typeof error).toBe('string');
        expect((error as string).length).toBeLessThanOrEqual(500);
        expect(error as string).not.toContain('keep-me-secret');
      }
    }
    expect(core.calls).toEqual([]);
    expect(windowCalls).toEqual([]);
    expect(JSON.stringify(settings.view())).toBe(viewBefore);
    expect(await secrets.get('farm-1')).toBe('keep-me-secret');
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(protoBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    console.log(
      `[ipc-hostile] channels=${INVOKE_CHANNELS.length} hostile calls=${calls} all rejected, core calls=0`,
    );
  });

  it('accepts the valid base argument of each channel (the hostile cases above fail for the right reason)', async () => {
    const core = createRecordingCore();
    const settings = await createSettingsService({
      store: createMemorySettingsPersistence(),
      secrets: createMemorySecretStore(),
    });
    const handlers = createInvokeHandlers({
      core,
      settings,
      clock: { now: () => 0 },
      windows: {
        hidePopover: () => undefined,
        openSettings: () => undefined,
        quit: () => undefined,
        setSettingsUnsaved: () => undefined,
        resyncPopoverState: () => undefined,
      },
    });
    for (const channel of INVOKE_CHANNELS) {
      const result = await handlers[channel](VALID[channel]);
      // A slice exists only after a partial first screen (none of an empty farm): the valid request passes
      // validation and main answers that no such snapshot is kept, not that the request is malformed.
      if (channel === 'vm:snapshot-slice')
        expect(result, channel).toEqual({
          ok: false,
          error: 'that snapshot is no longer kept (a newer first screen replaced it)',
        });
      else expect(result, channel).toMatchObject({ ok: true });
    }
  });
});

function describe_(arg: unknown): string {
  try {
    const text = typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg));
    return text.length > 300 ? `${text.slice(0, 150)}…${text.slice(-150)}` : text;
  } catch {
    return Object.prototype.toString.call(arg);
  }
}
