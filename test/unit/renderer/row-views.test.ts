import { describe, expect, it } from 'vitest';
import type { PendingAction, Vm } from '../../../src/shared/model';
import { vmKey } from '../../../src/shared/model';
import {
  hostRowView,
  rowId,
  rowViews,
  vmRowView,
  type RowContext,
} from '../../../src/renderer/src/lib/row-views';
import { clockTime } from '../../../src/renderer/src/lib/format';
import { Attention } from '../../../src/shared/vm-attention';
import { vmItemKey, vmKeyOfItem, type HostItem, type VmItem } from '../../../src/renderer/src/lib/vm-list';

const NOW = 1_800_000_000_000;

function vm(overrides: Partial<Vm> = {}): Vm {
  return {
    hostId: 'h1',
    id: '{ABC-1}',
    name: 'build-01',
    state: 'stopped',
    os: 'macosx',
    stateSince: NOW - 5 * 60_000,
    changedWhileOffline: false,
    ...overrides,
  };
}

function vmItem(v: Vm, attention: Attention = Attention.Normal): VmItem {
  return { kind: 'vm', key: vmItemKey(v.hostId, v.id), vm: v, attention };
}

function hostItem(overrides: Partial<HostItem> = {}): HostItem {
  return {
    kind: 'host',
    key: 'host:h1',
    groupId: 'h1',
    hostId: 'h1',
    name: 'Farm One',
    host: null,
    health: { words: null, tone: 'ok', stale: false, asOf: null, rank: 3 },
    total: 10,
    shown: 10,
    running: 7,
    stopped: 3,
    attention: 0,
    collapsed: false,
    ...overrides,
  };
}

function ctx(overrides: Partial<RowContext> = {}): RowContext {
  return {
    activeKey: null,
    highlightKey: null,
    openKey: null,
    tabKey: null,
    pending: new Map(),
    inFlight: new Set(),
    muted: new Set(),
    outcomes: new Map(),
    level: undefined,
    now: NOW,
    ...overrides,
  };
}

const subject = vm();
/** The store's collections are keyed by vmKey (normalised id), the list item by `vm:<vmKey>`. */
const storeKey = vmKey(subject.hostId, subject.id);
const itemKey = vmItemKey(subject.hostId, subject.id);

function pending(action: PendingAction['action']): PendingAction {
  return { hostId: subject.hostId, vmId: subject.id, action, startedAt: NOW - 1000 };
}

describe('rowId', () => {
  it('never contains whitespace, whatever whitespace the key has', () => {
    for (const key of ['vm:h1/a b', 'vm:h1/a\tb', 'vm:h1/a\nb', 'host: x ', 'vm:h1/a\u00a0b\u2003c']) {
      expect(rowId(key)).not.toMatch(/\s/);
      expect(rowId(key).startsWith('row-')).toBe(true);
    }
  });

  it('escapes whitespace and "%" to fixed-width codes (literal expected ids, not rowId compared with itself)', () => {
    expect(rowId('vm:h1/a b')).toBe('row-vm:h1/a%0020b');
    expect(rowId('vm:h1/a\tb')).toBe('row-vm:h1/a%0009b');
    expect(rowId('vm:h1/a%b')).toBe('row-vm:h1/a%0025b');
    expect(rowId('vm:h1/a\u00a0b')).toBe('row-vm:h1/a%00a0b');
  });

  it('keeps the readable id of keys without whitespace', () => {
    expect(rowId('vm:h1/abc-123')).toBe('row-vm:h1/abc-123');
    expect(rowId('host:farm_1')).toBe('row-host:farm_1');
  });

  it('gives distinct keys distinct ids, including keys that differ only in whitespace or its escape', () => {
    const keys = [
      'vm:h1/a b',
      'vm:h1/a_b',
      'vm:h1/a\tb',
      'vm:h1/a  b',
      'vm:h1/a%0020b',
      'vm:h1/a%b',
      'vm:h1/ab',
      'host:h1',
      'vm:h1',
    ];
    const ids = keys.map(rowId);
    expect(new Set(ids).size).toBe(keys.length);
  });
});

