// Settings as the user edits them. Secrets never appear here: the renderer only learns whether one is set.
import type { HostId, HostKind, NotificationHealth } from './model';

export type AuthMethod = 'token' | 'api-key' | 'password';

/** What the user calls the credential of each method, for "farm-1 rejected the password". */
export function credentialNoun(auth: AuthMethod | undefined): string {
  switch (auth) {
    case 'token':
      return 'token';
    case 'api-key':
      return 'API key';
    case 'password':
      return 'password';
    default:
      return 'credentials';
  }
}

/** Non-secret part of a host's configuration (stored in electron-store). */
export interface HostConfig {
  readonly id: HostId;
  readonly name: string;
  /** http(s)://host:port, optionally with an API prefix path; never contains credentials. */
  readonly url: string;
  readonly auth: AuthMethod;
  /** The API key id (for 'api-key') or the user name / email (for 'password'); not secret. */
  readonly username: string;
  /** SHA-256 fingerprint (hex, colon-separated, upper-case) of a certificate the user approved, or null. */
  readonly pinnedFingerprint: string | null;
  readonly enabled: boolean;
  /**
   * A single Mac (`host`) or an orchestrator relaying a farm. Absent = not known yet: detected when connecting
   * (an orchestrator answers `GET /orchestrator/hosts`, any other server 404s, orchestrator-protocol.md §1.3), and
   * Test connection stores what it found.
   */
  readonly kind?: HostKind;
}

/**
 * Exactly the HostConfig fields of a host-shaped value (a view with `secretSet`, an input with `secret`): what may be
 * stored or shown, and nothing that rode along. `kind` only when known, so "detect" stays an absent field.
 */
export function hostConfigOf(host: HostConfig): HostConfig {
  const config: HostConfig = {
    id: host.id,
    name: host.name,
    url: host.url,
    auth: host.auth,
    username: host.username,
    pinnedFingerprint: host.pinnedFingerprint,
    enabled: host.enabled,
  };
  return host.kind === undefined ? config : { ...config, kind: host.kind };
}

/** Which transitions raise a native notification. Stops are on by default: the user must never miss one. */
export interface NotificationRules {
  readonly enabled: boolean;
  readonly onStopped: boolean;
  readonly onSuspended: boolean;
  readonly onPaused: boolean;
  readonly onAdded: boolean;
  readonly onRemoved: boolean;
  /** Notify when a host stays disconnected longer than this many seconds; null = never. */
  readonly connectionLostAfterSeconds: number | null;
}

export interface AppSettings {
  readonly hosts: readonly HostConfig[];
  readonly notifications: NotificationRules;
  readonly showTrayCount: boolean;
  readonly launchAtLogin: boolean;
}

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  enabled: true,
  onStopped: true,
  onSuspended: false,
  onPaused: false,
  onAdded: false,
  onRemoved: false,
  connectionLostAfterSeconds: 120,
};

export const DEFAULT_SETTINGS: AppSettings = {
  hosts: [],
  notifications: DEFAULT_NOTIFICATION_RULES,
  showTrayCount: true,
  launchAtLogin: false,
};

/** What the settings page sees for a host: the config plus write-only secret status. */
export interface HostView extends HostConfig {
  readonly secretSet: boolean;
}

export interface SettingsView {
  readonly hosts: readonly HostView[];
  readonly notifications: NotificationRules;
  readonly showTrayCount: boolean;
  readonly launchAtLogin: boolean;
  /** Set once when the settings file was corrupt and replaced by defaults, so the user is told. */
  readonly recoveredFromCorruptFile: boolean;
  /** Added by the shell: whether macOS delivers Hubwatch's notifications (see NotificationHealth). */
  readonly notificationHealth?: NotificationHealth;
}

/** A host as submitted by the settings page. `secret` is write-only: undefined keeps the stored one. */
export interface HostInput extends HostConfig {
  readonly secret?: string;
}

export interface SettingsInput {
  readonly hosts: readonly HostInput[];
  readonly notifications: NotificationRules;
  readonly showTrayCount: boolean;
  readonly launchAtLogin: boolean;
}

/** The single, clear outcome of "Test connection". */
export type ConnectionTestResult =
  | {
      readonly kind: 'ok';
      readonly serverVersion: string | null;
      readonly vmCount: number;
      readonly subscriptions: readonly string[];
      /** What answered: a single host, or an orchestrator (then `vmCount` is the farm's and `farmHostCount` is set). */
      readonly detectedKind?: HostKind;
      readonly farmHostCount?: number;
      /** For a pasted JWT: how long it will work and why an API key is better (from its exp, shared/jwt.ts). */
      readonly tokenLifetime?: string;
    }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'tls-untrusted'; readonly fingerprint: string; readonly detail: string }
  | { readonly kind: 'not-events-hub'; readonly detail: string }
  | { readonly kind: 'credentials-rejected'; readonly detail: string }
  | { readonly kind: 'error'; readonly detail: string };
