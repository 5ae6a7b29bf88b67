// One host of the farm: the Mac's truth (its own VmStore, what prlctl says) and the orchestrator's cached copy of
// it (the JSON DB rows of ORCH §2.3/§2.4), plus the orchestrator's stored view of the host (ORCH §2.2, §4.2, §4.5).
// The two VM lists diverge exactly when ORCH says they do: events lost during a link outage (§3.5) and the silent
// full refresh that repairs them.
import type { SimVm } from '../types';
import { VmStore } from '../vm-store';
import type { FarmHostView, HostService } from './types';

export class FarmHost {
  readonly truth: VmStore;
  /** The orchestrator's cache for this host, in the host's list order. */
  cache: SimVm[];
  enabled: boolean;
  service: HostService = 'up';
  linkBlocked = false;
  client: FarmHostView['client'] = 'none';
  hasWebsocketEvents = false;
  storedState: FarmHostView['storedState'] = undefined;
  /** `UpdatedAt` of the DB row: refreshed by pongs and health writes; the health tick skips fresh hosts (§4.5). */
  updatedAt = 0;
  lastPongAt = 0;
  /** Orders /orchestrator/machines: "last update first" (ORCH §2.3). */
  touchedAt = 0;
  removed = false;

  constructor(
    readonly id: string,
    readonly description: string,
    readonly hostName: string,
    public devopsVersion: string,
    readonly linkable: boolean,
    enabled: boolean,
    vms: SimVm[],
    /** A host backed by a real single-host simulator: its real base URL (backing-link.ts). */
    private readonly backedUrl: string | null = null,
  ) {
    this.truth = new VmStore(vms);
    // RegisterHost() fills the cache before anything else happens (ORCH §3.3 HOST_ADDED row).
    this.cache = this.truth.all();
    this.enabled = enabled;
  }

  /** `schema://host:port/prefix` (`src/data/models/orchestrator_host.go` `GetHost()`). */
  get baseUrl(): string {
    return this.backedUrl ?? `http://${this.hostName}:3080/api`;
  }

  /** Can the orchestrator's WS reach the host's hub right now? */
  get dialable(): boolean {
    return this.service === 'up' && this.linkable && !this.linkBlocked && this.enabled && !this.removed;
  }

  /** The host is producing events and they reach the orchestrator (ORCH §3.5: the link is the only producer). */
  get relaying(): boolean {
    return this.client === 'connected' && this.service === 'up' && !this.linkBlocked;
  }

  cachedVm(vmId: string): SimVm | undefined {
    return this.cache.find((vm) => vm.id === vmId);
  }

  /** ID-only, case-insensitive (`GetOrchestratorHostVirtualMachine()`, ORCH §2.4). */
  cachedVmCaseInsensitive(vmId: string): SimVm | undefined {
    const k = vmId.toLowerCase();
    return this.cache.find((vm) => vm.id.toLowerCase() === k);
  }

  /** `UpsertOrchestratorHostVM()`: compare `ID` exactly, per host (ORCH §2.7). */
  upsertCached(vm: SimVm): void {
    const i = this.cache.findIndex((v) => v.id === vm.id);
    if (i >= 0) this.cache[i] = { ...vm };
    else this.cache.push({ ...vm });
  }

  removeCached(vmId: string): void {
    this.cache = this.cache.filter((v) => v.id !== vmId);
  }

  view(): FarmHostView {
    return {
      id: this.id,
      description: this.description,
      host: this.baseUrl,
      hostName: this.hostName,
      enabled: this.enabled,
      devopsVersion: this.devopsVersion,
      service: this.service,
      linkable: this.linkable,
      linkBlocked: this.linkBlocked,
      client: this.client,
      hasWebsocketEvents: this.hasWebsocketEvents,
      storedState: this.storedState,
    };
  }
}