describe('hostRowView', () => {
  it('labels the host with its total and shows running / stopped when nothing is filtered', () => {
    const row = hostRowView(hostItem(), ctx());
    expect(row).toMatchObject({ kind: 'host', key: 'host:h1', id: 'row-host:h1', dataHostId: 'h1' });
    expect(row.label).toBe('Farm One, 10 VMs, 7 running, 3 stopped');
    expect(row.count).toBe('7 running · 3 stopped');
    expect(row).toMatchObject({ words: null, asOf: null });
    expect(hostRowView(hostItem({ total: 0, shown: 0, running: 0, stopped: 0 }), ctx()).count).toBe('no VMs');
  });

  it('shows "shown of total" when a search hides some VMs', () => {
    const row = hostRowView(hostItem({ shown: 3 }), ctx());
    expect(row.count).toBe('3 of 10 VMs');
    // The accessible name keeps the host's real size.
    expect(row.label).toBe('Farm One, 10 VMs, 7 running, 3 stopped');
  });

  it("says a farm host's state in words, with the time its rows are from, and carries the farm host's id", () => {
    const asOf = new Date(2026, 0, 1, 14, 2).getTime();
    const row = hostRowView(
      hostItem({
        farmHostId: 'mac-07',
        health: { words: 'Unreachable from orchestrator', tone: 'bad', stale: true, asOf, rank: 0 },
      }),
      ctx(),
    );
    expect(row).toMatchObject({ words: 'Unreachable from orchestrator', dataHostId: 'mac-07' });
    expect(row.asOf).toBe(`as of ${clockTime(asOf)}`);
    expect(row.label).toContain(`Unreachable from orchestrator, as of ${clockTime(asOf)}`);
    const unknown = hostRowView(
      hostItem({
        health: { words: 'Disabled on orchestrator', tone: 'off', stale: true, asOf: null, rank: 4 },
      }),
      ctx(),
    );
    expect(unknown.asOf).toBe('last known');
  });

  it('adds the attention suffix only when some VMs need attention', () => {
    expect(hostRowView(hostItem({ attention: 2 }), ctx()).label).toBe(
      'Farm One, 10 VMs, 7 running, 3 stopped, 2 need attention',
    );
    expect(hostRowView(hostItem({ attention: 0 }), ctx()).label).not.toContain('attention');
  });

  it('takes active and tabbable from the context keys', () => {
    const item = hostItem();
    expect(hostRowView(item, ctx())).toMatchObject({ active: false, tabbable: false });
    expect(hostRowView(item, ctx({ activeKey: 'host:h1', tabKey: 'host:h1' }))).toMatchObject({
      active: true,
      tabbable: true,
    });
    expect(hostRowView(item, ctx({ activeKey: 'host:h2', tabKey: itemKey }))).toMatchObject({
      active: false,
      tabbable: false,
    });
  });
});

