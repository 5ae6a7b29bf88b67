// The tray's inputs kept up to date from the core's change journal (core/ports.ts CoreView), so the menu-bar
// icon never needs a snapshot: which VMs run (counted per host) or are stopped, updated O(changed VMs) per
// refresh. refresh() also says whether anything the tray shows may have changed, so the tray skips its rebuild
// when a change was, say, a VM's uptime (issue 15, "Scale": the tray rebuilt a full snapshot 100 ms after any
// change, even with the popover closed).
import type { HostId, HostSummary, HubEvent, Vm } from '../../shared/model';
import { vmKeyOf } from '../../shared/model';
import type { CoreView } from '../core/ports';
import { sameHostSummaries } from '../core/host-summaries';
import type { TrayInput } from './tray-status';

type Kind = 'running' | 'stopped';

function kindOf(vm: Vm | undefined): Kind | null {
  const state = vm?.state;
  return state === 'running' || state === 'stopped' ? state : null;
}

export class TrayFacts {
  /** vmKey -> host and kind, for running and stopped VMs only. */
  private readonly kinds = new Map<string, { host: HostId; kind: Kind }>();
  private readonly runningPerHost = new Map<HostId, number>();
  /** null: never read (the first refresh reads every VM). */
  private cursor: number | null = null;
  private hostsRead = false;
  private events: readonly HubEvent[] | null = null;
  private muted: ReadonlySet<string> | null = null;
  private hosts: readonly HostSummary[] = [];

  constructor(private readonly view: CoreView) {}

  /** Catches up with the core; true when the tray's status may differ from the last one computed. */
  refresh(): boolean {
    let changed = false;
    const keys = this.cursor === null ? null : this.view.vmChangesSince(this.cursor);
    this.cursor = this.view.vmCursor();
    if (keys === null) {
      this.kinds.clear();
      this.runningPerHost.clear();
      this.view.forEachVm((vm) => this.set(vmKeyOf(vm), vm));
      changed = true;
    } else {
      for (const key of new Set(keys)) if (this.set(key, this.view.vm(key))) changed = true;
    }
    // Compared by identity first (an unchanged host is the same object): no JSON of every host per refresh.
    const hosts = this.view.hosts();
    if (!this.hostsRead || !sameHostSummaries(this.hosts, hosts)) changed = true;
    this.hosts = hosts;
    this.hostsRead = true;
    const events = this.view.events();
    const muted = this.view.muted();
    if (events !== this.events || muted !== this.muted) changed = true;
    this.events = events;
    this.muted = muted;
    return changed;
  }

  /** The tray's input as of the last refresh. */
  input(): TrayInput {
    return {
      hosts: this.hosts,
      runningOn: (hosts) => {
        let n = 0;
        for (const h of hosts) n += this.runningPerHost.get(h) ?? 0;
        return n;
      },
      isStopped: (key) => this.kinds.get(key)?.kind === 'stopped',
      events: this.events ?? [],
      muted: this.muted ?? new Set(),
      now: this.view.now(),
    };
  }

  /** Records a VM's kind; true when it changed. */
  private set(key: string, vm: Vm | undefined): boolean {
    const before = this.kinds.get(key);
    const kind = kindOf(vm);
    if (before?.kind === kind && (vm === undefined || before?.host === vm.hostId)) return false;
    if (before?.kind === 'running') this.addRunning(before.host, -1);
    if (kind === null || vm === undefined) this.kinds.delete(key);
    else {
      this.kinds.set(key, { host: vm.hostId, kind });
      if (kind === 'running') this.addRunning(vm.hostId, 1);
    }
    return true;
  }

  private addRunning(host: HostId, by: number): void {
    this.runningPerHost.set(host, (this.runningPerHost.get(host) ?? 0) + by);
  }
}
