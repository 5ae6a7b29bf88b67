// JSON shapes of the orchestrator's REST answers, key for key in Go struct order: the VM list element (ORCH §2.3:
// `models.ParallelsVM` plus host fields) and `models.OrchestratorHostResponse` (ORCH §2.2).
import { toParallelsVm } from '../parallels-vm';
import type { SimVm } from '../types';
import type { FarmHost } from './farm-host';

/** `MapDtoVirtualMachineToApi()` + the host fields of `GetVirtualMachines()`. */
export function toOrchestratorVm(vm: SimVm, host: FarmHost): Record<string, unknown> {
  const { ID, ...rest } = toParallelsVm(vm);
  return {
    ID,
    host: host.baseUrl,
    // Despite its name, `GetHostUrl()` is `url.Parse(bare host).Path`: the bare host name in practice.
    host_url: host.hostName,
    host_id: host.id,
    // `getHostName()`: description, else the bare host name; recomputed on every read.
    host_name: host.description || host.hostName,
    // The *stored* state, not the live probe.
    host_state: host.storedState ?? '',
    ...rest,
    // Not copied by either mapper (`mappers/virtual_machine.go`).
    'USB and Bluetooth': {},
  };
}

/** `DtoOrchestratorHostToApiResponse()`; `state` is whatever the caller probed (or the stored one). */
export function toHostResponse(
  host: FarmHost,
  state: 'healthy' | 'unhealthy' | undefined,
): Record<string, unknown> {
  const running = host.cache.filter((v) => v.state === 'running').length;
  const out: Record<string, unknown> = {
    id: host.id,
    enabled: host.enabled,
    host: host.baseUrl,
    architecture: 'arm64',
    cpu_model: 'Apple M2 Pro',
    os_version: '15.6',
    os_name: 'macOS',
    external_ip_address: '203.0.113.7',
    devops_version: host.devopsVersion,
    description: host.description,
    tags: ['ci'],
  };
  if (state !== undefined) out.state = state;
  Object.assign(out, {
    parallels_desktop_version: '26.0.1',
    parallels_desktop_licensed: true,
    has_websocket_events: host.hasWebsocketEvents,
    is_reverse_proxy_enabled: false,
    is_log_streaming_enabled: true,
    enabled_modules: ['api', 'cors', 'host', 'cache', 'catalog_manager'],
    resources: {
      total_apple_vms: host.cache.filter((v) => v.os === 'macosx').length,
      physical_cpu_count: 10,
      logical_cpu_count: 10,
      memory_size: 32768,
      disk_size: 994662,
      mac_vms_running: running,
    },
  });
  return out;
}
