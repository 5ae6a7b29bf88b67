// A minimal in-memory farm for tests of the pure farm planners: a FarmView over two maps, and the application of
// FarmSteps to it, as the app's store will do once farm mode is wired in.
import type { FarmHostRecord, FarmStep, FarmView, FarmVmRecord } from '../../src/main/core/farm-rules';

export class MemoryFarm implements FarmView {
  readonly hosts = new Map<string, FarmHostRecord>();
  /** hostId -> vmId -> record. */
  readonly vms = new Map<string, Map<string, FarmVmRecord>>();
  readonly unreachable: string[] = [];

  host(id: string): FarmHostRecord | undefined {
    return this.hosts.get(id);
  }
  hostIds(): Iterable<string> {
    return this.hosts.keys();
  }
  vm(hostId: string, vmId: string): FarmVmRecord | undefined {
    return this.vms.get(hostId)?.get(vmId);
  }
  vmsOf(hostId: string): FarmVmRecord[] {
    return [...(this.vms.get(hostId)?.values() ?? [])];
  }

  addHost(record: FarmHostRecord): void {
    this.hosts.set(record.id, record);
    if (!this.vms.has(record.id)) this.vms.set(record.id, new Map());
  }

  apply(steps: readonly FarmStep[]): void {
    for (const step of steps) this.applyOne(step);
  }

  private applyOne(step: FarmStep): void {
    const vms = 'hostId' in step ? this.vms.get(step.hostId) : undefined;
    switch (step.kind) {
      case 'set-vm-state': {
        const r = vms?.get(step.vmId);
        if (r) Object.assign(r, { vm: { ...r.vm, state: step.state }, lastEventAt: step.at });
        return;
      }
      case 'set-vm-uptime': {
        const r = vms?.get(step.vmId);
        if (r)
          r.vm = {
            ...r.vm,
            ...(step.uptimeSeconds === undefined ? {} : { uptimeSeconds: step.uptimeSeconds }),
          };
        return;
      }
      case 'upsert-vm':
        vms?.set(step.vm.id, {
          hostId: step.hostId,
          vm: { ...step.vm },
          lastEventAt: step.at ?? vms.get(step.vm.id)?.lastEventAt ?? null,
          suspect: false,
        });
        return;
      case 'remove-vm':
        vms?.delete(step.vmId);
        return;
      case 'set-host': {
        const h = this.hosts.get(step.hostId);
        if (!h) return;
        if (step.stored !== undefined) h.stored = step.stored;
        if (step.link !== undefined) h.link = step.link;
        return;
      }
      case 'remove-host':
        this.hosts.delete(step.hostId);
        this.vms.delete(step.hostId);
        return;
      case 'mark-host-suspect':
        for (const r of vms?.values() ?? []) r.suspect = true;
        return;
      case 'vm-verified': {
        const r = vms?.get(step.vmId);
        if (r) r.suspect = false;
        return;
      }
      case 'host-unreachable':
        this.unreachable.push(step.hostId);
        return;
    }
  }
}
