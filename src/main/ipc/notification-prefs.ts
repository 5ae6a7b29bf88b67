// Muted VMs and "pause notifications until…" survive a restart: the user muted a flapping VM on purpose and must
// not be woken by it again after a relaunch. Stored apart from settings because they change from the popover,
// many times a day, without a settings save.
import { createJsonFile } from '../persist/json-file';
import type { AppCore } from '../core/ports';
import type { Clock, TimerHandle, Timers } from '../kernel/clock';
import type { Logger } from '../kernel/logger';

export interface NotificationPrefs {
  /** Keys `${hostId}/${normalizedVmId}` as in Snapshot.mutedVms. */
  readonly mutedVms: readonly string[];
  readonly pausedUntil: number | null;
}

const EMPTY: NotificationPrefs = { mutedVms: [], pausedUntil: null };
const MAX_MUTED = 10_000;

/** Lenient reader: keeps every well-formed entry, drops the rest. */
export function parseNotificationPrefs(value: unknown): NotificationPrefs | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const muted = Array.isArray(record['mutedVms']) ? record['mutedVms'] : [];
  const mutedVms = muted
    .filter((key): key is string => typeof key === 'string' && key.length <= 256 && key.indexOf('/') > 0)
    .slice(0, MAX_MUTED);
  const paused = record['pausedUntil'];
  const pausedUntil = typeof paused === 'number' && Number.isFinite(paused) ? paused : null;
  return { mutedVms, pausedUntil };
}

export interface NotificationPrefsRepository {
  load(): Promise<NotificationPrefs>;
  save(prefs: NotificationPrefs): Promise<void>;
}

export function createFileNotificationPrefsRepository(
  filePath: string,
  logger: Logger,
): NotificationPrefsRepository {
  const file = createJsonFile(filePath, 'notification preferences', logger);
  return {
    async load() {
      const read = await file.read();
      if (read.kind !== 'ok') return EMPTY;
      const prefs = parseNotificationPrefs(read.value);
      if (prefs) return prefs;
      await file.setAside('unexpected structure');
      return EMPTY;
    },
    save: (prefs) => file.write(prefs),
  };
}

function samePrefs(a: NotificationPrefs, b: NotificationPrefs): boolean {
  return (
    a.pausedUntil === b.pausedUntil &&
    a.mutedVms.length === b.mutedVms.length &&
    a.mutedVms.every((key, i) => key === b.mutedVms[i])
  );
}

function current(core: AppCore): NotificationPrefs {
  const snapshot = core.snapshot();
  return { mutedVms: [...snapshot.mutedVms].sort(), pausedUntil: snapshot.notificationsPausedUntil };
}

/** Checks for a mute/pause change at most this often: a snapshot per core change would cost too much. */
export const PREFS_CHECK_DELAY_MS = 1_000;

/**
 * Applies the stored preferences to the core, then saves them whenever the core's mutes or pause change.
 * Returns the function that stops watching.
 */
export async function persistNotificationPrefs(o: {
  core: AppCore;
  repo: NotificationPrefsRepository;
  clock: Clock;
  timers: Timers;
  logger: Logger;
}): Promise<() => void> {
  const { core, repo, clock, timers, logger } = o;
  const stored = await repo.load();
  for (const key of stored.mutedVms) {
    const slash = key.indexOf('/');
    core.setVmMuted(key.slice(0, slash), key.slice(slash + 1), true);
  }
  // An expired pause is not worth restoring.
  if (stored.pausedUntil !== null && stored.pausedUntil > clock.now())
    core.pauseNotifications(stored.pausedUntil);
  let saved = current(core);
  let pending: TimerHandle | null = null;

  function check(): void {
    pending = null;
    const next = current(core);
    if (samePrefs(next, saved)) return;
    saved = next;
    repo.save(next).catch((error: unknown) => {
      logger.error('notification preferences could not be saved', { error: String(error) });
    });
  }

  const off = core.onChange(() => {
    pending ??= timers.setTimeout(check, PREFS_CHECK_DELAY_MS);
  });
  return () => {
    off();
    if (pending !== null) timers.clearTimeout(pending);
    check();
  };
}
