// Issue 15 Scale: an unchanged host keeps its summary object between reads, so a push compares the host list by
// identity instead of parsing every host's URL and serialising the whole list at every push.
import { afterEach, describe, expect, it } from 'vitest';
import { createHostSummarySelector, sameHostSummaries } from '../../../src/main/core/host-summaries';
import { hostSummaries, type HostSummaryInputs } from '../../../src/main/core/snapshot';
import { createStatePusher } from '../../../src/main/ipc/push-deltas';
import type { ConnectionStatus } from '../../../src/shared/model';
import type { HostConfig } from '../../../src/shared/settings';
import { farm, stopFarm } from './fake-farm';

afterEach(stopFarm);

const config = (id: string, name = `Host ${id}`): HostConfig => ({
  id,
  name,
  url: `https://user:pw@${id}.example:3080/?x=1`,
  auth: 'token',
  username: '',
  pinnedFingerprint: null,
  enabled: true,
});

function inputs(hosts: HostConfig[], statuses: Map<string, ConnectionStatus>): HostSummaryInputs {
  return { hosts, store: { hosts: statuses }, versions: new Map(), lastLiveAt: new Map() };
}

describe('host summaries kept between reads', () => {
  it('an unchanged host is the same object; a changed one is rebuilt, equal to a fresh build', () => {
    const select = createHostSummarySelector();
    const hosts = [config('a'), config('b'), config('c')];
    const statuses = new Map<string, ConnectionStatus>(
      hosts.map((h) => [h.id, { tag: 'live', since: 1 } as const]),
    );
    const first = select(inputs(hosts, statuses));
    statuses.set('b', { tag: 'reconnecting', attempt: 1, nextAt: 5, lastError: 'x' });
    const second = select(inputs(hosts, statuses));
    expect(second[0]).toBe(first[0]);
    expect(second[2]).toBe(first[2]);
    expect(second[1]).not.toBe(first[1]);
    expect(second).toEqual(hostSummaries(inputs(hosts, statuses)));
  });

  it('a new config object (renamed), a new version, an "as of" time or farm hosts rebuild that host only', () => {
    const select = createHostSummarySelector();
    const hosts = [config('a'), config('b')];
    const statuses = new Map<string, ConnectionStatus>([['a', { tag: 'stopped' }]]);
    const p = inputs(hosts, statuses);
    const farmHosts = [{ id: 'f1', name: 'Mac 1', state: 'healthy', link: 'up', vmCount: 0 }];
    let extras: { kind?: 'orchestrator'; farmHosts?: never[] } = { kind: 'orchestrator', farmHosts: [] };
    const withExtras = { ...p, extras: () => extras };
    const first = select(withExtras);
    // A fresh empty farm-host list each read is no change.
    extras = { kind: 'orchestrator', farmHosts: [] };
    expect(select(withExtras)).toEqual(first);
    expect(select(withExtras)[0]).toBe(first[0]);

    extras = { kind: 'orchestrator', farmHosts: farmHosts as never[] };
    const withFarm = select(withExtras);
    expect(withFarm[0]).not.toBe(first[0]);
    expect(withFarm[0]?.farmHosts).toEqual(farmHosts);

    (p.versions as Map<string, string>).set('a', '1.2.3');
    const withVersion = select(withExtras);
    expect(withVersion[0]?.serverVersion).toBe('1.2.3');
    expect(withVersion[1]).toBe(withFarm[1]);

    const renamed = [config('a', 'Renamed'), hosts[1]!];
    const again = select({ ...withExtras, hosts: renamed });
    expect(again[0]?.name).toBe('Renamed');
    expect(again[1]).toBe(withFarm[1]);
  });

  it("the core's view hands out the same host objects until a host changes, and pushes notice the change", async () => {
    const { hub, core } = await farm(3, 2);
    const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
    pusher.next();
    const before = core.view.hosts();
    hub.last('h1').connection.msg({
      type: 'vm-state-changed',
      vmId: 'h1-vm-1',
      previousState: 'running',
      currentState: 'stopped',
    });
    const after = core.view.hosts();
    expect(after.every((h, i) => h === before[i])).toBe(true);
    const vmOnly = pusher.next();
    expect('delta' in vmOnly && vmOnly.delta.hosts).toBeUndefined();

    hub.last('h2').connection.emit({ type: 'closed', reason: '1006', willRetry: true });
    hub.last('h2').connection.emit({ type: 'retry-scheduled', attempt: 2, nextAt: 1_000, lastError: '1006' });
    const hostChanged = pusher.next();
    expect('delta' in hostChanged && hostChanged.delta.hosts?.map((h) => h.status.tag)).toEqual([
      'live',
      'live',
      'reconnecting',
    ]);
    expect(core.view.hosts()[0]).toBe(before[0]);
  });

  it('host lists compare as the same by identity, or by value when rebuilt equal; a real change differs', () => {
    const hosts = [config('a'), config('b')];
    const statuses = new Map<string, ConnectionStatus>([['a', { tag: 'live', since: 1 }]]);
    const built = hostSummaries(inputs(hosts, statuses));
    expect(sameHostSummaries(built, built)).toBe(true);
    expect(sameHostSummaries(built, hostSummaries(inputs(hosts, statuses)))).toBe(true);
    statuses.set('a', { tag: 'live', since: 2 });
    expect(sameHostSummaries(built, hostSummaries(inputs(hosts, statuses)))).toBe(false);
    expect(sameHostSummaries(built, built.slice(0, 1))).toBe(false);
  });
});
