import { describe, expect, it } from 'vitest';
import type { HostId, HubEvent, HubEventKind } from '../../../src/shared/model';
import {
  eventGlyph,
  eventRowView,
  eventSummary,
  type EventRowContext,
} from '../../../src/renderer/src/lib/event-rows';

const NOW = 1_800_000_000_000;
const HOSTS: Readonly<Record<string, string>> = { h1: 'Farm One', h2: 'Farm Two' };
const hostName = (id: HostId): string => HOSTS[id] ?? id;

function event(kind: HubEventKind, overrides: Partial<HubEvent> = {}): HubEvent {
  return { id: '1', at: NOW - 3 * 60_000, hostId: 'h1', kind, ...overrides };
}

function ctx(overrides: Partial<EventRowContext> = {}): EventRowContext {
  return { now: NOW, multiHost: false, hostName, vmName: () => undefined, ...overrides };
}

describe('eventGlyph', () => {
  it('colours a state change by the state it went to', () => {
    expect(eventGlyph(event('state-changed', { from: 'running', to: 'stopped' }))).toEqual({
      text: '●',
      tone: 'stopped',
    });
    expect(eventGlyph(event('state-changed', { from: 'stopped', to: 'running' })).tone).toBe('running');
    expect(eventGlyph(event('state-changed', { to: 'suspended' })).tone).toBe('paused');
    expect(eventGlyph(event('state-changed', { to: 'starting' })).tone).toBe('busy');
    expect(eventGlyph(event('state-changed', { to: 'invalid' })).tone).toBe('error');
  });

  it('falls back to a neutral tone when a state change has no target state', () => {
    expect(eventGlyph(event('state-changed'))).toEqual({ text: '●', tone: 'other' });
  });

  it('gives every other kind its own glyph and tone', () => {
    const cases: readonly [HubEventKind, string, string][] = [
      ['added', '+', 'running'],
      ['removed', '−', 'stopped'],
      ['renamed', 'Aa', 'busy'],
      ['connection-lost', '×', 'paused'],
      ['connection-restored', '✓', 'running'],
      ['auth-failed', '!', 'error'],
      ['action-failed', '!', 'error'],
    ];
    for (const [kind, text, tone] of cases) {
      expect(eventGlyph(event(kind)), kind).toEqual({ text, tone });
    }
  });

  it('does not throw on a kind it does not know (a newer main process)', () => {
    const unknown = event('state-changed', { kind: 'vm-exploded' as HubEventKind });
    expect(eventGlyph(unknown)).toEqual({ text: '•', tone: 'other' });
  });
});

describe('eventSummary', () => {
  it('is empty for state changes (the row shows from → to instead)', () => {
    expect(eventSummary(event('state-changed', { from: 'running', to: 'stopped' }), hostName)).toBe('');
  });

  it('says added / removed / renamed from the old name', () => {
    expect(eventSummary(event('added'), hostName)).toBe('added');
    expect(eventSummary(event('removed'), hostName)).toBe('removed');
    expect(eventSummary(event('renamed', { from: 'old-name', to: 'new-name' }), hostName)).toBe(
      'renamed from old-name',
    );
    expect(eventSummary(event('renamed'), hostName)).toBe('renamed from ?');
  });

  it('names the host of connection and credential events through the lookup, not by id', () => {
    const lookups: HostId[] = [];
    const spy = (id: HostId): string => {
      lookups.push(id);
      return hostName(id);
    };
    expect(eventSummary(event('connection-lost', { hostId: 'h2' }), spy)).toBe('Lost connection to Farm Two');
    expect(eventSummary(event('connection-restored', { hostId: 'h2' }), spy)).toBe('Reconnected to Farm Two');
    expect(eventSummary(event('auth-failed', { hostId: 'h1' }), spy)).toBe(
      'Credentials rejected by Farm One',
    );
    expect(lookups).toEqual(['h2', 'h2', 'h1']);
  });

  it("includes a failed action's message when there is one", () => {
    expect(eventSummary(event('action-failed', { message: 'VM is not running' }), hostName)).toBe(
      'action failed: VM is not running',
    );
    expect(eventSummary(event('action-failed'), hostName)).toBe('action failed');
    expect(eventSummary(event('action-failed', { message: '' }), hostName)).toBe('action failed');
  });

  it('shows the message or the raw kind for a kind it does not know', () => {
    const kind = 'vm-exploded' as HubEventKind;
    expect(eventSummary(event(kind, { message: 'boom' }), hostName)).toBe('boom');
    expect(eventSummary(event(kind), hostName)).toBe('vm-exploded');
  });
});

