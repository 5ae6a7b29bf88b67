// The popover's model keys its VMs (vmKeyOf) when a delta first needs the positions, not when a whole snapshot
// lands (shared/snapshot-model.ts #indexOf): keying a 100-Mac farm's 4,000 VMs belonged to the task where the page's
// whole list lands, its longest (render-settle.ts). What is checked: nothing is keyed on arrival, the first delta
// keys the list once, later deltas reuse it, and a re-sort makes the next delta key the new list.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as model from '../../../src/shared/model';
import { SnapshotModel } from '../../../src/shared/snapshot-model';
import { host, modelHolding, patch, rows, vm } from './snapshot-model-fixtures';

vi.mock('../../../src/shared/model', async (importOriginal) => {
  const real = await importOriginal<typeof model>();
  return { ...real, vmKeyOf: vi.fn(real.vmKeyOf) };
});
const keyed = vi.mocked(model.vmKeyOf);

afterEach(() => keyed.mockClear());

const three = () => [vm('zulu', '1', 'a'), vm('zulu', '2', 'b'), vm('alpha', '3', 'c')];

describe('SnapshotModel: VMs are keyed when a delta needs them', () => {
  it('a full push keys nothing; the first delta keys the list once, the next ones only their own VMs', () => {
    const m = modelHolding([host('zulu'), host('alpha')], three());
    expect(keyed).not.toHaveBeenCalled();
    patch(m, { upserts: [vm('zulu', '2', 'b', 'stopped')] });
    expect(keyed).toHaveBeenCalledTimes(3 + 1);
    keyed.mockClear();
    patch(m, { upserts: [vm('alpha', '3', 'c', 'stopped')] });
    expect(keyed).toHaveBeenCalledTimes(1);
    expect(rows(m.current)).toEqual(['zulu/a:running', 'zulu/b:stopped', 'alpha/c:stopped']);
  });

  it('a seeded whole snapshot keys nothing until a delta comes', () => {
    const m = new SnapshotModel();
    const whole = { ...modelHolding([host('zulu'), host('alpha')], three()).current! };
    keyed.mockClear();
    expect(m.seed(whole, 7)).toBe('applied');
    expect(keyed).not.toHaveBeenCalled();
    expect(
      m.apply({
        generation: 8,
        delta: { base: 7, upserts: [vm('zulu', '1', 'a', 'stopped')], generatedAt: 1 },
      }),
    ).toBe('applied');
    expect(rows(m.current)).toEqual(['zulu/a:stopped', 'zulu/b:running', 'alpha/c:running']);
  });

  it('after a re-sort the next in-place change finds its VM at its new position', () => {
    const m = modelHolding([host('zulu'), host('alpha')], three());
    patch(m, { upserts: [vm('zulu', '0', 'aa')] }); // a new VM: re-sorted, positions shift
    keyed.mockClear();
    patch(m, { upserts: [vm('zulu', '2', 'b', 'suspended')] });
    expect(rows(m.current)).toEqual([
      'zulu/a:running',
      'zulu/aa:running',
      'zulu/b:suspended',
      'alpha/c:running',
    ]);
    expect(keyed).toHaveBeenCalledTimes(4 + 1);
  });
});
