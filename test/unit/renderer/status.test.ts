import { describe, expect, it } from 'vitest';
import type { ConnectionStatus, HostSummary, Vm } from '../../../src/shared/model';
import {
  aggregateStatus,
  bannersFor,
  countStates,
  summarizeCounts,
  needsFastClock,
  statusHeadline,
} from '../../../src/renderer/src/lib/status';

const NOW = 1_800_000_000_000;

function host(id: string, status: ConnectionStatus, name = `Farm ${id}`): HostSummary {
  return { id, name, url: `https://${id}.local:3080`, status };
}

const live: ConnectionStatus = { tag: 'live', since: NOW - 1000 };
const reconnecting: ConnectionStatus = {
  tag: 'reconnecting',
  attempt: 3,
  nextAt: NOW + 12_000,
  lastError: 'ECONNREFUSED',
};

describe('aggregateStatus', () => {
  it('is unconfigured with no hosts', () => {
    expect(aggregateStatus([])).toBe('unconfigured');
  });

  it('is live only when every running host is live, ignoring switched-off hosts', () => {
    expect(aggregateStatus([host('a', live), host('b', live)])).toBe('live');
    expect(aggregateStatus([host('a', live), host('b', { tag: 'stopped' })])).toBe('live');
    expect(aggregateStatus([host('a', { tag: 'stopped' })])).toBe('stopped');
  });

  it('reports the worst host: auth-failed beats tls beats reconnecting beats connecting', () => {
    expect(aggregateStatus([host('a', live), host('b', reconnecting)])).toBe('reconnecting');
    expect(
      aggregateStatus([host('a', reconnecting), host('b', { tag: 'auth-failed', message: 'bad token' })]),
    ).toBe('auth-failed');
    expect(
      aggregateStatus([
        host('a', { tag: 'connecting', attempt: 1 }),
        host('b', { tag: 'tls-untrusted', fingerprint: 'AA', message: 'self-signed' }),
      ]),
    ).toBe('tls-untrusted');
    expect(
      aggregateStatus([host('a', { tag: 'syncing' }), host('b', { tag: 'connecting', attempt: 2 })]),
    ).toBe('connecting');
  });

  it('headline says how many hosts are affected', () => {
    expect(statusHeadline([host('a', live), host('b', reconnecting)])).toBe('Reconnecting (1 of 2 hosts)');
    expect(statusHeadline([host('a', live)])).toBe('Live');
    expect(statusHeadline([])).toBe('No hosts configured');
  });
});

describe('bannersFor', () => {
  it('offers "Add a host" when nothing is configured', () => {
    const [banner] = bannersFor([], NOW);
    expect(banner).toMatchObject({
      kind: 'unconfigured',
      hostId: null,
      action: 'settings',
      actionLabel: 'Add a host',
    });
  });

  it('has no banner for a live host', () => {
    expect(bannersFor([host('a', live)], NOW)).toEqual([]);
  });

  it('gives a countdown and Retry now while reconnecting', () => {
    const [banner] = bannersFor([host('a', reconnecting)], NOW);
    expect(banner).toMatchObject({
      kind: 'reconnecting',
      hostId: 'a',
      title: "Can't reach Farm a",
      detail: 'Next try in 12 s · ECONNREFUSED',
      action: 'retry',
      actionLabel: 'Retry now',
    });
  });

  it('names the host whose credentials were rejected, says watching stopped, and offers Fix…', () => {
    const [banner] = bannersFor([host('x', { tag: 'auth-failed', message: '' }, 'Farm X')], NOW);
    expect(banner?.title).toBe('Farm X rejected the credentials');
    expect(banner?.action).toBe('fix');
    expect(banner?.actionLabel).toBe('Fix in Settings…');
    expect(banner?.detail).toContain('stopped watching');
  });

  it('names the rejected credential and never repeats "Credentials rejected"', () => {
    const rejected = {
      ...host(
        'x',
        { tag: 'auth-failed', message: 'Credentials rejected by the host (Token is expired)' },
        'farm-1',
      ),
      auth: 'password' as const,
    };
    const [banner] = bannersFor([rejected], NOW);
    expect(banner?.title).toBe('farm-1 rejected the password');
    expect(banner?.detail).toBe(
      'Hubwatch stopped watching it until the password is fixed. Server said: Token is expired',
    );
    expect(`${banner?.title} ${banner?.detail}`).not.toMatch(/credentials rejected/i);
  });

  it('has a next step for every non-live status, worst first', () => {
    const statuses: ConnectionStatus[] = [
      { tag: 'connecting', attempt: 2 },
      { tag: 'syncing' },
      reconnecting,
      { tag: 'auth-failed', message: 'm' },
      { tag: 'tls-untrusted', fingerprint: 'AB:CD', message: 'm' },
      { tag: 'unconfigured' },
      { tag: 'stopped' },
    ];
    const banners = bannersFor(
      statuses.map((s, i) => host(String(i), s)),
      NOW,
    );
    expect(banners.map((b) => b.kind)).toEqual([
      'auth-failed',
      'tls-untrusted',
      'unconfigured',
      'reconnecting',
      'connecting',
      'syncing',
      'stopped',
    ]);
    expect(banners.find((b) => b.kind === 'tls-untrusted')?.detail).toContain('AB:CD');
    for (const b of banners.filter((b) => b.kind !== 'connecting' && b.kind !== 'syncing')) {
      expect(b.action).not.toBeNull();
    }
  });

  it('runs the fast clock only while a countdown is visible', () => {
    expect(needsFastClock([host('a', live)])).toBe(false);
    expect(needsFastClock([host('a', live), host('b', reconnecting)])).toBe(true);
  });
});

describe('countStates', () => {
  const vm = (state: string): Vm => ({
    hostId: 'h',
    id: state + Math.random(),
    name: 'n',
    state,
    os: '',
    stateSince: 0,
    changedWhileOffline: false,
  });

  it('orders settled states first, then transitional, then unknown', () => {
    const counts = countStates(
      ['weird', 'starting', 'running', 'running', 'stopped', 'suspended', 'weird', 'weird'].map(vm),
    );
    expect(counts).toEqual([
      { state: 'running', count: 2 },
      { state: 'stopped', count: 1 },
      { state: 'suspended', count: 1 },
      { state: 'starting', count: 1 },
      { state: 'weird', count: 3 },
    ]);
  });

  it('summarises transitional states as busy and the rest as other for the header', () => {
    const summary = summarizeCounts(['running', 'starting', 'stopping', 'invalid', 'deleting state'].map(vm));
    expect(summary).toEqual([
      { state: 'running', count: 1 },
      { state: 'busy', count: 2 },
      { state: 'other', count: 2 },
    ]);
  });
});
