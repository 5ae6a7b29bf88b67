// What the popover's model promises to cost per push (shared/snapshot-model.ts header; issue 15 "Scale"): a VM that
// changed in place (same host, same name: a state change, the common case while a farm streams) keeps its row with
// no re-sort of the list; only added, removed or renamed VMs, or a new host order, pay for sortVms. At 4,000 VMs a
// sort per push was the cost the deltas were made to remove, so the number of sorts is the behaviour checked here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vmKeyOf } from '../../../src/shared/model';
import * as order from '../../../src/shared/vm-order';
import { host, modelHolding, patch, rows, vm } from './snapshot-model-fixtures';

vi.mock('../../../src/shared/vm-order', async (importOriginal) => {
  const real = await importOriginal<typeof order>();
  return { ...real, sortVms: vi.fn(real.sortVms) };
});
const sorts = vi.mocked(order.sortVms);

afterEach(() => sorts.mockClear());

const farm = () =>
  modelHolding(
    [host('zulu'), host('alpha')],
    [vm('zulu', '1', 'a'), vm('zulu', '2', 'b'), vm('alpha', '3', 'c')],
  );

describe('SnapshotModel: a state change is patched in place, without a re-sort', () => {
  it('state changes, one after another, keep their rows and never sort', () => {
    const m = farm();
    sorts.mockClear();
    patch(m, { upserts: [vm('zulu', '2', 'b', 'stopped')] });
    patch(m, { upserts: [vm('alpha', '3', 'c', 'stopped'), vm('zulu', '1', 'a', 'suspended')] });
    patch(m, { upserts: [vm('zulu', '2', 'b', 'running')] });
    expect(rows(m.current)).toEqual(['zulu/a:suspended', 'zulu/b:running', 'alpha/c:stopped']);
    expect(sorts).not.toHaveBeenCalled();
  });

  it('a change after a re-sort is in place again (the positions were re-learnt)', () => {
    const m = farm();
    patch(m, { removed: [vmKeyOf(vm('zulu', '1', 'a'))] });
    patch(m, { upserts: [vm('zulu', '0', 'aa')] });
    sorts.mockClear();
    patch(m, { upserts: [vm('alpha', '3', 'c', 'stopped'), vm('zulu', '0', 'aa', 'stopped')] });
    expect(rows(m.current)).toEqual(['zulu/aa:stopped', 'zulu/b:running', 'alpha/c:stopped']);
    expect(sorts).not.toHaveBeenCalled();
  });

  it('host summaries that changed but kept their order, events, mutes or pending actions never sort', () => {
    const m = farm();
    sorts.mockClear();
    patch(m, { hosts: [host('zulu', false), host('alpha')] });
    patch(m, { mutedVms: ['zulu/1'], pending: [], notificationsPausedUntil: 5 });
    expect(sorts).not.toHaveBeenCalled();
  });

  it('an added, renamed or removed VM or a new host order sorts once per delta', () => {
    const m = farm();
    sorts.mockClear();
    patch(m, { upserts: [vm('zulu', '2', 'b', 'stopped'), vm('zulu', '9', 'z')] });
    patch(m, { upserts: [vm('zulu', '2', 'zz', 'stopped')] });
    patch(m, { removed: [vmKeyOf(vm('zulu', '9', 'z'))] });
    patch(m, { hosts: [host('alpha'), host('zulu')] });
    expect(sorts).toHaveBeenCalledTimes(4);
    expect(rows(m.current)).toEqual(['alpha/c:running', 'zulu/a:running', 'zulu/zz:stopped']);
  });
});