describe('vmRowView', () => {
  it('describes an idle stopped VM with its state age and an ordered accessible label', () => {
    const row = vmRowView(vmItem(subject, Attention.RecentlyStopped), ctx());
    expect(row).toMatchObject({
      kind: 'vm',
      key: itemKey,
      id: 'row-vm:h1/abc-1', // the normalised VM id: braces dropped, lower case
      vm: subject,
      attention: Attention.RecentlyStopped,
      busy: false,
      muted: false,
      failure: null,
      detail: 'stopped 5 min ago',
      badge: { label: 'Stopped', tone: 'stopped' },
      osKind: 'apple',
      osLabel: 'macOS',
    });
    expect(row.label).toBe('build-01, Stopped, stopped 5 min ago');
  });

  it("dims a row of a host that is not live and says how old it is, from its group's staleness", () => {
    const asOf = NOW - 10 * 60_000;
    const row = vmRowView({ ...vmItem(subject), stale: { asOf } }, ctx());
    expect(row).toMatchObject({ stale: true, detail: `Stopped as of ${clockTime(asOf)}` });
    expect(vmRowView({ ...vmItem(subject), stale: { asOf: null } }, ctx()).detail).toBe('Stopped last known');
    expect(vmRowView(vmItem(subject), ctx()).stale).toBe(false);
  });

  it('carries the farm host as data-host-id for a VM behind an orchestrator, else the entry id', () => {
    const farmVm = vm({ hostId: 'orch', farmHostId: 'mac-07' });
    const item: VmItem = {
      kind: 'vm',
      key: vmItemKey('orch', farmVm.id, 'mac-07'),
      vm: farmVm,
      attention: 3,
    };
    expect(vmRowView(item, ctx())).toMatchObject({ dataHostId: 'mac-07', key: 'vm:orch/mac-07/abc-1' });
    expect(vmRowView(vmItem(subject), ctx()).dataHostId).toBe('h1');
  });

  it('computes the state age from the passed `now`', () => {
    const row = vmRowView(vmItem(subject), ctx({ now: NOW + 3 * 3_600_000 }));
    expect(row.detail).toBe('stopped 3 h ago');
  });

  it('shows uptime for a running VM that reports it, else the state age', () => {
    const up = vm({ state: 'running', uptimeSeconds: 3 * 3600 + 5 * 60 });
    expect(vmRowView(vmItem(up), ctx()).detail).toBe('up 3h 5m');
    const noUptime = vm({ state: 'running', stateSince: NOW - 2 * 60_000 });
    expect(vmRowView(vmItem(noUptime), ctx()).detail).toBe('running 2 min ago');
  });

  it('shows what the VM is, not a made-up age, when Hubwatch did not see the state begin', () => {
    const row = vmRowView(vmItem(vm({ stateSince: null, os: 'ubuntu' })), ctx());
    expect(row.detail).toBe('Linux (ubuntu)');
    expect(row.label).toBe('build-01, Stopped, Linux (ubuntu)');
  });

  it('joins name, state, detail, "changed while offline" and "muted" in that order', () => {
    const v = vm({ changedWhileOffline: true });
    const row = vmRowView(vmItem(v), ctx({ muted: new Set([storeKey]) }));
    expect(row.muted).toBe(true);
    expect(row.label).toBe('build-01, Stopped, stopped 5 min ago, changed while offline, muted');
  });

  it('omits empty parts from the label instead of leaving empty commas', () => {
    // A VM the server sent without a name: the label starts at the state, not with a dangling comma.
    const row = vmRowView(vmItem(vm({ name: '', stateSince: null, os: '' })), ctx());
    expect(row.label).toBe('Stopped, Unknown OS');
    expect(row.label).not.toMatch(/(^, )|(, ,)|(, $)/);
  });

  it('matches the store collections by vmKey, so a braced upper-case id finds its muted/pending entries', () => {
    const v = vm({ id: '{DEAD-BEEF}' });
    const key = vmKey(v.hostId, v.id);
    expect(key).toBe('h1/dead-beef');
    const row = vmRowView(vmItem(v), ctx({ muted: new Set([key]), inFlight: new Set([key]) }));
    expect(row).toMatchObject({ muted: true, busy: true });
  });

  it('is busy while an action is pending on the server, and says which', () => {
    const row = vmRowView(vmItem(subject), ctx({ pending: new Map([[storeKey, pending('start')]]) }));
    expect(row.busy).toBe(true);
    expect(row.detail).toBe('Starting…');
    expect(row.label).toBe('build-01, Stopped, Starting…');
  });

  it('is busy while a request is in flight, before the server reports it pending', () => {
    const row = vmRowView(vmItem(subject), ctx({ inFlight: new Set([storeKey]) }));
    expect(row.busy).toBe(true);
    expect(row.detail).toBe('Sending…');
  });

  it('prefers the pending action over "Sending…" when both are true', () => {
    const row = vmRowView(
      vmItem(subject),
      ctx({ pending: new Map([[storeKey, pending('stop')]]), inFlight: new Set([storeKey]) }),
    );
    expect(row.busy).toBe(true);
    expect(row.detail).toBe('Stopping…');
  });

  it('ignores pending, in-flight and muted entries of other VMs', () => {
    const other = vmKey('h1', 'other');
    const row = vmRowView(
      vmItem(subject),
      ctx({
        pending: new Map([[other, { ...pending('start'), vmId: 'other' }]]),
        inFlight: new Set([other]),
        muted: new Set([other]),
        outcomes: new Map([[other, { ok: false, message: 'nope' }]]),
      }),
    );
    expect(row).toMatchObject({ busy: false, muted: false, failure: null, detail: 'stopped 5 min ago' });
  });

  it("shows a failed action's reason while the action panel is closed, not while it is open", () => {
    const outcomes = new Map([[storeKey, { ok: false, message: 'VM is not running' }]]);
    const closed = vmRowView(vmItem(subject), ctx({ outcomes }));
    expect(closed.failure).toBe('VM is not running');
    expect(closed.open).toBe(false);
    const open = vmRowView(vmItem(subject), ctx({ outcomes, openKey: itemKey }));
    expect(open.open).toBe(true);
    expect(open.failure).toBeNull();
  });

  it('shows no failure for a successful outcome', () => {
    const outcomes = new Map([[storeKey, { ok: true, message: 'Started' }]]);
    expect(vmRowView(vmItem(subject), ctx({ outcomes })).failure).toBeNull();
  });

  it('takes active, highlighted, open and tabbable from the context keys independently', () => {
    const item = vmItem(subject);
    expect(vmRowView(item, ctx())).toMatchObject({
      active: false,
      highlighted: false,
      open: false,
      tabbable: false,
    });
    expect(vmRowView(item, ctx({ activeKey: itemKey }))).toMatchObject({
      active: true,
      highlighted: false,
      open: false,
      tabbable: false,
    });
    expect(vmRowView(item, ctx({ highlightKey: itemKey }))).toMatchObject({
      active: false,
      highlighted: true,
      open: false,
      tabbable: false,
    });
    expect(vmRowView(item, ctx({ openKey: itemKey }))).toMatchObject({
      active: false,
      highlighted: false,
      open: true,
      tabbable: false,
    });
    expect(vmRowView(item, ctx({ tabKey: itemKey }))).toMatchObject({
      active: false,
      highlighted: false,
      open: false,
      tabbable: true,
    });
    // The store's vmKey is not the list item key: it must not match.
    expect(vmRowView(item, ctx({ activeKey: storeKey, openKey: storeKey }))).toMatchObject({
      active: false,
      open: false,
    });
  });

  it('passes the aria level through', () => {
    expect(vmRowView(vmItem(subject), ctx({ level: 2 })).level).toBe(2);
    expect(vmRowView(vmItem(subject), ctx({ level: undefined })).level).toBeUndefined();
  });

  it('shows an unknown server state exactly as sent', () => {
    const row = vmRowView(vmItem(vm({ state: 'hibernated-ish', stateSince: NOW - 60_000 })), ctx());
    expect(row.badge).toEqual({ label: 'hibernated-ish', tone: 'other' });
    expect(row.label).toBe('build-01, hibernated-ish, hibernated-ish 1 min ago');
  });
});

