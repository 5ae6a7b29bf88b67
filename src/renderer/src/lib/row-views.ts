// Everything a visible VM-list row displays, computed as plain values in one pass over the rows in view. The list
// renders these objects directly: one reactive value per row (the each-block item) instead of a $derived per prop
// and per label, which was most of the cost of creating rows on the popover's first render. Pure; `now` is passed in.
import type { PendingAction, Vm } from '../../../shared/model';
import { actionProgressLabel } from './actions';
import {
  clockTime,
  formatUptime,
  osKind,
  osLabel,
  relativeTime,
  stateBadge,
  type OsKind,
  type StateBadge,
} from './format';
import type { Attention } from '../../../shared/vm-attention';
import { vmKeyOfItem, type HostItem, type ListItem, type VmItem } from './vm-list';

/** The UI state rows depend on, read from the store once per render rather than once per row. */
export interface RowContext {
  readonly activeKey: string | null;
  readonly highlightKey: string | null;
  readonly openKey: string | null;
  /** The one row reachable with Tab (roving tabindex). */
  readonly tabKey: string | null;
  /** Keyed by vmKey (host + VM id), like the store's collections. */
  readonly pending: ReadonlyMap<string, PendingAction>;
  readonly inFlight: ReadonlySet<string>;
  readonly muted: ReadonlySet<string>;
  readonly outcomes: ReadonlyMap<string, { readonly ok: boolean; readonly message: string }>;
  /** aria-level of VM rows: 2 under host headers, none in a flat list. */
  readonly level: number | undefined;
  readonly now: number;
}

export interface HostRowView {
  readonly kind: 'host';
  readonly key: string;
  readonly id: string;
  readonly item: HostItem;
  readonly active: boolean;
  readonly tabbable: boolean;
  readonly label: string;
  /** "38 running · 2 stopped", or "3 of 40 VMs" while a search hides some. */
  readonly count: string;
  /** The host's state in words ("Unreachable from orchestrator"), or null when all is well. */
  readonly words: string | null;
  /** "as of 14:02" (or "last known") when the group's rows are history, else null. */
  readonly asOf: string | null;
  /** The group's id for tests and scripts: the farm host's id behind an orchestrator, else the entry's. */
  readonly dataHostId: string;
}

export interface VmRowView {
  readonly kind: 'vm';
  readonly key: string;
  readonly id: string;
  readonly vm: Vm;
  readonly attention: Attention;
  readonly active: boolean;
  readonly highlighted: boolean;
  readonly open: boolean;
  readonly tabbable: boolean;
  readonly level: number | undefined;
  /** data-host-id: the farm host's id for a VM behind an orchestrator, else its entry's id. */
  readonly dataHostId: string;
  /** An action is pending on the server or a request is on its way. */
  readonly busy: boolean;
  /** The host is not live: the row shows what it last reported (dimmed, "as of"). */
  readonly stale: boolean;
  readonly muted: boolean;
  /** A failed action's reason, shown instead of the detail line while the action panel is closed. */
  readonly failure: string | null;
  readonly detail: string;
  /** The row's accessible name: name, state, detail and markers in one sentence. */
  readonly label: string;
  readonly badge: StateBadge;
  readonly osKind: OsKind;
  readonly osLabel: string;
}

export type RowView = HostRowView | VmRowView;

/**
 * DOM id of a row (aria-activedescendant-style references need ids without whitespace). Whitespace and `%` become
 * fixed-width `%XXXX` escapes so that distinct keys always get distinct ids: mapping whitespace to `_` made
 * `vm:h/a b` and `vm:h/a_b` share one id. Keys without either character (all real ones) keep their readable id.
 */
export function rowId(key: string): string {
  return `row-${key.replace(/[\s%]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;
}

function asOfText(asOf: number | null): string {
  return asOf === null ? 'last known' : `as of ${clockTime(asOf)}`;
}

function countText(item: HostItem): string {
  if (item.shown !== item.total) return `${item.shown} of ${item.total} VMs`;
  if (item.total === 0) return 'no VMs';
  return `${item.running} running · ${item.stopped} stopped`;
}

export function hostRowView(item: HostItem, ctx: RowContext): HostRowView {
  const { health } = item;
  const asOf = health.stale ? asOfText(health.asOf) : null;
  // The accessible name keeps the host's real size and says its state, as the header shows it.
  const label = [
    item.name,
    `${item.total} VMs`,
    item.total > 0 ? `${item.running} running, ${item.stopped} stopped` : '',
    item.attention > 0 ? `${item.attention} need attention` : '',
    health.words ?? '',
    asOf ?? '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  return {
    kind: 'host',
    key: item.key,
    id: rowId(item.key),
    item,
    active: ctx.activeKey === item.key,
    tabbable: ctx.tabKey === item.key,
    label,
    count: countText(item),
    words: health.words,
    asOf,
    dataHostId: item.farmHostId ?? item.hostId,
  };
}

export function vmRowView(item: VmItem, ctx: RowContext): VmRowView {
  const { vm } = item;
  // The store's collections use vmKey; a VmItem's key always decodes (buildList makes it with vmItemKey).
  const key = vmKeyOfItem(item.key) ?? item.key;
  const pending = ctx.pending.get(key);
  const inFlight = ctx.inFlight.has(key);
  const muted = ctx.muted.has(key);
  const outcome = ctx.outcomes.get(key);
  const open = ctx.openKey === item.key;
  const badge = stateBadge(vm.state);
  const stale = item.stale;
  // Old data says how old it is instead of "just now" or an uptime that would be stale anyway.
  const detail =
    stale === undefined
      ? detailLine(vm, badge, pending, inFlight, ctx.now)
      : `${badge.label} ${asOfText(stale.asOf)}`;
  const label = [
    vm.name,
    badge.label,
    detail,
    vm.changedWhileOffline ? 'changed while offline' : '',
    muted ? 'muted' : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  const kind = osKind(vm.os);
  return {
    kind: 'vm',
    key: item.key,
    id: rowId(item.key),
    vm,
    attention: item.attention,
    active: ctx.activeKey === item.key,
    highlighted: ctx.highlightKey === item.key,
    open,
    tabbable: ctx.tabKey === item.key,
    level: ctx.level,
    dataHostId: vm.farmHostId ?? vm.hostId,
    busy: pending !== undefined || inFlight,
    stale: stale !== undefined,
    muted,
    // While the panel is open it shows the full reason itself.
    failure: outcome !== undefined && !outcome.ok && !open ? outcome.message : null,
    detail,
    label,
    badge,
    osKind: kind,
    osLabel: osLabel(vm.os),
  };
}

function detailLine(
  vm: Vm,
  badge: StateBadge,
  pending: PendingAction | undefined,
  inFlight: boolean,
  now: number,
): string {
  if (pending) return actionProgressLabel(pending.action);
  if (inFlight) return 'Sending…';
  const running = vm.state === 'running';
  if (running && vm.uptimeSeconds !== undefined) return `up ${formatUptime(vm.uptimeSeconds)}`;
  // A state Hubwatch did not see begin has no honest "since": show what the VM is instead.
  if (vm.stateSince === null) return osLabel(vm.os);
  return `${badge.label.toLowerCase()} ${relativeTime(vm.stateSince, now)}`;
}

export function rowViews(items: readonly ListItem[], ctx: RowContext): RowView[] {
  return items.map((item) => (item.kind === 'host' ? hostRowView(item, ctx) : vmRowView(item, ctx)));
}
