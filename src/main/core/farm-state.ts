// What a farm entry knows about its orchestrator's hosts and their VMs (orchestrator-protocol.md §6.1), as the §6.3
// planner reads it (FarmView), and the application of the planner's steps: to these records and, as StoreActions
// carrying `farmHostId`, to the app's one store. One instance lives as long as the entry's monitor, across
// reconnects of its socket, so a re-list after a reconnect is compared with what was shown, not taken as new.
import { normalizeVmId, type FarmHostState, type FarmHostSummary } from '../../shared/model';
import type { FarmHostInfo } from '../hub/orchestrator-rest';
import type { ParsedVm } from '../hub/channels/pdfm';
import type { FarmHostRecord, FarmStep, FarmView, FarmVmRecord } from './farm-rules';
import type { StoreAction } from './store';
import type { FarmGapCause } from '../notify/farm-text';

/** Why we could not see a host's VMs for a while (what the notification says when it is back). */

export interface FarmHostEntry extends FarmHostRecord {
  url: string;
  enabled: boolean;
  /** A §6.4 resync is running: its VMs are suspect ("Verifying…"). */
  verifying: boolean;
  /** Set when the host became unreachable / unlinked; cleared by the resync that follows its return. */
  gap: FarmGapCause | null;
  /** When its VMs were last known live: while unreachable or disabled, the "as of" of its rows. */
  lostAt: number | null;
}

export class FarmState implements FarmView {
  private readonly hostMap = new Map<string, FarmHostEntry>();
  /** hostId -> normalised vm id -> record. */
  private readonly vmMap = new Map<string, Map<string, FarmVmRecord>>();
  /** Farm hosts whose first list was applied (a later list is compared with what was shown). */
  private readonly listed = new Set<string>();

  /**
   * The orchestrator's `/ws/stats` `start_time` as last read (§6.2 step 6): kept across reconnects of our socket, so
   * a different value on a later connect means it restarted meanwhile. Null until first read.
   */
  orchestratorStartTime: string | null = null;

  constructor(readonly entryId: string) {}

  host(id: string): FarmHostEntry | undefined {
    return this.hostMap.get(id);
  }
  hostIds(): Iterable<string> {
    return this.hostMap.keys();
  }
  hosts(): Iterable<FarmHostEntry> {
    return this.hostMap.values();
  }
  vm(hostId: string, vmId: string): FarmVmRecord | undefined {
    return this.vmMap.get(hostId)?.get(normalizeVmId(vmId));
  }
  /** A copy: callers keep it across awaits (the resync compares "before" with answers). */
  vmsOf(hostId: string): FarmVmRecord[] {
    return [...(this.vmMap.get(hostId)?.values() ?? [])].map((r) => ({ ...r }));
  }
  wasListed(hostId: string): boolean {
    return this.listed.has(hostId);
  }

  /**
   * The host table from `GET /orchestrator/hosts` (§6.2 step 3): new hosts added, gone ones returned (their VMs
   * must leave the store), name/url/enabled refreshed. `stored` is not in this answer (its `state` is a live probe,
   * §2.2), so a new host starts from the probe until a VM list's `host_state` or an event says otherwise.
   */
  replaceHosts(infos: readonly FarmHostInfo[], now: number): { added: string[]; removed: string[] } {
    const seen = new Set<string>();
    const added: string[] = [];
    for (const info of infos) {
      seen.add(info.id);
      const old = this.hostMap.get(info.id);
      if (old) {
        old.name = info.name;
        old.url = info.url;
        if (old.enabled !== info.enabled) old.lostAt = info.enabled ? null : now;
        old.enabled = info.enabled;
        continue;
      }
      added.push(info.id);
      this.hostMap.set(info.id, {
        id: info.id,
        name: info.name,
        url: info.url,
        enabled: info.enabled,
        stored: info.probe,
        link: info.linked,
        verifying: false,
        gap: null,
        // Not known live when first seen unhealthy or disabled: "as of" the moment we read it.
        lostAt: info.enabled && info.probe !== 'unhealthy' ? null : now,
      });
      this.vmMap.set(info.id, new Map());
    }
    // The caller drops them (dropHost), so their VMs leave the store in the same batch.
    const removed = [...this.hostMap.keys()].filter((id) => !seen.has(id));
    return { added, removed };
  }

  /** A host's first list: the records become exactly this, and the store replaces that farm host's VMs. */
  replaceVms(hostId: string, vms: readonly ParsedVm[]): StoreAction {
    const map = new Map<string, FarmVmRecord>();
    for (const vm of vms)
      map.set(normalizeVmId(vm.id), { hostId, vm: { ...vm }, lastEventAt: null, suspect: false });
    this.vmMap.set(hostId, map);
    this.listed.add(hostId);
    return { type: 'replace-list', hostId: this.entryId, farmHostId: hostId, vms, at: 0, offline: false };
  }

