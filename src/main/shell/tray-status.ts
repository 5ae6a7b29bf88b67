// What the menu-bar icon says. PURE: snapshot + settings in, icon variant + title + tooltip out.
// Priority is "what needs the user first": credentials > lost connection > a VM that just stopped > all good.
import type { HostId, HostSummary, HubEvent, Snapshot } from '../../shared/model';
import { vmKey, vmKeyOf } from '../../shared/model';
import type { AppSettings } from '../../shared/settings';
import { isInactive, needsUserAction } from '../../shared/connection-severity';

export type TrayIcon = 'ok' | 'attention' | 'disconnected' | 'auth';

export interface TrayStatus {
  readonly icon: TrayIcon;
  /** Text next to the icon (running count), '' for none. Rendered with monospaced digits so it does not jitter. */
  readonly title: string;
  readonly tooltip: string;
}

/** How long a stop (or a failed action) keeps the icon in "attention". */
export const ATTENTION_WINDOW_MS = 10 * 60_000;

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What the tray reads: the host list, two questions about VMs and the recent events. The live tray answers the VM
 * questions from counts it keeps up to date from the core's change journal (tray.ts), so it never builds a
 * snapshot; selectTrayStatus answers them from a snapshot (tests, and the same rules either way).
 */
export interface TrayInput {
  readonly hosts: readonly HostSummary[];
  /** VMs in state running on these hosts. */
  runningOn(hosts: ReadonlySet<HostId>): number;
  /** Whether the VM under this vmKey is (still) stopped. */
  isStopped(key: string): boolean;
  readonly events: readonly HubEvent[];
  readonly muted: ReadonlySet<string>;
  readonly now: number;
}

function recentTroubleCount(input: TrayInput): number {
  const since = input.now - ATTENTION_WINDOW_MS;
  const keys = new Set<string>();
  for (const event of input.events) {
    if (event.at < since || event.vmId === undefined) continue;
    const key = vmKey(event.hostId, event.vmId);
    if (input.muted.has(key)) continue;
    const stopped = event.kind === 'state-changed' && event.to === 'stopped' && input.isStopped(key);
    if (stopped || event.kind === 'action-failed') keys.add(key);
  }
  return keys.size;
}

/** The tray's status from a whole snapshot. */
export function selectTrayStatus(
  snapshot: Snapshot,
  settings: Pick<AppSettings, 'showTrayCount'>,
): TrayStatus {
  const stopped = new Set(snapshot.vms.filter((vm) => vm.state === 'stopped').map((vm) => vmKeyOf(vm)));
  return trayStatusOf(
    {
      hosts: snapshot.hosts,
      runningOn: (hosts) =>
        snapshot.vms.filter((vm) => hosts.has(vm.hostId) && vm.state === 'running').length,
      isStopped: (key) => stopped.has(key),
      events: snapshot.events,
      muted: new Set(snapshot.mutedVms),
      now: snapshot.generatedAt,
    },
    settings,
  );
}

export function trayStatusOf(input: TrayInput, settings: Pick<AppSettings, 'showTrayCount'>): TrayStatus {
  const active: HostSummary[] = input.hosts.filter((h) => !isInactive(h.status.tag));
  // The count next to the icon is a live figure: VMs of a host that is not live are history, not "running".
  const live = new Set(input.hosts.filter((h) => h.status.tag === 'live').map((h) => h.id));
  const running = input.runningOn(live);
  // With no host live an en dash says "unknown" instead of a count that would be history.
  const title =
    !settings.showTrayCount || input.hosts.length === 0 ? '' : live.size > 0 ? String(running) : '–';
  if (active.length === 0) {
    const tooltip =
      input.hosts.length === 0 ? 'Hubwatch — no hub configured' : 'Hubwatch — all hubs are switched off';
    return { icon: 'disconnected', title: '', tooltip };
  }
  const needsUser = active.filter((h) => needsUserAction(h.status.tag));
  const notLive = active.filter((h) => h.status.tag !== 'live' && !needsUserAction(h.status.tag));
  const trouble = recentTroubleCount(input);
  const lines = [
    live.size === 0
      ? 'Hubwatch — no host live'
      : `Hubwatch — ${plural(running, 'VM')} running${live.size < active.length ? ' on live hosts' : ''}`,
  ];
  const stale = input.hosts.filter((h) => h.status.tag !== 'live' && h.dataAsOf !== undefined);
  if (stale.length > 0)
    lines.push(
      `Last known, not live: ${stale.map((h) => `${h.name} as of ${clockTime(h.dataAsOf ?? 0)}`).join(', ')}`,
    );
  if (needsUser.length > 0)
    lines.push(`Sign-in or certificate needed: ${needsUser.map((h) => h.name).join(', ')}`);
  if (notLive.length > 0) lines.push(`Not connected: ${notLive.map((h) => h.name).join(', ')}`);
  if (trouble > 0) lines.push(`${plural(trouble, 'VM')} stopped or failed recently`);
  const icon: TrayIcon =
    needsUser.length > 0 ? 'auth' : notLive.length > 0 ? 'disconnected' : trouble > 0 ? 'attention' : 'ok';
  return { icon, title, tooltip: lines.join('\n') };
}
