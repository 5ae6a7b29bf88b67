// One live pdfm event applied to the store (protocol §4.4, §9.1-9.3), and the confirmations it calls for: an
// unknown vm_id, a previous_state that disagrees with ours, or a VM_UPDATED whose state contradicts a state event
// seen in the last few seconds (the periodic full refresh's older snapshot) is asked with GET /machines/{id}.
import type { Vm } from '../../shared/model';
import type { VmEventMemory } from './event-memory';
import type { HubMessage } from './hub-ports';
import type { Logger } from '../kernel/logger';
import type { StoreAction } from './store';
import type { VmConfirmations } from './vm-confirmations';

export interface LiveEventDeps {
  hostId: string;
  getVm(vmId: string): Vm | undefined;
  /** Applies with source 'live'. */
  apply(action: StoreAction, reason: string): void;
  confirmations: VmConfirmations;
  memory: VmEventMemory;
  logger: Logger;
}

export function applyLiveEvent(m: HubMessage, at: number, d: LiveEventDeps): void {
  const host = d.hostId;
  switch (m.type) {
    case 'vm-state-changed': {
      d.confirmations.noteEvent(m.vmId);
      d.memory.noteStateEvent(m.vmId, at);
      const known = d.getVm(m.vmId);
      if (!known) {
        // No name in this event: ask for the VM.
        d.confirmations.confirm(m.vmId);
        return;
      }
      const action: StoreAction = {
        type: 'vm-state-changed',
        hostId: host,
        vmId: m.vmId,
        previousState: m.previousState,
        state: m.currentState,
        at,
      };
      d.apply(action, 'event');
      const disagrees = m.previousState !== null && m.previousState !== known.state;
      if (disagrees) d.confirmations.confirm(m.vmId);
      d.confirmations.watch(m.vmId, at);
      return;
    }
    case 'vm-upsert': {
      d.confirmations.noteEvent(m.vmId);
      d.memory.noteSeen(m.vmId);
      const known = d.getVm(m.vm.id);
      const stale =
        known !== undefined &&
        m.reason === 'updated' &&
        m.vm.state !== undefined &&
        m.vm.state !== known.state &&
        d.memory.hadRecentStateEvent(m.vmId, at);
      if (stale) {
        // Probably the full refresh's older snapshot (built before the state event, sent from its own
        // goroutine): keep our state, take the rest, and let GET /machines/{id} decide.
        const vm = { ...m.vm, state: known.state };
        d.apply({ type: 'vm-upsert', hostId: host, vm, at, offline: false }, m.reason);
        d.confirmations.confirm(m.vm.id);
        return;
      }
      d.apply({ type: 'vm-upsert', hostId: host, vm: m.vm, at, offline: false }, m.reason);
      if (!known && (m.vm.name === undefined || m.vm.state === undefined)) d.confirmations.confirm(m.vm.id);
      d.confirmations.watch(m.vm.id, at);
      return;
    }
    case 'vm-removed':
      d.confirmations.noteEvent(m.vmId);
      d.memory.noteRemoved(m.vmId, at);
      d.apply({ type: 'vm-removed', hostId: host, vmId: m.vmId }, 'event');
      d.confirmations.forget(m.vmId);
      return;
    case 'vm-uptime':
      d.apply({ type: 'vm-uptime', hostId: host, vmId: m.vmId, uptimeSeconds: m.uptimeSeconds }, 'event');
      return;
    case 'server-error':
      d.logger.warn('server reported an error', { hostId: host, message: m.message });
      return;
    default:
      return;
  }
}
