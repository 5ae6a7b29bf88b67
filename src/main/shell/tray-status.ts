// What the menu-bar icon says. PURE: snapshot + settings in, icon variant + title + tooltip out.
// Priority is "what needs the user first": credentials > lost connection > a VM that just stopped > all good.
import type { HostSummary, Snapshot } from '../../shared/model';
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

function recentTroubleCount(snapshot: Snapshot): number {
  const since = snapshot.generatedAt - ATTENTION_WINDOW_MS;
  const muted = new Set(snapshot.mutedVms);
  const stillStopped = new Set(snapshot.vms.filter((vm) => vm.state === 'stopped').map((vm) => vmKeyOf(vm)));
  const keys = new Set<string>();
  for (const event of snapshot.events) {
    if (event.at < since || event.vmId === undefined) continue;
    const key = vmKey(event.hostId, event.vmId);
    if (muted.has(key)) continue;
    const stopped = event.kind === 'state-changed' && event.to === 'stopped' && stillStopped.has(key);
    if (stopped || event.kind === 'action-failed') keys.add(key);
  }
  return keys.size;
}

export function selectTrayStatus(
  snapshot: Snapshot,
  settings: Pick<AppSettings, 'showTrayCount'>,
): TrayStatus {
  const active: HostSummary[] = snapshot.hosts.filter((h) => !isInactive(h.status.tag));
  // The count next to the icon is a live figure: VMs of a host that is not live are history, not "running".
  const live = new Set(snapshot.hosts.filter((h) => h.status.tag === 'live').map((h) => h.id));
  const running = snapshot.vms.filter((vm) => live.has(vm.hostId) && vm.state === 'running').length;
  // With no host live an en dash says "unknown" instead of a count that would be history.
  const title =
    !settings.showTrayCount || snapshot.hosts.length === 0 ? '' : live.size > 0 ? String(running) : '–';
  if (active.length === 0) {
    const tooltip =
      snapshot.hosts.length === 0 ? 'Hubwatch — no hub configured' : 'Hubwatch — all hubs are switched off';
    return { icon: 'disconnected', title: '', tooltip };
  }
  const needsUser = active.filter((h) => needsUserAction(h.status.tag));
  const notLive = active.filter((h) => h.status.tag !== 'live' && !needsUserAction(h.status.tag));
  const trouble = recentTroubleCount(snapshot);
  const lines = [
    live.size === 0
      ? 'Hubwatch — no host live'
      : `Hubwatch — ${plural(running, 'VM')} running${live.size < active.length ? ' on live hosts' : ''}`,
  ];
  const stale = snapshot.hosts.filter((h) => h.status.tag !== 'live' && h.dataAsOf !== undefined);
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
