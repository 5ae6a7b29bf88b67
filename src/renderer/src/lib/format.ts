// Pure text/visual mappings for the popover. No DOM, no clock: callers pass `now`, so tests pin time exactly.
import type { VmState } from '../../../shared/model';
import { stateTone, type StateTone } from '../../../shared/state-tone';

export type { StateTone } from '../../../shared/state-tone';

export interface StateBadge {
  readonly label: string;
  readonly tone: StateTone;
}

/**
 * Known states get a capitalised label; anything else is shown as it arrived (lower-cased by the parsers, as prlctl
 * writes its states anyway), because the server passes prlctl's strings through and a user must be able to search
 * for what they see. The tone is shared/state-tone.ts's, the one the attention order uses.
 */
export function stateBadge(state: VmState): StateBadge {
  const tone = stateTone(state);
  if (tone !== 'other') return { label: capitalise(state), tone };
  return { label: state === '' ? '(no state)' : state, tone };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type OsKind = 'apple' | 'linux' | 'windows' | 'generic';

const LINUX_HINTS = [
  'linux',
  'ubuntu',
  'debian',
  'fedora',
  'centos',
  'rhel',
  'redhat',
  'suse',
  'arch',
  'alpine',
  'kali',
  'mint',
  'rocky',
  'alma',
  'oracle',
  'gentoo',
  'manjaro',
  'elementary',
];

/** Maps the server's free-form `OS` (only `macosx` is confirmed) to one of four glyphs. */
export function osKind(os: string): OsKind {
  const key = os.trim().toLowerCase();
  if (key === '') return 'generic';
  if (key.startsWith('mac') || key === 'darwin' || key === 'osx') return 'apple';
  if (key.startsWith('win')) return 'windows';
  if (LINUX_HINTS.some((hint) => key.includes(hint))) return 'linux';
  return 'generic';
}

export function osLabel(os: string): string {
  switch (osKind(os)) {
    case 'apple':
      return 'macOS';
    case 'windows':
      return `Windows (${os})`;
    case 'linux':
      return `Linux (${os})`;
    default:
      return os.trim() === '' ? 'Unknown OS' : os;
  }
}

/** "just now", "3 min ago", "2 h ago", "1 day ago". Future times (clock skew) read as "just now". */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.floor((now - at) / 1000);
  if (!Number.isFinite(seconds) || seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** "in 12 s", "in 2 min", or "now" once the moment has passed. */
export function countdown(target: number, now: number): string {
  const seconds = Math.ceil((target - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
}

/** Compact uptime: "45s", "12m", "3h 5m", "2d 4h". Empty when unknown or nonsense. */
export function formatUptime(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

// The same fields as Date#toLocaleString(), in one formatter built once: toLocaleString resolves the locale and
// builds a formatter on every call, which showed up in first-render profiles (one tooltip per event row).
const ABSOLUTE = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Absolute time for tooltips, in the user's locale. Empty for a time that cannot be a date (no RangeError). */
export function absoluteTime(at: number): string {
  return Number.isFinite(new Date(at).getTime()) ? ABSOLUTE.format(at) : '';
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "14:02": the wall-clock time of an "as of" note (stale data). Empty for a time that cannot be a date. */
export function clockTime(at: number): string {
  return Number.isFinite(new Date(at).getTime()) ? CLOCK.format(at) : '';
}

/** Machine-readable time for <time datetime>; empty instead of a RangeError for a time that cannot be a date. */
export function isoTime(at: number): string {
  const date = new Date(at);
  return Number.isFinite(date.getTime()) ? date.toISOString() : '';
}
