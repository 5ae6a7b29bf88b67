// Mutations of the truth and the pdfm events the real server would emit for them (protocol doc §4.4, §7, §9.1-9.2).
import { envelope } from './bodies';
import type { Hub } from './hub';
import { toDocsVm, toParallelsVm } from './parallels-vm';
import type { Rng } from './rng';
import type { SimVm } from './types';
import type { VmStore } from './vm-store';

export interface VmEventOptions {
  docsShape: boolean;
  realistic: boolean;
  /** The cache changes at once, the frame leaves this much later (goroutine + 100 ms flush). Default 0. */
  eventLagMs?: number;
  /** Age of the full-refresh snapshot when it is broadcast. Default 0. */
  refreshSnapshotAgeMs?: number;
  /** Runs `fn` after `ms` unless the simulator closes first. */
  later?: (ms: number, fn: () => void) => void;
}

/** How often the realistic mode lets a racing goroutine overtake the previous event for the same VM. */
const SWAP_PROBABILITY = 0.35;
const DUPLICATE_ADD_PROBABILITY = 0.5;

/** syncMacVmRunningStatus(): a "Mac" VM is OS macosx or any VM whose name contains "mac" (main.go). */
const isRunningMac = (vm: SimVm): boolean =>
  vm.state === 'running' && (vm.os === 'macosx' || vm.name.toLowerCase().includes('mac'));

export class VmEvents {
  /**
   * The server's macVMsRunning snapshot. Filled at start-up (refreshCache() syncs it before any client can be
   * connected, so no client saw that first MAC_VMS_RUNNING_NOW).
   */
  private macRunning: string[];

  constructor(
    private readonly store: VmStore,
    private readonly hub: Hub,
    private readonly rng: Rng,
    private readonly opts: VmEventOptions,
  ) {
    this.macRunning = this.runningMacs();
  }

  /** previous_state is the cached state; an unchanged state sends nothing (processVmStateChanged()). */
  setState(id: string, state: string, silent = false): void {
    const vm = this.require(id);
    if (vm.state === state) return;
    const previous = vm.state;
    const becameLive = state === 'running' && previous !== 'running';
    const uptime = state === 'stopped' || becameLive ? '0' : vm.uptime;
    this.store.update(id, { state, uptime });
    if (silent) return;
    this.emit('VM_STATE_CHANGED', { previous_state: previous, current_state: state, vm_id: id }, id);
    this.syncMacVmRunningStatus();
  }

  addVm(vm: SimVm, silent = false): void {
    if (this.store.byId(vm.id)) throw new Error(`VM ${vm.id} already exists`);
    this.store.add(vm);
    if (silent) return;
    const body = { vm_id: vm.id, new_vm: this.newVm(vm) };
    this.emit('VM_ADDED', body, vm.id);
    // processVmAdded() does not dedupe: several monitor-events processes can report the same VM.
    if (this.opts.realistic && this.rng.chance(DUPLICATE_ADD_PROBABILITY)) this.emit('VM_ADDED', body, vm.id);
  }

  removeVm(id: string, silent = false): void {
    this.require(id);
    this.store.remove(id);
    if (!silent) this.emit('VM_REMOVED', { vm_id: id }, id);
  }

  /** Renames reach clients as VM_UPDATED with the new new_vm.Name. */
  renameVm(id: string, name: string, silent = false): void {
    this.require(id);
    const changed = this.store.update(id, { name });
    if (!silent && changed) this.emit('VM_UPDATED', { vm_id: id, new_vm: this.newVm(changed.after) }, id);
  }

  /** Only the uptime differs: VM_UPTIME_CHANGED (evaluateVmChanges()). */
  setUptime(id: string, uptime: string): void {
    const vm = this.require(id);
    if (vm.uptime === uptime) return;
    this.store.update(id, { uptime });
    this.emit('VM_UPTIME_CHANGED', { vm_id: id, uptime }, id);
  }

  /**
   * startAutoCacheRefresh(): a VM_UPDATED for every VM. The snapshot is taken now and sent from another
   * goroutine, so with refreshSnapshotAgeMs it can arrive after newer state events (updateVmInCache()).
   */
  refreshAll(): void {
    const frames = this.store
      .all()
      .map((vm) => ({ id: vm.id, body: { vm_id: vm.id, new_vm: this.newVm(vm) } }));
    const send = (): void => {
      for (const f of frames) this.emit('VM_UPDATED', f.body, f.id, true);
    };
    this.syncMacVmRunningStatus();
    const age = this.opts.refreshSnapshotAgeMs ?? 0;
    if (age > 0 && this.opts.later) this.opts.later(age, send);
    else send();
  }

  /**
   * A (re)started server loads its cache from `prlctl list` and syncs the Mac set at once, before any client is
   * back (refreshCache()): that MAC_VMS_RUNNING_NOW reaches no one, and the next one compares with the new set.
   */
  serverRestarted(): void {
    this.macRunning = this.runningMacs();
  }

  /**
   * processVmStateChanged() and the full refresh run `go s.syncMacVmRunningStatus(ctx)`: MAC_VMS_RUNNING_NOW with
   * the whole list of running Mac VM ids, only when the set changed (resetMacVMsRunning()). Real traffic on the
   * pdfm channel that a client must take in stride.
   */
  private syncMacVmRunningStatus(): void {
    const now = this.runningMacs();
    const changed = now.length !== this.macRunning.length || now.some((id) => !this.macRunning.includes(id));
    this.macRunning = now;
    if (changed) this.emit('MAC_VMS_RUNNING_NOW', { mac_vms_running: now }, '');
  }

  private runningMacs(): string[] {
    return this.store
      .all()
      .filter(isRunningMac)
      .map((vm) => vm.id);
  }

  private newVm(vm: SimVm): Record<string, unknown> {
    return this.opts.docsShape ? toDocsVm(vm) : toParallelsVm(vm);
  }

  private emit(message: string, body: object, vmId: string, immediate = false): void {
    const swap = this.opts.realistic && this.rng.chance(SWAP_PROBABILITY);
    const publish = (): void =>
      this.hub.publish(envelope('pdfm', message, body), { vmId, swapWithPrevious: swap });
    const lag = immediate ? 0 : (this.opts.eventLagMs ?? 0);
    // The cache (what GET /machines reads) is already updated; the frame follows (list-before-event race).
    if (lag > 0 && this.opts.later) this.opts.later(lag, publish);
    else publish();
  }

  private require(id: string): SimVm {
    const vm = this.store.byId(id);
    if (!vm) throw new Error(`the simulator has no VM with id ${id}`);
    return vm;
  }
}
