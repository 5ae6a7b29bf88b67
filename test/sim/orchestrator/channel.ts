// The `orchestrator` WS channel: the 18 message names and their bodies, field for field (ORCH §3.3, §3.4), published
// through the single-host simulator's Hub, so queueing, batching, pings and the 2048 cap are the same code (ORCH §3.1).
import { envelope, goTimestamp } from '../bodies';
import type { Hub } from '../hub';
import { toParallelsVm } from '../parallels-vm';
import type { Rng } from '../rng';
import type { SimVm } from '../types';
import type { OrchestratorSimStats } from './types';

/** All names that `git grep EventTypeOrchestrator` finds (ORCH §3.3, §3.9: all 18 exist from v1.0.0). */
export const ORCHESTRATOR_MESSAGES = [
  'HOST_VM_STATE_CHANGED',
  'HOST_VM_ADDED',
  'HOST_VM_UPDATED',
  'HOST_VM_REMOVED',
  'HOST_VM_UPTIME_CHANGED',
  'HOST_VM_SNAPSHOTS_UPDATED',
  'HOST_MAC_VMS_RUNNING_NOW',
  'HOST_HEALTH_UPDATE',
  'HOST_WEBSOCKET_CONNECTED',
  'HOST_WEBSOCKET_DISCONNECTED',
  'HOST_WEBSOCKET_DEGRADED',
  'HOST_STATS_UPDATE',
  'HOST_LOGS_UPDATE',
  'HOST_CATALOG_CACHE_EVENT',
  'HOST_REVERSE_PROXY_UPDATED',
  'HOST_ADDED',
  'HOST_REMOVED',
  'HOST_DEPLOYED',
] as const;
export type OrchestratorMessage = (typeof ORCHESTRATOR_MESSAGES)[number];

/** Per-frame handler goroutines let a later same-VM event overtake the earlier one (ORCH §3.6). */
const SWAP_PROBABILITY = 0.35;

const LOG_LINES = [
  'Processing VM state change',
  'Health check completed',
  'Refreshing hardware info',
  'Catalog cache checked',
  'Executing prlctl list',
] as const;

export class OrchestratorChannel {
  private statsTicks = 0;

  constructor(
    private readonly hub: Hub,
    private readonly stats: OrchestratorSimStats,
    private readonly rng: Rng,
    private readonly realistic: boolean,
  ) {}

  /** `handlers/pdfm_event_handler.go` `emitHostVMEvent()`: `{"host_id","event":<host body re-marshalled>}`. */
  vmStateChanged(hostId: string, vmId: string, previous: string, current: string): void {
    this.vm(hostId, vmId, 'HOST_VM_STATE_CHANGED', {
      previous_state: previous,
      current_state: current,
      vm_id: vmId,
    });
  }

  /** `new_vm` is the full ParallelsVM without `host_*` keys (ORCH §3.3, last paragraph). */
  vmUpsert(hostId: string, vm: SimVm, kind: 'HOST_VM_ADDED' | 'HOST_VM_UPDATED'): void {
    this.vm(hostId, vm.id, kind, { vm_id: vm.id, new_vm: toParallelsVm(vm) });
  }

  vmRemoved(hostId: string, vmId: string): void {
    this.vm(hostId, vmId, 'HOST_VM_REMOVED', { vm_id: vmId });
  }

  vmUptime(hostId: string, vmId: string, uptime: string): void {
    this.vm(hostId, vmId, 'HOST_VM_UPTIME_CHANGED', { vm_id: vmId, uptime });
  }

  vmSnapshots(hostId: string, vmId: string): void {
    this.vm(hostId, vmId, 'HOST_VM_SNAPSHOTS_UPDATED', { vm_id: vmId, snapshots: [] });
  }

  macVmsRunning(hostId: string, vmIds: string[]): void {
    this.publish('HOST_MAC_VMS_RUNNING_NOW', { host_id: hostId, event: { mac_vms_running: vmIds } });
  }

  /** `processHost()` / `handlePong()`: `{"host_id","state"}`. */
  health(hostId: string, state: 'healthy' | 'unhealthy'): void {
    this.publish('HOST_HEALTH_UPDATE', { host_id: hostId, state });
  }

