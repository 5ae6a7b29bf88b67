// The popover's VM list after a delta (shared/snapshot-model.ts): it must be exactly the list main would build from
// the whole state (shared/vm-order.ts sortVms over the host order), whatever the delta carried: a VM added, renamed
// or removed, hosts reordered, added or dropped. Each test states the rows the page must show.
import { describe, expect, it } from 'vitest';
import { vmKeyOf } from '../../../src/shared/model';
import { host, modelHolding, patch, rows, vm } from './snapshot-model-fixtures';

// Host ids deliberately not alphabetical: the list follows the host order, never the ids.
const zulu = host('zulu');
const alpha = host('alpha');
const mike = host('mike');

describe('SnapshotModel: the VM list after a delta', () => {
  it('a state change keeps every row where it was', () => {
    const m = modelHolding(
      [zulu, alpha],
      [vm('zulu', 'z1', 'b'), vm('zulu', 'z2', 'c'), vm('alpha', 'a1', 'a')],
    );
    patch(m, { upserts: [vm('zulu', 'z2', 'c', 'stopped')] });
    expect(rows(m.current)).toEqual(['zulu/b:running', 'zulu/c:stopped', 'alpha/a:running']);
  });

  it('a VM added by a delta appears at its sorted place (and only once)', () => {
    const m = modelHolding([zulu, alpha], [vm('zulu', 'z1', 'b'), vm('alpha', 'a1', 'a')]);
    patch(m, { upserts: [vm('zulu', 'z0', 'a', 'stopped')] });
    expect(rows(m.current)).toEqual(['zulu/a:stopped', 'zulu/b:running', 'alpha/a:running']);
    patch(m, { upserts: [vm('zulu', 'z0', 'a', 'running')] }); // the new row is then found by its key
    expect(rows(m.current)).toEqual(['zulu/a:running', 'zulu/b:running', 'alpha/a:running']);
  });

  it('a renamed VM moves to where its new name sorts; the next state change finds it there', () => {
    const m = modelHolding(
      [zulu],
      [vm('zulu', '1', 'ci-1'), vm('zulu', '2', 'ci-2'), vm('zulu', '3', 'ci-3')],
    );
    patch(m, { upserts: [vm('zulu', '1', 'ci-9')] });
    expect(rows(m.current)).toEqual(['zulu/ci-2:running', 'zulu/ci-3:running', 'zulu/ci-9:running']);
    patch(m, { upserts: [vm('zulu', '1', 'ci-9', 'stopped')] });
    expect(rows(m.current)).toEqual(['zulu/ci-2:running', 'zulu/ci-3:running', 'zulu/ci-9:stopped']);
  });

  it('a removal-only delta drops the row and keeps the others in order', () => {
    const gone = vm('alpha', 'a1', 'a');
    const m = modelHolding([zulu, alpha], [vm('zulu', 'z1', 'b'), gone, vm('alpha', 'a2', 'b')]);
    patch(m, { removed: [vmKeyOf(gone)] });
    expect(rows(m.current)).toEqual(['zulu/b:running', 'alpha/b:running']);
    patch(m, { upserts: [vm('alpha', 'a2', 'b', 'stopped')] }); // positions were re-learnt after the removal
    expect(rows(m.current)).toEqual(['zulu/b:running', 'alpha/b:stopped']);
  });

  it('hosts reordered (same hosts, one of them in place) reorder the rows by the new host order', () => {
    const m = modelHolding(
      [zulu, alpha, mike],
      [vm('zulu', 'z', 'z'), vm('alpha', 'a', 'a'), vm('mike', 'm', 'm')],
    );
    patch(m, { hosts: [alpha, zulu, mike] });
    expect(rows(m.current)).toEqual(['alpha/a:running', 'zulu/z:running', 'mike/m:running']);
    expect(m.current!.hosts.map((h) => h.id)).toEqual(['alpha', 'zulu', 'mike']);
  });

  it('a host dropped from the end of the list sends its remaining rows after the listed hosts, by host id', () => {
    // Rows of hosts no longer listed sort last, by id (vm-order.ts): dropping `mike` and `alpha` from the end
    // turns "mike before alpha" into "alpha before mike", although what is left of the list is a prefix.
    const m = modelHolding(
      [zulu, mike, alpha],
      [vm('zulu', 'z', 'z'), vm('mike', 'm', 'm'), vm('alpha', 'a', 'a')],
    );
    patch(m, { hosts: [zulu] });
    expect(rows(m.current)).toEqual(['zulu/z:running', 'alpha/a:running', 'mike/m:running']);
  });

  it('a host added at the end takes its place in the order', () => {
    const m = modelHolding([zulu], [vm('zulu', 'z', 'z'), vm('alpha', 'a', 'a'), vm('mike', 'm', 'm')]);
    expect(rows(m.current)).toEqual(['zulu/z:running', 'alpha/a:running', 'mike/m:running']);
    patch(m, { hosts: [zulu, mike] });
    expect(rows(m.current)).toEqual(['zulu/z:running', 'mike/m:running', 'alpha/a:running']);
  });

  it('a host whose status changed (same order) changes only the host list', () => {
    const m = modelHolding([zulu, alpha], [vm('zulu', 'z', 'z'), vm('alpha', 'a', 'a')]);
    const before = m.current!;
    const after = patch(m, { hosts: [host('zulu', false), alpha] });
    expect(after.hosts[0]!.status.tag).toBe('connecting');
    expect(after.vms).toBe(before.vms); // the rows are the same objects: nothing to re-render
  });
});

