// The hosts the orchestrator has registered, and every change to a host's truth. A change reaches the orchestrator's
// cache and the `orchestrator` channel only over a live link (ORCH §3.5: the link is the only producer of
// HOST_VM_*); otherwise it is lost, and only the silent full refresh (links.ts) repairs the cache.
import type { Rng } from '../rng';
import type { SimVm } from '../types';
import { generateVm, generateVms } from '../vm-store';
import type { OrchestratorChannel } from './channel';
import { FarmHost } from './farm-host';
import type { LinkEngine } from './links';
import type { ExtraRelay, OrchestratorHostSpec, OrchestratorSimStats } from './types';

export interface FarmDefaults {
  vmsPerHost: number;
  devopsVersion: string;
}

export class Farm {
  private readonly hosts = new Map<string, FarmHost>();
  private registered = 0;
  engine: LinkEngine | null = null;

  constructor(
    private readonly rng: Rng,
    private readonly channel: OrchestratorChannel,
    private readonly stats: OrchestratorSimStats,
    private readonly defaults: FarmDefaults,
  ) {}

  list(): FarmHost[] {
    return [...this.hosts.values()];
  }

  /** The id, or the full host URL, case-insensitively (`getOrchestratorHostUnsafe()`). */
  find(key: string): FarmHost | undefined {
    const k = key.toLowerCase();
    return this.list().find((h) => h.id.toLowerCase() === k || h.baseUrl.toLowerCase() === k);
  }

  require(id: string): FarmHost {
    const host = this.find(id);
    if (!host) throw new Error(`the orchestrator simulator has no host with id ${id}`);
    return host;
  }

  /**
   * `RegisterHost()`: VMs into the cache, probe and connect, then HOST_ADDED — so the new host's
   * HOST_WEBSOCKET_CONNECTED can precede its HOST_ADDED (ORCH §3.6). `announce` false = already registered at start.
   */
  register(spec: OrchestratorHostSpec, announce: boolean): FarmHost {
    const n = ++this.registered;
    const id = Array.from({ length: 64 }, () => this.rng.int(16).toString(16)).join('');
    const backing = spec.backedBy;
    const vms = backing
      ? backing.vms()
      : typeof spec.vms === 'object'
        ? spec.vms
        : generateVms(this.rng, spec.vms ?? this.defaults.vmsPerHost);
    const hostName = backing
      ? new URL(backing.url).hostname
      : `10.20.${Math.floor(n / 200)}.${10 + (n % 200)}`;
    const host = new FarmHost(
      id,
      spec.description ?? `mac-mini-${String(n).padStart(2, '0')}`,
      hostName,
      spec.devopsVersion ?? this.defaults.devopsVersion,
      spec.linkable ?? true,
      spec.enabled ?? true,
      vms,
      backing ? `${backing.url}/api` : null,
    );
    host.storedState = 'healthy';
    host.updatedAt = Date.now();
    host.touchedAt = Date.now();
    this.hosts.set(id, host);
    if (announce) {
      this.engine?.probeAndConnect(host);
      this.channel.hostAdded(host.id, host.hostName, host.description);
    }
    return host;
  }

  /**
   * `DeleteOrchestratorHost()` accepts the id or the host name, case-insensitively; HOST_REMOVED carries the path
   * value verbatim and no per-VM removals follow (ORCH §3.3, §3.8). The link lives on until the next monitor tick.
   */
  remove(pathValue: string): boolean {
    const k = pathValue.toLowerCase();
    const host = this.list().find(
      (h) => h.id.toLowerCase() === k || h.hostName.toLowerCase() === k || h.description.toLowerCase() === k,
    );
    if (!host) return false;
    host.removed = true;
    this.hosts.delete(host.id);
    this.channel.hostRemoved(pathValue, host.hostName);
    return true;
  }

  /** Disable: `DisconnectHost()`, VMs hidden from /orchestrator/machines. Enable: full refresh, then connect. */
  setEnabled(host: FarmHost, enabled: boolean): void {
    if (host.enabled === enabled) return;
    host.enabled = enabled;
    if (!enabled) {
      this.engine?.disconnect(host);
      return;
    }
    void this.engine?.refreshHost(host).then(() => this.engine?.probeAndConnect(host));
  }

  /** The service dies, the Mac stays up: the link's read fails at once (FIN/RST, ORCH §4.8 first row). */
  killService(host: FarmHost): void {
    host.service = 'killed';
    this.engine?.readError(host);
  }

  /** The Mac goes dark: its VMs stop, nobody is told; the link dies only at its 3P read deadline (ORCH §4.8). */
  powerOff(host: FarmHost): void {
    host.service = 'powered-off';
    for (const vm of host.truth.all()) host.truth.update(vm.id, { state: 'stopped', uptime: '0' });
  }

