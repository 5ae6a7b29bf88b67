import { describe, expect, it, vi } from 'vitest';
import { createInvokeHandlers, connectSettingsToCore } from '../../../src/main/ipc/handlers';
import { pauseUntil } from '../../../src/main/ipc/pause';
import {
  createMemorySecretStore,
  createMemorySettingsPersistence,
  createSettingsService,
} from '../../../src/main/ipc/settings-service';
import { INVOKE_CHANNELS } from '../../../src/shared/ipc';
import { FIRST_SCREEN_ROWS, firstScreenOf } from '../../../src/shared/first-screen';
import { DEFAULT_NOTIFICATION_RULES, type HostInput } from '../../../src/shared/settings';
import { createFakeCore, EMPTY_SNAPSHOT } from './fakes';
import { settingsWith, storedHost } from '../../support/settings-fixtures';

const NOW = Date.UTC(2026, 10, 27, 15, 30);
const host: HostInput = storedHost;

async function setup() {
  const core = createFakeCore();
  const secrets = createMemorySecretStore();
  await secrets.set('h-1', 'stored-secret');
  const store = createMemorySettingsPersistence(settingsWith(host));
  const settings = await createSettingsService({ store, secrets });
  const windows = {
    hidePopover: vi.fn(),
    openSettings: vi.fn(),
    setSettingsUnsaved: vi.fn(),
    quit: vi.fn(),
    resyncPopoverState: vi.fn(),
  };
  const handlers = createInvokeHandlers({ core, settings, windows, clock: { now: () => NOW } });
  return { core, settings, store, secrets, windows, handlers };
}

/** Inputs no channel accepts. */
const HOSTILE: unknown[] = [
  null,
  42,
  'x'.repeat(100_000),
  [],
  { __proto__: { hostId: 'h-1' } },
  { hostId: 'h-1', vmId: 'v', action: 'start', muted: true, for: 'one-hour', extra: true },
  new Map(),
];

