// Building and merging one VM record: what the store writes for a VM it had not seen, and how a later REST item or
// event patches one it holds. Kept apart from the store's draft so the per-field rules sit in one place.
import type { HostId, Vm } from '../../shared/model';

/** The VM fields a REST item or an event's `new_vm` may carry (structurally the hub's ParsedVm). */
export interface VmFields {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
  readonly os?: string;
  readonly uptimeSeconds?: number;
  readonly ip?: string;
  readonly user?: string;
}

/** One VM object, with `uptimeSeconds` only when known. Written out (no spreads): this runs once per event. */
function vmOf(
  hostId: HostId,
  farmHostId: string | undefined,
  id: string,
  name: string,
  state: string,
  os: string,
  uptime: number | undefined,
  stateSince: number | null,
  changedWhileOffline: boolean,
  ip?: string,
  user?: string,
): Vm {
  const vm: { -readonly [K in keyof Vm]: Vm[K] } =
    uptime === undefined
      ? { hostId, id, name, state, os, stateSince, changedWhileOffline }
      : { hostId, id, name, state, os, uptimeSeconds: uptime, stateSince, changedWhileOffline };
  if (farmHostId !== undefined) vm.farmHostId = farmHostId;
  if (ip !== undefined) vm.ip = ip;
  if (user !== undefined) vm.user = user;
  return vm;
}

/**
 * A VM we had not seen: its state did not begin under our eyes (an added VM, a baseline list, one found by a
 * resync), so it has no "since" — only a change we observe sets one.
 */
export function fromFields(
  hostId: HostId,
  farmHostId: string | undefined,
  f: VmFields,
  offline: boolean,
): Vm {
  // An upsert of an unknown VM without a name still needs something to show; sync fetches the details.
  return vmOf(
    hostId,
    farmHostId,
    f.id,
    f.name ?? f.id,
    f.state ?? 'unknown',
    f.os ?? '',
    f.uptimeSeconds,
    null,
    offline,
    f.ip,
    f.user,
  );
}

/**
 * `old` in a new state since `at` (live, not offline): what merge(old, { id: old.id, state }, at, false) returns
 * for a state that differs from old's, without building the fields object first (once per streamed event).
 */
export function withState(old: Vm, state: string, at: number): Vm {
  return vmOf(
    old.hostId,
    old.farmHostId,
    old.id,
    old.name,
    state,
    old.os,
    old.uptimeSeconds,
    at,
    false,
    old.ip,
    old.user,
  );
}

/** Merge known fields; returns `old` itself when nothing changed. */
export function merge(old: Vm, f: VmFields, at: number, offline: boolean): Vm {
  const name = f.name ?? old.name;
  const os = f.os ?? old.os;
  const state = f.state ?? old.state;
  const uptime = f.uptimeSeconds ?? old.uptimeSeconds;
  const ip = f.ip ?? old.ip;
  const user = f.user ?? old.user;
  const stateChanged = state !== old.state;
  if (
    !stateChanged &&
    name === old.name &&
    os === old.os &&
    uptime === old.uptimeSeconds &&
    ip === old.ip &&
    user === old.user
  )
    return old;
  // Keep the id spelling we first saw so keys shown in the UI do not flicker between {UPPER} and lower.
  return vmOf(
    old.hostId,
    old.farmHostId,
    old.id,
    name,
    state,
    os,
    uptime,
    stateChanged ? at : old.stateSince,
    stateChanged ? offline : old.changedWhileOffline,
    ip,
    user,
  );
}
