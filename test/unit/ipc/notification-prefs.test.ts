import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createFileNotificationPrefsRepository,
  parseNotificationPrefs,
  persistNotificationPrefs,
  PREFS_CHECK_DELAY_MS,
  type NotificationPrefs,
  type NotificationPrefsRepository,
} from '../../../src/main/ipc/notification-prefs';
import { silentLogger } from '../../support/silent-logger';
import type { AppCore } from '../../../src/main/core/ports';
import { vmKey, type Snapshot } from '../../../src/shared/model';
import { FakeTime } from '../../support/fake-time';

/** Just enough of an AppCore: mutes and pause, with change notifications like the real one. */
function fakeCore(): AppCore & { changes: number } {
  const muted = new Set<string>();
  let pausedUntil: number | null = null;
  const listeners = new Set<() => void>();
  const emit = (): void => listeners.forEach((l) => l());
  const core = {
    changes: 0,
    snapshot: (): Snapshot => ({
      hosts: [],
      vms: [],
      events: [],
      pending: [],
      mutedVms: [...muted],
      notificationsPausedUntil: pausedUntil,
      generatedAt: 0,
    }),
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setVmMuted(hostId: string, vmId: string, on: boolean) {
      if (on) muted.add(vmKey(hostId, vmId));
      else muted.delete(vmKey(hostId, vmId));
      emit();
    },
    pauseNotifications(until: number | null) {
      pausedUntil = until;
      emit();
    },
  };
  return core as unknown as AppCore & { changes: number };
}

function memoryRepo(initial: NotificationPrefs = { mutedVms: [], pausedUntil: null }) {
  const saves: NotificationPrefs[] = [];
  const repo: NotificationPrefsRepository = {
    load: () => Promise.resolve(initial),
    save: (prefs) => {
      saves.push(prefs);
      return Promise.resolve();
    },
  };
  return { repo, saves };
}

describe('notification preferences', () => {
  it('restores mutes and a pause that has not expired, then saves changes once per check window', async () => {
    const time = new FakeTime();
    const core = fakeCore();
    const { repo, saves } = memoryRepo({
      mutedVms: ['farm-1/{ABC-1}', 'farm-2/def'],
      pausedUntil: time.now() + 60_000,
    });
    await persistNotificationPrefs({ core, repo, clock: time, timers: time, logger: silentLogger });
    expect([...core.snapshot().mutedVms].sort()).toEqual(['farm-1/abc-1', 'farm-2/def']);
    expect(core.snapshot().notificationsPausedUntil).toBe(time.now() + 60_000);

    core.setVmMuted('farm-1', 'x-9', true);
    core.setVmMuted('farm-1', 'abc-1', false);
    core.setVmMuted('farm-1', 'x-9', true);
    expect(saves).toHaveLength(0);
    time.advance(PREFS_CHECK_DELAY_MS);
    expect(saves).toEqual([
      { mutedVms: ['farm-1/x-9', 'farm-2/def'], pausedUntil: time.now() + 60_000 - PREFS_CHECK_DELAY_MS },
    ]);
    time.advance(PREFS_CHECK_DELAY_MS * 5);
    expect(saves).toHaveLength(1);
  });

  it('does not restore a pause that ended while the app was closed', async () => {
    const time = new FakeTime();
    const core = fakeCore();
    const { repo } = memoryRepo({ mutedVms: [], pausedUntil: time.now() - 1 });
    await persistNotificationPrefs({ core, repo, clock: time, timers: time, logger: silentLogger });
    expect(core.snapshot().notificationsPausedUntil).toBeNull();
  });

  it('keeps well-formed entries of a damaged document and rejects non-objects', () => {
    expect(parseNotificationPrefs({ mutedVms: ['a/b', 7, 'no-slash', '/x'], pausedUntil: 'soon' })).toEqual({
      mutedVms: ['a/b'],
      pausedUntil: null,
    });
    expect(parseNotificationPrefs([1, 2])).toBeNull();
    expect(parseNotificationPrefs(null)).toBeNull();
  });

  it('survives a restart on disk, and a corrupt file is set aside instead of crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubwatch-prefs-'));
    const file = join(dir, 'notification-prefs.json');
    const repo = createFileNotificationPrefsRepository(file, silentLogger);
    await repo.save({ mutedVms: ['farm-1/abc'], pausedUntil: null });
    expect(await createFileNotificationPrefsRepository(file, silentLogger).load()).toEqual({
      mutedVms: ['farm-1/abc'],
      pausedUntil: null,
    });

    writeFileSync(file, '{"mutedVms": ["farm-1/ab');
    expect(await repo.load()).toEqual({ mutedVms: [], pausedUntil: null });
    const names = readdirSync(dir);
    expect(names.some((n) => n.startsWith('notification-prefs.json.corrupt-'))).toBe(true);
    const aside = names.find((n) => n.includes('.corrupt-'));
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('{"mutedVms": ["farm-1/ab');
  });
});
