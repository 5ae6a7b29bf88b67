// The batcher lets a batch write the store's maps in place when nobody else has seen them (core/batch.ts asks the
// draft which maps it wrote). A store handed out (a snapshot, a memoised selector) must therefore never change
// afterwards, whatever later batches write: a reader holding it would otherwise see VMs or host statuses move
// under its feet (and a memoised selector would keep a stale answer for a changed map).
import { describe, expect, it } from 'vitest';
import { CoreBatcher } from '../../../src/main/core/batch';
import { emptyStore, type StoreState } from '../../../src/main/core/store';
import type { ConnectionStatus, HostId } from '../../../src/shared/model';

const H = 'host-a';

function batcher(): CoreBatcher {
  return new CoreBatcher(emptyStore, {
    now: () => 1_000,
    hostName: () => 'Host A',
    synced: new Set<HostId>(),
    commit: () => undefined,
  });
}

const content = (s: StoreState) => structuredClone({ vms: [...s.vms], hosts: [...s.hosts] });

const list = (state: string) =>
  ({
    type: 'replace-list',
    hostId: H,
    vms: [{ id: 'a', name: 'vm-a', state, os: 'macosx' }],
    at: 1,
    offline: false,
  }) as const;

const LIVE: ConnectionStatus = { tag: 'live', since: 1 };
const SYNCING: ConnectionStatus = { tag: 'syncing' };

describe('a store handed out never changes afterwards', () => {
  it('host statuses stay as handed out through a VM-only batch and a later status change', () => {
    const core = batcher();
    core.setStatus(H, LIVE);
    core.apply(H, list('running'), 'resync');
    const handedOut = core.store;
    const seen = content(handedOut);
    core.apply(H, list('stopped'), 'resync'); // writes VMs only
    core.setStatus(H, SYNCING);
    expect(content(handedOut)).toStrictEqual(seen);
    expect(core.store.hosts.get(H)).toBe(SYNCING);
  });

  it('VMs stay as handed out through a status-only batch and a later VM change', () => {
    const core = batcher();
    core.apply(H, list('running'), 'resync');
    core.setStatus(H, LIVE);
    const handedOut = core.store;
    const seen = content(handedOut);
    core.setStatus(H, SYNCING); // writes host statuses only
    core.apply(H, list('stopped'), 'resync');
    expect(content(handedOut)).toStrictEqual(seen);
    expect(core.getVm(H, 'a')?.state).toBe('stopped');
  });
});
