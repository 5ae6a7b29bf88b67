import { describe, expect, it } from 'vitest';
import { toDocsVm, toParallelsVm } from '../../sim/parallels-vm';
import { createRng } from '../../sim/rng';
import { generateVms, VmStore } from '../../sim/vm-store';

describe('deterministic VM generation', () => {
  it('is reproducible per seed and differs across seeds', () => {
    expect(generateVms(createRng(7), 12)).toEqual(generateVms(createRng(7), 12));
    expect(generateVms(createRng(7), 12)).not.toEqual(generateVms(createRng(8), 12));
  });

  it('makes unique ids, ci-style names and an OS mix including macosx', () => {
    const vms = generateVms(createRng(3), 40);
    expect(new Set(vms.map((v) => v.id)).size).toBe(40);
    expect(vms[0]).toMatchObject({ name: 'ci-mac-01', os: 'macosx', state: 'running' });
    for (const v of vms) {
      expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(v.name).toMatch(/^ci-[a-z]+-\d{2}$/);
    }
    expect(new Set(vms.map((v) => v.os)).size).toBeGreaterThan(2);
    expect(vms.filter((v) => v.state !== 'running').every((v) => v.uptime === '0')).toBe(true);
  });

  it('builds the capitalised ParallelsVM with the nested junk, and the docs shape', () => {
    const [vm] = generateVms(createRng(1), 1);
    if (!vm) throw new Error('no vm');
    const rest = toParallelsVm(vm);
    expect(rest).toMatchObject({
      ID: vm.id,
      Name: vm.name,
      State: vm.state,
      OS: vm.os,
      Uptime: vm.uptime,
      user: vm.user,
    });
    expect(rest).toHaveProperty(['Home path']);
    expect(rest).toHaveProperty(['Hardware', 'cpu', 'cpus']);
    expect(rest).toHaveProperty(['GuestTools', 'state']);
    expect(toDocsVm(vm)).toEqual({ name: vm.name, os_type: vm.os, state: vm.state });
  });

  it('finds VMs by id or name case-insensitively, but events use the exact id', () => {
    const vms = generateVms(createRng(1), 3);
    const store = new VmStore(vms);
    const v = vms[1];
    if (!v) throw new Error('no vm');
    expect(store.byIdOrName(v.id.toUpperCase())?.id).toBe(v.id);
    expect(store.byIdOrName(v.name.toUpperCase())?.id).toBe(v.id);
    expect(store.byId(v.id.toUpperCase())).toBeUndefined();
  });
});