describe('eventRowView', () => {
  it('builds a state-change row with glyph, name from the event, and times from the passed now', () => {
    const e = event('state-changed', { vmId: 'vm-1', vmName: 'build-01', from: 'running', to: 'stopped' });
    const row = eventRowView(e, ctx());
    expect(row).toEqual({
      event: e,
      glyph: '●',
      tone: 'stopped',
      name: 'build-01',
      summary: '',
      host: null,
      // The local-time text depends on the machine's zone and locale, so it is compared with Date's own
      // rendering (format.test.ts checks absoluteTime the same way); the machine-readable one is a literal.
      title: new Date(e.at).toLocaleString(),
      datetime: '2027-01-15T07:57:00.000Z',
      time: '3 min ago',
    });
  });

  it('computes the relative time from ctx.now, not the wall clock', () => {
    const e = event('added', { vmId: 'vm-1', vmName: 'x', at: NOW });
    expect(eventRowView(e, ctx({ now: NOW })).time).toBe('just now');
    expect(eventRowView(e, ctx({ now: NOW + 2 * 3_600_000 })).time).toBe('2 h ago');
    expect(eventRowView(e, ctx({ now: NOW + 3 * 86_400_000 })).time).toBe('3 days ago');
  });

  it("uses the VM's current name when the event carries none, else a short id", () => {
    const asked: [HostId, string][] = [];
    const vmName = (hostId: HostId, vmId: string): string | undefined => {
      asked.push([hostId, vmId]);
      return vmId === 'known' ? 'current-name' : undefined;
    };
    expect(eventRowView(event('removed', { vmId: 'known' }), ctx({ vmName })).name).toBe('current-name');
    expect(
      eventRowView(event('removed', { vmId: '0123456789abcdef', hostId: 'h2' }), ctx({ vmName })).name,
    ).toBe('01234567');
    expect(asked).toEqual([
      ['h1', 'known'],
      ['h2', '0123456789abcdef'],
    ]);
    // The event's own name wins (a removed VM is no longer in the list to look up).
    expect(eventRowView(event('removed', { vmId: 'known', vmName: 'as-sent' }), ctx({ vmName })).name).toBe(
      'as-sent',
    );
  });

  it('has no name for events not about a VM', () => {
    expect(eventRowView(event('connection-lost'), ctx()).name).toBe('');
  });

  it('names the host after VM events only when several hosts are watched', () => {
    const vmEvent = event('added', { vmId: 'vm-1', vmName: 'x', hostId: 'h2' });
    expect(eventRowView(vmEvent, ctx({ multiHost: false })).host).toBeNull();
    expect(eventRowView(vmEvent, ctx({ multiHost: true })).host).toBe('Farm Two');
    // A host event names its host in the summary already: no second mention.
    const hostEvent = event('connection-lost', { hostId: 'h2' });
    const row = eventRowView(hostEvent, ctx({ multiHost: true }));
    expect(row.host).toBeNull();
    expect(row.summary).toBe('Lost connection to Farm Two');
  });

  it('keeps the offline marker on the event the row renders', () => {
    const offline = event('state-changed', { vmId: 'vm-1', to: 'stopped', offline: true });
    expect(eventRowView(offline, ctx()).event.offline).toBe(true);
    const live = event('state-changed', { vmId: 'vm-1', to: 'stopped' });
    expect(eventRowView(live, ctx()).event.offline).toBeUndefined();
  });

  it('builds summary and glyph for every kind through the same helpers', () => {
    const kinds: readonly HubEventKind[] = [
      'state-changed',
      'added',
      'removed',
      'renamed',
      'connection-lost',
      'connection-restored',
      'auth-failed',
      'action-failed',
    ];
    for (const kind of kinds) {
      const e = event(kind, { vmId: 'vm-1', vmName: 'n', from: 'a', to: 'running', message: 'm' });
      const row = eventRowView(e, ctx());
      const glyph = eventGlyph(e);
      expect({ glyph: row.glyph, tone: row.tone, summary: row.summary }, kind).toEqual({
        glyph: glyph.text,
        tone: glyph.tone,
        summary: eventSummary(e, hostName),
      });
    }
  });

  it('renders an impossible timestamp as empty times instead of throwing', () => {
    const row = eventRowView(event('added', { at: Number.NaN }), ctx());
    expect(row.title).toBe('');
    expect(row.datetime).toBe('');
    expect(row.time).toBe('just now');
  });
});