  linkConnected(hostId: string): void {
    this.publish('HOST_WEBSOCKET_CONNECTED', { host_id: hostId, state: 'websocket_connected' });
  }

  linkDisconnected(hostId: string): void {
    this.publish('HOST_WEBSOCKET_DISCONNECTED', { host_id: hostId, state: 'websocket_disconnected' });
  }

  /** The state says "healthy", not "degraded" (`processHost()`, ORCH §3.3). */
  linkDegraded(hostId: string): void {
    this.publish('HOST_WEBSOCKET_DEGRADED', { host_id: hostId, state: 'healthy' });
  }

  /**
   * `host_stats_handler.go`: every host `stats` message, the 5 s "System Stats" and, now and then, the
   * DISK_SPACE_CHANGED body; the original name is lost (ORCH §3.3).
   */
  hostStats(hostId: string): void {
    const disk = ++this.statsTicks % 12 === 0;
    const stats = disk
      ? { cache_folder_size: 10240, parallels_home_size: 204800 + this.rng.int(1000) }
      : {
          memory_bytes: 41943040 + this.rng.int(1 << 20),
          memory_alloc_bytes: 20971520,
          cpu_user_seconds: 12.3,
          cpu_system_seconds: 4.5,
          cpu_percent: Math.round(this.rng.next() * 100) / 100,
          goroutines: 58,
          goroutines_smoothed: 57.2,
        };
    this.publish('HOST_STATS_UPDATE', { host_id: hostId, stats });
  }

  /** `host_logs_handler.go`: `{"host_id","log":{"level","message","time"}}`. */
  hostLog(hostId: string): void {
    const message = this.rng.pick(LOG_LINES);
    this.publish('HOST_LOGS_UPDATE', {
      host_id: hostId,
      log: { level: 'info', message, time: goTimestamp() },
    });
  }

  /** Catalog-cache and reverse-proxy relays are Go maps, so the keys come out sorted: "event" before "host_id". */
  hostWrapped(hostId: string, kind: 'HOST_CATALOG_CACHE_EVENT' | 'HOST_REVERSE_PROXY_UPDATED'): void {
    const inner =
      kind === 'HOST_CATALOG_CACHE_EVENT'
        ? envelope('catalog_cache', 'CACHE_ITEM_ADDED', {
            catalog_id: 'ubuntu-ci',
            version: 'v1',
            cache_size: 1,
            cache_type: 'pack',
          })
        : envelope('reverse_proxy', 'REVERSE_PROXY_HOST_UPDATED', { id: 'rp-1' });
    this.publish(kind, { event: inner, host_id: hostId });
  }

  /** `register_host.go` `RegisterHost()`: `host` is the bare host name; `description` omitted when empty. */
  hostAdded(hostId: string, hostName: string, description: string): void {
    this.publish('HOST_ADDED', {
      host_id: hostId,
      host: hostName,
      ...(description ? { description } : {}),
    });
  }

  /** `unregister_host.go`: `host_id` is the DELETE path value verbatim (ORCH §3.8). */
  hostRemoved(pathValue: string, hostName: string | undefined): void {
    this.publish('HOST_REMOVED', { host_id: pathValue, ...(hostName ? { host: hostName } : {}) });
  }

  /** `deployer.go`: at the end of an SSH deploy; `host_id` may be "". */
  hostDeployed(hostId: string, hostName: string): void {
    this.publish('HOST_DEPLOYED', {
      host_id: hostId,
      host: hostName,
      message: 'Agent deployed and registered successfully',
    });
  }

  private vm(hostId: string, vmId: string, message: OrchestratorMessage, event: object): void {
    const swap = this.realistic && this.rng.chance(SWAP_PROBABILITY);
    // The swap key is per host: VM IDs are not unique across hosts (ORCH §2.7).
    this.publish(message, { host_id: hostId, event }, { vmId: `${hostId}/${vmId}`, swapWithPrevious: swap });
  }

  private publish(
    message: OrchestratorMessage,
    body: object,
    options: { vmId?: string; swapWithPrevious?: boolean } = {},
  ): void {
    this.stats.published[message] = (this.stats.published[message] ?? 0) + 1;
    // The envelope id and timestamp are new, made by the orchestrator when it re-emits (ORCH §3.2).
    this.hub.publish(envelope('orchestrator', message, body), options);
  }
}