describe('rowViews', () => {
  it('maps each item to the matching view, in order, with unique ids', () => {
    const a = vm({ id: 'a', name: 'a' });
    const b = vm({ id: 'b', name: 'b', state: 'running', uptimeSeconds: 30 });
    const items = [hostItem({ total: 2, shown: 2, running: 1, stopped: 1 }), vmItem(a), vmItem(b)];
    const rows = rowViews(items, ctx({ level: 2, tabKey: 'host:h1' }));
    expect(rows.map((r) => r.kind)).toEqual(['host', 'vm', 'vm']);
    expect(rows.map((r) => r.key)).toEqual(items.map((i) => i.key));
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(rows[0]).toMatchObject({ tabbable: true, count: '1 running · 1 stopped' });
    expect(rows[2]).toMatchObject({ kind: 'vm', detail: 'up 30s', level: 2, tabbable: false });
  });

  it('returns an empty list for no items', () => {
    expect(rowViews([], ctx())).toEqual([]);
  });
});

describe('VM row item keys', () => {
  it('vmKeyOfItem undoes vmItemKey, also for ids with slashes, colons and spaces', () => {
    for (const [hostId, vmId] of [
      ['h1', 'a'],
      ['farm:1', 'vm/with:odd chars'],
    ] as const) {
      expect(vmKeyOfItem(vmItemKey(hostId, vmId))).toBe(vmKey(hostId, vmId));
    }
  });

  it('a host header key is not a VM key', () => {
    expect(vmKeyOfItem('host:h1')).toBeNull();
  });
});
