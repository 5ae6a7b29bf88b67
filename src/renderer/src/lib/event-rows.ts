// What one "Recent events" row shows, as plain values computed in one pass over the rows rendered: the list then
// tracks one value per row instead of a $derived per glyph and name plus template calls per time string.
// Pure; `now` and the name lookups are passed in.
import type { HostId, HubEvent } from '../../../shared/model';
import { absoluteTime, isoTime, relativeTime, stateBadge, type StateTone } from './format';

export interface EventRowContext {
  readonly now: number;
  /** More than one host is configured: rows about a VM also name its host. */
  readonly multiHost: boolean;
  readonly hostName: (hostId: HostId) => string;
  /** The VM's current name when the event does not carry one. */
  readonly vmName: (hostId: HostId, vmId: string) => string | undefined;
}

export interface EventRowView {
  readonly event: HubEvent;
  readonly glyph: string;
  readonly tone: StateTone;
  /** The VM's name, or '' for events not about a VM. */
  readonly name: string;
  /** The text after the name for everything but state changes (those show `from → to`). */
  readonly summary: string;
  /** Host name shown after VM events when several hosts are watched, else null. */
  readonly host: string | null;
  /** Tooltip: the absolute time in the user's locale. */
  readonly title: string;
  readonly datetime: string;
  readonly time: string;
}

export function eventGlyph(event: HubEvent): { readonly text: string; readonly tone: StateTone } {
  switch (event.kind) {
    case 'state-changed':
      return { text: '●', tone: stateBadge(event.to ?? '').tone };
    case 'added':
      return { text: '+', tone: 'running' };
    case 'removed':
      return { text: '−', tone: 'stopped' };
    case 'renamed':
      return { text: 'Aa', tone: 'busy' };
    case 'connection-lost':
      return { text: '×', tone: 'paused' };
    case 'connection-restored':
      return { text: '✓', tone: 'running' };
    case 'auth-failed':
    case 'action-failed':
      return { text: '!', tone: 'error' };
    default:
      return { text: '•', tone: 'other' };
  }
}

export function eventSummary(event: HubEvent, hostName: (hostId: HostId) => string): string {
  switch (event.kind) {
    case 'state-changed':
      return '';
    case 'added':
      return 'added';
    case 'removed':
      return 'removed';
    case 'renamed':
      return `renamed from ${event.from ?? '?'}`;
    case 'connection-lost':
      return `Lost connection to ${hostName(event.hostId)}`;
    case 'connection-restored':
      return `Reconnected to ${hostName(event.hostId)}`;
    case 'auth-failed':
      return `Credentials rejected by ${hostName(event.hostId)}`;
    case 'action-failed':
      return event.message ? `action failed: ${event.message}` : 'action failed';
    default:
      return event.message ?? String(event.kind);
  }
}

function eventVmName(event: HubEvent, ctx: EventRowContext): string {
  if (event.vmName) return event.vmName;
  if (event.vmId) return ctx.vmName(event.hostId, event.vmId) ?? event.vmId.slice(0, 8);
  return '';
}

export function eventRowView(event: HubEvent, ctx: EventRowContext): EventRowView {
  const glyph = eventGlyph(event);
  return {
    event,
    glyph: glyph.text,
    tone: glyph.tone,
    name: eventVmName(event, ctx),
    summary: eventSummary(event, ctx.hostName),
    host: ctx.multiHost && event.vmId !== undefined ? ctx.hostName(event.hostId) : null,
    title: absoluteTime(event.at),
    datetime: isoTime(event.at),
    time: relativeTime(event.at, ctx.now),
  };
}
