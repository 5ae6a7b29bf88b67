// One table of what each connection status means to the user, read by the popover (which banner and headline come
// first) and by the tray icon (which hosts need the user, which do not count as disconnected), so the two cannot
// rank the same status differently.
import type { ConnectionTag } from './model';

interface TagTraits {
  /** Lower is worse: the popover shows the worst host's status first. */
  readonly severity: number;
  /** Only the user can fix it (credentials, certificate approval): the tray shows the "auth" icon. */
  readonly needsUser: boolean;
  /** Switched off or never configured: not counted as "disconnected" by the tray. */
  readonly inactive: boolean;
}

const TRAITS: Readonly<Record<ConnectionTag, TagTraits>> = {
  'auth-failed': { severity: 0, needsUser: true, inactive: false },
  'tls-untrusted': { severity: 1, needsUser: true, inactive: false },
  unconfigured: { severity: 2, needsUser: false, inactive: true },
  reconnecting: { severity: 3, needsUser: false, inactive: false },
  connecting: { severity: 4, needsUser: false, inactive: false },
  syncing: { severity: 5, needsUser: false, inactive: false },
  live: { severity: 6, needsUser: false, inactive: false },
  // Monitoring switched off only counts as the aggregate when every host is stopped.
  stopped: { severity: 7, needsUser: false, inactive: true },
};

export const severityOf = (tag: ConnectionTag): number => TRAITS[tag].severity;
export const needsUserAction = (tag: ConnectionTag): boolean => TRAITS[tag].needsUser;
export const isInactive = (tag: ConnectionTag): boolean => TRAITS[tag].inactive;