  dropHost(hostId: string): StoreAction {
    this.hostMap.delete(hostId);
    this.vmMap.delete(hostId);
    this.listed.delete(hostId);
    return { type: 'replace-list', hostId: this.entryId, farmHostId: hostId, vms: [], at: 0, offline: false };
  }

  /**
   * Applies one planner step to the records; returns what the store must do (null: nothing the store shows).
   * `offline`: the step comes from a resync after a gap, so a state it sets is marked found, not seen live.
   */
  apply(step: FarmStep, now: number, offline = false): StoreAction | null {
    const entry = this.entryId;
    const vms = 'hostId' in step ? this.vmMap.get(step.hostId) : undefined;
    switch (step.kind) {
      case 'set-vm-state': {
        const r = vms?.get(normalizeVmId(step.vmId));
        if (!r) return null;
        r.vm = { ...r.vm, state: step.state };
        r.lastEventAt = step.at;
        if (offline)
          return {
            type: 'vm-upsert',
            hostId: entry,
            farmHostId: step.hostId,
            vm: { id: r.vm.id, state: step.state },
            at: step.at,
            offline: true,
          };
        return {
          type: 'vm-state-changed',
          hostId: entry,
          farmHostId: step.hostId,
          vmId: r.vm.id,
          previousState: null,
          state: step.state,
          at: step.at,
        };
      }
      case 'set-vm-uptime': {
        const r = vms?.get(normalizeVmId(step.vmId));
        if (!r) return null;
        const { uptimeSeconds: _old, ...rest } = r.vm;
        r.vm = step.uptimeSeconds === undefined ? rest : { ...rest, uptimeSeconds: step.uptimeSeconds };
        return {
          type: 'vm-uptime',
          hostId: entry,
          farmHostId: step.hostId,
          vmId: r.vm.id,
          uptimeSeconds: step.uptimeSeconds,
        };
      }
      case 'upsert-vm': {
        if (!vms) return null;
        const key = normalizeVmId(step.vm.id);
        const old = vms.get(key);
        vms.set(key, {
          hostId: step.hostId,
          vm: { ...step.vm },
          lastEventAt: step.at ?? old?.lastEventAt ?? null,
          suspect: old?.suspect ?? false,
        });
        return {
          type: 'vm-upsert',
          hostId: entry,
          farmHostId: step.hostId,
          vm: step.vm,
          at: step.at ?? now,
          offline: false,
        };
      }
      case 'remove-vm': {
        const key = normalizeVmId(step.vmId);
        if (!vms?.has(key)) return null;
        vms.delete(key);
        return { type: 'vm-removed', hostId: entry, farmHostId: step.hostId, vmId: step.vmId };
      }
      case 'vm-verified': {
        const r = vms?.get(normalizeVmId(step.vmId));
        if (r) r.suspect = false;
        return null;
      }
      case 'mark-host-suspect':
        for (const r of vms?.values() ?? []) r.suspect = true;
        return null;
      case 'set-host': {
        const h = this.hostMap.get(step.hostId);
        if (!h) return null;
        if (step.stored !== undefined && step.stored !== h.stored) {
          if (step.stored === 'unhealthy') {
            h.gap = 'unreachable';
            h.lostAt ??= now;
          } else if (h.enabled) h.lostAt = null;
          h.stored = step.stored;
        }
        if (step.link !== undefined && step.link !== h.link) {
          if (!step.link) h.gap ??= 'link';
          h.link = step.link;
        }
        return null;
      }
      case 'remove-host':
        return this.hostMap.has(step.hostId) ? this.dropHost(step.hostId) : null;
      case 'host-unreachable':
        // Told by the caller (one notification per host, coalesced): nothing for the store.
        return null;
    }
  }

  /** §6.6, per farm host, sorted by name. */
  summaries(): FarmHostSummary[] {
    const out: FarmHostSummary[] = [];
    for (const h of this.hostMap.values()) {
      const state = displayState(h);
      const asOf = (state === 'unreachable' || state === 'disabled') && h.lostAt !== null ? h.lostAt : null;
      out.push({
        id: h.id,
        name: h.name,
        url: h.url,
        state,
        ...(asOf === null ? {} : { dataAsOf: asOf }),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}

function displayState(h: FarmHostEntry): FarmHostState {
  if (!h.enabled) return 'disabled';
  if (h.stored === 'unhealthy') return 'unreachable';
  if (h.verifying) return 'verifying';
  if (!h.link) return 'polling';
  return 'live';
}