describe('invoke handlers', () => {
  it('has a handler for every channel', async () => {
    const { handlers } = await setup();
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it.each(INVOKE_CHANNELS)(
    '%s: bad arguments give {ok:false}, change nothing and never throw',
    async (channel) => {
      const { core, handlers, windows, store } = await setup();
      for (const bad of HOSTILE) {
        const result = await handlers[channel](bad);
        expect(result.ok, `${channel} accepted ${String(bad).slice(0, 40)}`).toBe(false);
        if (!result.ok) expect(result.error).toMatch(/^Invalid request: /);
      }
      expect(core.calls).toEqual([]);
      expect(windows.hidePopover).not.toHaveBeenCalled();
      expect(windows.openSettings).not.toHaveBeenCalled();
      expect(store.load().settings.hosts).toEqual([host]);
    },
  );

  it('happy paths reach the core and the windows', async () => {
    const { core, handlers, windows } = await setup();
    expect(await handlers['vm:snapshot'](undefined)).toEqual({ ok: true, value: EMPTY_SNAPSHOT });
    expect(await handlers['vm:action']({ hostId: 'h-1', vmId: 'v1', action: 'stop', force: true })).toEqual({
      ok: true,
      value: { message: 'stop ok' },
    });
    await handlers['vm:mute']({ hostId: 'h-1', vmId: 'v1', muted: true });
    await handlers['hub:reconnect']({ hostId: null });
    await handlers['notifications:pause']({ for: 'one-hour' });
    await handlers['popover:hide'](undefined);
    await handlers['settings:open'](undefined);
    expect(core.calls).toEqual([
      { method: 'runAction', args: ['h-1', 'v1', 'stop', true] },
      { method: 'setVmMuted', args: ['h-1', 'v1', true] },
      { method: 'reconnect', args: [null] },
      { method: 'pauseNotifications', args: [NOW + 3_600_000] },
    ]);
    expect(windows.hidePopover).toHaveBeenCalledOnce();
    expect(windows.openSettings).toHaveBeenCalledOnce();
  });

  it('vm:snapshot: { firstScreen: true } gets the first screen (issue 15), anything else like it is refused', async () => {
    const { handlers, core } = await setup();
    const vms = Array.from({ length: FIRST_SCREEN_ROWS + 10 }, (_, i) => ({
      hostId: 'h-1',
      id: `v${i}`,
      name: `vm-${i}`,
      state: i === 0 ? 'stopped' : 'running',
      os: 'macosx',
      stateSince: 0,
      changedWhileOffline: false,
    }));
    const whole = { ...EMPTY_SNAPSHOT, vms };
    core.snapshot = () => whole;
    const cut = firstScreenOf(whole);
    expect(await handlers['vm:snapshot']({ firstScreen: true })).toEqual({
      ok: true,
      value: { ...cut, firstScreen: { ...cut.firstScreen, rest: { id: 1, slices: 1, total: vms.length } } },
    });
    const first = await handlers['vm:snapshot']({ firstScreen: true });
    // The stopped VM (it needs a look) and the first running ones, FIRST_SCREEN_ROWS rows in all; the rest counted.
    expect(first.ok && first.value.vms.length).toBe(FIRST_SCREEN_ROWS);
    expect(first.ok && first.value.firstScreen?.omitted).toEqual([
      { hostId: 'h-1', state: 'running', count: 10 },
    ]);
    expect(await handlers['vm:snapshot'](undefined)).toEqual({ ok: true, value: whole });
    for (const bad of [
      { firstScreen: false },
      { firstScreen: 'yes' },
      { firstScreen: true, rows: 4000 },
      {},
    ]) {
      const result = await handlers['vm:snapshot'](bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('vm:snapshot: a farm of 100 Macs × 40 VMs gets about one screen first, the farm kept for the slices', async () => {
    const { handlers, core } = await setup();
    const farmHosts = Array.from({ length: 100 }, (_, g) => ({
      id: `mac-${g}`,
      name: `mac-${String(g).padStart(3, '0')}`,
      url: '',
      state: 'live' as const,
    }));
    const vms = farmHosts.flatMap((fh, g) =>
      Array.from({ length: 40 }, (_, i) => ({
        hostId: 'orch',
        farmHostId: fh.id,
        id: `v${g}-${i}`,
        name: `ci-${String(g).padStart(3, '0')}-${String(i).padStart(2, '0')}`,
        state: i % 10 === 0 ? 'stopped' : 'running',
        os: 'macosx',
        stateSince: null,
        changedWhileOffline: false,
      })),
    );
    const orchestrator = {
      id: 'orch',
      kind: 'orchestrator' as const,
      farmHosts,
      name: 'Farm',
      url: 'https://orch',
      status: { tag: 'live' as const, since: 0 },
    };
    core.snapshot = () => ({ ...EMPTY_SNAPSHOT, hosts: [orchestrator], vms });
    const first = await handlers['vm:snapshot']({ firstScreen: true });
    if (!first.ok) throw new Error(first.error);
    expect(first.value.vms.length).toBeLessThanOrEqual(FIRST_SCREEN_ROWS);
    // 1,000 VMs a slice (shared/snapshot-slices.ts).
    expect(first.value.firstScreen?.rest).toEqual({ id: 1, slices: 4, total: 4_000 });
    const omitted = first.value.firstScreen?.omitted ?? [];
    expect(omitted.reduce((n, o) => n + o.count, 0)).toBe(4_000 - first.value.vms.length);
    // Counted per Mac and state: a Mac the first screen does not reach still has its 36 running, 4 stopped.
    expect(omitted.filter((o) => o.farmHostId === 'mac-99')).toEqual([
      { hostId: 'orch', farmHostId: 'mac-99', state: 'stopped', count: 4 },
      { hostId: 'orch', farmHostId: 'mac-99', state: 'running', count: 36 },
    ]);
  });

  it('vm:snapshot-slice: the slices of the snapshot a first screen was cut from, whatever changed since', async () => {
    const { handlers, core } = await setup();
    const vms = Array.from({ length: 2_500 }, (_, i) => ({
      hostId: 'h-1',
      id: `v${i}`,
      name: `vm-${String(i).padStart(4, '0')}`,
      state: 'running',
      os: 'macosx',
      stateSince: 0,
      changedWhileOffline: false,
    }));
    const whole = { ...EMPTY_SNAPSHOT, vms };
    core.snapshot = () => whole;
    const first = await handlers['vm:snapshot']({ firstScreen: true });
    const rest = first.ok ? first.value.firstScreen?.rest : undefined;
    expect(rest).toEqual({ id: 1, slices: 3, total: 2_500 });
    // The farm changes between the pulls: the slices still add up to the snapshot of the first screen.
    core.snapshot = () => ({ ...EMPTY_SNAPSHOT, vms: vms.slice(1) });
    const slices = [];
    for (let index = 0; index < 3; index++) {
      const slice = await handlers['vm:snapshot-slice']({ id: 1, index });
      expect(slice.ok, `slice ${index}`).toBe(true);
      if (slice.ok) slices.push(slice.value);
    }
    expect(slices.map((s) => [s.id, s.index, s.vms.length])).toEqual([
      [1, 0, 1_000],
      [1, 1, 1_000],
      [1, 2, 500],
    ]);
    expect(slices.flatMap((s) => s.vms)).toEqual(vms);
    // Once the last slice is served, main keeps nothing: a repeat is refused, as is an older id after a new pin.
    expect(await handlers['vm:snapshot-slice']({ id: 1, index: 0 })).toEqual({
      ok: false,
      error: 'that snapshot is no longer kept (a newer first screen replaced it)',
    });
    core.snapshot = () => whole;
    await handlers['vm:snapshot']({ firstScreen: true });
    await handlers['vm:snapshot']({ firstScreen: true });
    expect((await handlers['vm:snapshot-slice']({ id: 2, index: 0 })).ok).toBe(false);
    expect((await handlers['vm:snapshot-slice']({ id: 3, index: 3 })).ok).toBe(false);
    expect((await handlers['vm:snapshot-slice']({ id: 3, index: 2 })).ok).toBe(true);
  });

  it('vm:snapshot-slice refuses a malformed request before main looks anything up', async () => {
    const { handlers } = await setup();
    for (const bad of [
      undefined,
      null,
      {},
      { id: 1 },
      { index: 0 },
      { id: 0, index: 0 },
      { id: 1.5, index: 0 },
      { id: 1, index: -1 },
      { id: 1, index: 1_000 },
      { id: '1', index: 0 },
      { id: 1, index: 0, extra: true },
      [1, 0],
    ]) {
      const result = await handlers['vm:snapshot-slice'](bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      expect(!result.ok && result.error, JSON.stringify(bad)).toMatch(/^Invalid request: /);
    }
  });

  it('turns a failing core call into {ok:false} with its message', async () => {
    const { handlers, core } = await setup();
    core.runAction = async () => {
      throw new Error('VM is locked by another operation');
    };
    expect(await handlers['vm:action']({ hostId: 'h-1', vmId: 'v', action: 'start' })).toEqual({
      ok: false,
      error: 'VM is locked by another operation',
    });
    core.snapshot = () => {
      throw 'boom';
    };
    expect(await handlers['vm:snapshot'](undefined)).toEqual({ ok: false, error: 'boom' });
  });

  it('settings get/save never return a secret', async () => {
    const { handlers } = await setup();
    const got = await handlers['settings:get'](undefined);
    expect(got.ok && got.value.hosts[0]?.secretSet).toBe(true);
    const saved = await handlers['settings:save']({
      hosts: [{ ...host, secret: 'brand-new-secret' }],
      notifications: DEFAULT_NOTIFICATION_RULES,
      showTrayCount: false,
      launchAtLogin: false,
    });
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('brand-new-secret');
    expect(JSON.stringify(got)).not.toContain('stored-secret');
  });

  it('test-connection uses the typed secret, else the stored one, and never returns it', async () => {
    const { handlers, core } = await setup();
    const typed = await handlers['hub:test-connection']({ ...host, secret: 'typed' });
    await handlers['hub:test-connection'](host);
    await handlers['hub:test-connection']({ ...host, id: '' });
    expect(typed.ok).toBe(true);
    expect(JSON.stringify(typed)).not.toContain('typed');
    expect(core.calls.map((c) => c.args[1])).toEqual(['typed', 'stored-secret', null]);
    expect(core.calls.every((c) => !('secret' in (c.args[0] as object)))).toBe(true);
  });

  it('connectSettingsToCore configures now and after each save', async () => {
    const { core, settings, handlers } = await setup();
    const off = connectSettingsToCore(settings, core);
    await handlers['settings:save']({
      hosts: [],
      notifications: DEFAULT_NOTIFICATION_RULES,
      showTrayCount: true,
      launchAtLogin: false,
    });
    off();
    expect(core.calls.filter((c) => c.method === 'configure')).toHaveLength(2);
  });
});

describe('pauseUntil', () => {
  it('one hour, resume, and tomorrow at 08:00 local time', () => {
    expect(pauseUntil('one-hour', NOW)).toBe(NOW + 3_600_000);
    expect(pauseUntil('resume', NOW)).toBeNull();
    const until = new Date(pauseUntil('until-tomorrow', NOW) ?? 0);
    const now = new Date(NOW);
    expect(until.getHours()).toBe(8);
    expect(until.getMinutes()).toBe(0);
    expect(until.getTime()).toBeGreaterThan(NOW);
    expect(until.getTime() - NOW).toBeLessThanOrEqual(32 * 3_600_000);
    expect(until.getDate()).not.toBe(now.getDate());
  });
  it('crosses a month end', () => {
    const until = new Date(pauseUntil('until-tomorrow', new Date(2026, 0, 31, 23, 59).getTime()) ?? 0);
    expect([until.getMonth(), until.getDate(), until.getHours()]).toEqual([1, 1, 8]);
  });
});
