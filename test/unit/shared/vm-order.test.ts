import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../src/shared/model';
import { sortVms } from '../../../src/shared/vm-order';

// The one order main and page both sort by (vm-order.ts). It must be total: a page that patches its list in place
// and a main that sorts afresh only agree if no two distinct VMs compare equal.
const farmVm = (farmHostId: string): Vm => ({
  hostId: 'orch',
  farmHostId,
  // The same .pvm bundle registered on two Macs: same ID, same name (orchestrator-protocol.md §6.1 keys farm VMs
  // by host_id AND ID, so both exist side by side).
  id: '{6C2D1F0A-8B7E-4C33-9A10-000000000001}',
  name: 'ci-mac-01',
  state: 'running',
  os: 'macosx',
  uptimeSeconds: 1,
  stateSince: 0,
  changedWhileOffline: false,
});

describe('sortVms', () => {
  it('orders two farm VMs with the same ID and name by their Mac, whatever order they arrive in', () => {
    const a = farmVm('mac-a');
    const b = farmVm('mac-b');
    const order = (vms: Vm[]) => sortVms(vms, ['orch']).map((vm) => vm.farmHostId);
    expect(order([b, a])).toEqual(['mac-a', 'mac-b']);
    expect(order([a, b])).toEqual(['mac-a', 'mac-b']);
  });

  it('sorts hosts in the given order, then names naturally, then ids', () => {
    const vm = (hostId: string, name: string, id: string): Vm => ({ ...farmVm('x'), hostId, name, id });
    const sorted = sortVms(
      [vm('h2', 'a', '1'), vm('h1', 'mac-10', '2'), vm('h1', 'mac-2', '4'), vm('h1', 'mac-2', '3')],
      ['h1', 'h2'],
    );
    expect(sorted.map((v) => `${v.hostId}:${v.name}:${v.id}`)).toEqual([
      'h1:mac-2:3',
      'h1:mac-2:4',
      'h1:mac-10:2',
      'h2:a:1',
    ]);
  });
});
