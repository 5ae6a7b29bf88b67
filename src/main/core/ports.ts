// Effects the Electron-free core needs, injected so tests can use fakes (fake clock, in-memory repos)
// and the Electron shell / web preview can supply real ones.
import type { HostId, HubEvent, Snapshot, VmAction } from '../../shared/model';
import type { AppSettings, ConnectionTestResult, HostInput } from '../../shared/settings';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A menu-bar app's timers must never keep a test process (or the preview server) alive on their own.
    if (typeof handle === 'object' && 'unref' in handle) handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** One logger; implementations redact secrets (see hub/redact.ts). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Persistence of the bounded event log. Writes must be atomic (write temp + rename). */
export interface EventLogRepository {
  /** Returns [] when nothing is stored; a corrupt store is set aside and reported through the logger. */
  load(): Promise<readonly HubEvent[]>;
  save(events: readonly HubEvent[]): Promise<void>;
}

/** What the notify policy decided to show. The shell turns it into a native notification. */
export interface NotificationIntent {
  /** Stable id of the transition (dedupe key), e.g. `${hostId}/${vmId}/stopped/${eventId}`. */
  readonly id: string;
  readonly hostId: HostId;
  /** Absent for summaries and host-level notifications. */
  readonly vmId?: string;
  readonly title: string;
  readonly body: string;
  readonly offline: boolean;
  /** Every VM transition this notification tells about (one for a single, all of them for a summary). */
  readonly covers: readonly { readonly hostId: HostId; readonly vmId: string }[];
}

export interface NotificationSink {
  show(intent: NotificationIntent): void;
}

/** Where the core gets a host's secret (token, API key secret or password); the Keychain in the app. */
export interface SecretSource {
  getSecret(hostId: HostId): Promise<string | null>;
}

export type Unsubscribe = () => void;

/** The application core: every configured host's monitor, the event log, the notify policy. */
export interface AppCore {
  /** Apply settings: start, restart or stop host monitors; update notification rules. */
  configure(settings: AppSettings): void;
  snapshot(): Snapshot;
  /** Called (synchronously, possibly many times per tick) whenever the snapshot changed; callers coalesce. */
  onChange(listener: () => void): Unsubscribe;
  runAction(hostId: HostId, vmId: string, action: VmAction, force?: boolean): Promise<{ message: string }>;
  setVmMuted(hostId: HostId, vmId: string, muted: boolean): void;
  /** Pause all notifications until the given epoch ms; null resumes them. */
  pauseNotifications(until: number | null): void;
  /** Reconnect now (skipping the backoff wait) and resync; null = every host. */
  reconnect(hostId: HostId | null): void;
  /** Re-fetch every host's list now (system wake, network change). */
  reconcileAll(reason: string): void;
  testConnection(host: HostInput, secret: string | null): Promise<ConnectionTestResult>;
  stop(): Promise<void>;
}