  /**
   * Service (and Mac) back. A Mac that was dark and rebooted answers the orchestrator's next ping on the old TCP
   * connection with RST, so a link still believed up fails at once and is re-made by the backoff loop (ORCH §4.3):
   * the client sees DISCONNECTED, then CONNECTED, and never the stops that happened while it was dark (§3.5).
   */
  startService(host: FarmHost): void {
    const wasDark = host.service === 'powered-off';
    host.service = 'up';
    if (wasDark) this.engine?.readError(host);
  }

  cutLink(host: FarmHost): void {
    host.linkBlocked = true;
    this.engine?.readError(host);
  }

  setState(host: FarmHost, vmId: string, state: string, silent: boolean): void {
    const vm = this.vmOf(host, vmId);
    if (vm.state === state) return; // the host compares with its own cache and sends nothing
    const previous = vm.state;
    const uptime = state === 'stopped' || (state === 'running' && previous !== 'running') ? '0' : vm.uptime;
    host.truth.update(vmId, { state, uptime });
    if (silent || !this.relayable(host)) return;
    // `UpdateOrchestratorHostVMState()` is a no-op for an uncached VM, but the event goes out anyway (ORCH §3.3).
    const cached = host.cachedVm(vmId);
    if (cached) Object.assign(cached, { state, uptime });
    host.touchedAt = Date.now();
    this.channel.vmStateChanged(host.id, vmId, previous, state);
  }

  addVm(host: FarmHost, partial: Partial<SimVm>, silent: boolean): SimVm {
    let index = host.truth.size + 1;
    const names = new Set(host.truth.all().map((v) => v.name));
    let vm: SimVm;
    do {
      vm = generateVm(this.rng, index++, { state: 'stopped', uptime: '0', ...partial });
    } while (partial.name === undefined && names.has(vm.name));
    if (host.truth.byId(vm.id)) throw new Error(`VM ${vm.id} already exists on host ${host.id}`);
    host.truth.add(vm);
    if (!silent && this.relayable(host)) {
      host.upsertCached(vm); // upserted before the emit (`handleVmAdded()`)
      host.touchedAt = Date.now();
      this.channel.vmUpsert(host.id, vm, 'HOST_VM_ADDED');
    }
    return { ...vm };
  }

  removeVm(host: FarmHost, vmId: string, silent: boolean): void {
    this.vmOf(host, vmId);
    host.truth.remove(vmId);
    if (silent || !this.relayable(host)) return;
    host.removeCached(vmId);
    host.touchedAt = Date.now();
    this.channel.vmRemoved(host.id, vmId);
  }

  renameVm(host: FarmHost, vmId: string, name: string, silent: boolean): void {
    this.vmOf(host, vmId);
    const changed = host.truth.update(vmId, { name });
    if (silent || !changed || !this.relayable(host)) return;
    host.upsertCached(changed.after);
    host.touchedAt = Date.now();
    this.channel.vmUpsert(host.id, changed.after, 'HOST_VM_UPDATED');
  }

  setUptime(host: FarmHost, vmId: string, uptime: string): void {
    const vm = this.vmOf(host, vmId);
    if (vm.uptime === uptime) return;
    host.truth.update(vmId, { uptime });
    if (!this.relayable(host)) return;
    const cached = host.cachedVm(vmId);
    if (cached) cached.uptime = uptime;
    this.channel.vmUptime(host.id, vmId, uptime);
  }

  /**
   * The relays with no DB check (snapshots, Mac VMs, catalog cache, reverse proxy) go out while the link is up,
   * even for a host already removed (ORCH §3.6). HOST_DEPLOYED comes from the deployer, link or not.
   */
  relayExtra(host: FarmHost, kind: ExtraRelay): void {
    if (kind === 'deployed') return this.channel.hostDeployed(host.id, host.hostName);
    if (kind === 'degraded') return this.channel.linkDegraded(host.id);
    if (!host.relaying) {
      this.stats.lostEvents++;
      return;
    }
    const first = host.truth.all()[0];
    if (kind === 'snapshots' && first) this.channel.vmSnapshots(host.id, first.id);
    if (kind === 'mac-vms-running') {
      const ids = host.truth.all().filter((v) => v.os === 'macosx' && v.state === 'running');
      this.channel.macVmsRunning(
        host.id,
        ids.map((v) => v.id),
      );
    }
    if (kind === 'catalog-cache') this.channel.hostWrapped(host.id, 'HOST_CATALOG_CACHE_EVENT');
    if (kind === 'reverse-proxy') this.channel.hostWrapped(host.id, 'HOST_REVERSE_PROXY_UPDATED');
  }

  /** HOST_VM_* need a live link and a host still in the DB (the handlers' DB write fails otherwise). */
  private relayable(host: FarmHost): boolean {
    if (host.relaying && !host.removed) return true;
    this.stats.lostEvents++;
    return false;
  }

  private vmOf(host: FarmHost, vmId: string): SimVm {
    const vm = host.truth.byId(vmId);
    if (!vm) throw new Error(`host ${host.id} has no VM with id ${vmId}`);
    return vm;
  }
}