describe('SnapshotModel: what a delta leaves alone', () => {
  it('fields a delta does not carry keep their previous objects; the previous snapshot is never written', () => {
    const m = modelHolding([zulu], [vm('zulu', '1', 'a'), vm('zulu', '2', 'b')], {
      pending: [{ hostId: 'zulu', vmId: '1', action: 'stop', startedAt: 1 }],
      mutedVms: ['zulu/2'],
      notificationsPausedUntil: 500,
      notificationHealth: { state: 'ok' },
    });
    const before = m.current!;
    const frozenRows = rows(before);
    const after = patch(m, { upserts: [vm('zulu', '2', 'b', 'stopped')] });
    expect(after).not.toBe(before);
    expect(after.vms).not.toBe(before.vms);
    expect(rows(before)).toEqual(frozenRows); // a component still holding the old snapshot sees the old rows
    expect(after.vms[0]).toBe(before.vms[0]);
    expect(after.hosts).toBe(before.hosts);
    expect(after.events).toBe(before.events);
    expect(after.pending).toBe(before.pending);
    expect(after.mutedVms).toBe(before.mutedVms);
    expect(after.notificationsPausedUntil).toBe(500);
    expect(after.notificationHealth).toEqual({ state: 'ok' });
    expect(after.generatedAt).toBe(2);
  });

  it('a delta that carries no VM change keeps the rows as the same array', () => {
    const m = modelHolding([zulu], [vm('zulu', '1', 'a')]);
    const before = m.current!;
    expect(patch(m, { pending: [] }).vms).toBe(before.vms);
  });

  it('pause, resume, mutes, pending actions and notification health are taken from the delta', () => {
    const m = modelHolding([zulu], [vm('zulu', '1', 'a')], { notificationHealth: { state: 'ok' } });
    expect(patch(m, { notificationsPausedUntil: 9_000 }).notificationsPausedUntil).toBe(9_000);
    expect(patch(m, { notificationsPausedUntil: null }).notificationsPausedUntil).toBeNull();
    const failing = { state: 'failing', reason: 'denied' } as const;
    expect(patch(m, { notificationHealth: failing }).notificationHealth).toEqual(failing);
    expect(patch(m, { mutedVms: ['zulu/1'] }).mutedVms).toEqual(['zulu/1']);
    const pending = [{ hostId: 'zulu', vmId: '1', action: 'start', startedAt: 3 }] as const;
    expect(patch(m, { pending }).pending).toEqual(pending);
    expect(m.current!.notificationHealth).toEqual(failing); // kept by the deltas that did not carry it
  });
});
