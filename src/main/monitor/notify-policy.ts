// Pure notification policy: which changes become native notifications, and how bursts are folded.
//   - default: transitions into `stopped`; optional suspended/paused/added/removed (NotificationRules);
//   - per-VM mute, global pause-until, rules.enabled;
//   - bursts: the first one shows immediately (leading edge), the rest of the window become ONE summary;
//   - a global rate cap (per rolling minute) defers, never drops, pending summaries;
//   - never twice for the same transition: we remember each VM's last *settled* state and only notify when
//     the new settled state differs from it. A duplicated frame, a resync re-confirming a known stop, or a
//     reordered "stopping" arriving after "stopped" (stopped -> stopping -> stopped) therefore notify once,
//     while stop -> start -> stop notifies twice.
// The caller owns the clock: it passes `now` and re-invokes with {type:'tick'} at nextWakeAt(state).
import { isTransitionalState, vmKey, type HostId } from '../../shared/model';
import type { NotificationRules } from '../../shared/settings';
import type { NotificationIntent } from './ports';

interface Notice {
  readonly hostId: HostId;
  readonly hostName: string;
  readonly vmId: string;
  readonly vmName: string;
  /** 'stopped', 'suspended', 'paused', 'added' or 'removed'. */
  readonly what: string;
  readonly from: string | null;
  readonly offline: boolean;
  readonly id: string;
}

export interface PolicyState {
  readonly rules: NotificationRules;
  readonly windowMs: number;
  readonly rateCapPerMinute: number;
  readonly muted: ReadonlySet<string>;
  readonly pausedUntil: number | null;
  readonly lastSettled: ReadonlyMap<string, string>;
  readonly windowEndsAt: number | null;
  readonly pending: readonly Notice[];
  readonly sentAt: readonly number[];
  readonly lostNotified: ReadonlySet<HostId>;
}

interface VmRef {
  hostId: HostId;
  hostName: string;
  vmId: string;
  vmName: string;
}

export type PolicyInput =
  | (VmRef & { type: 'vm-state'; from: string | null; to: string; offline: boolean; at: number })
  | (VmRef & { type: 'vm-added'; state: string; offline: boolean; at: number })
  | (VmRef & { type: 'vm-removed'; offline: boolean; at: number })
  /** A baseline observation (first sync): remember the state, never notify. */
  | { type: 'vm-seen'; hostId: HostId; vmId: string; state: string }
  | { type: 'connection-lost'; hostId: HostId; hostName: string; seconds: number }
  | { type: 'connection-restored'; hostId: HostId }
  | { type: 'forget-host'; hostId: HostId }
  | { type: 'set-rules'; rules: NotificationRules }
  | { type: 'set-muted'; hostId: HostId; vmId: string; muted: boolean }
  | { type: 'set-paused'; until: number | null }
  | { type: 'tick' };

export function createPolicyState(
  rules: NotificationRules,
  o: { windowMs?: number; rateCapPerMinute?: number } = {},
): PolicyState {
  return {
    rules,
    windowMs: o.windowMs ?? 3_000,
    rateCapPerMinute: o.rateCapPerMinute ?? 6,
    muted: new Set(),
    pausedUntil: null,
    lastSettled: new Map(),
    windowEndsAt: null,
    pending: [],
    sentAt: [],
    lostNotified: new Set(),
  };
}

/** When the caller must deliver a {type:'tick'}; null when nothing is waiting. */
export function nextWakeAt(state: PolicyState): number | null {
  return state.windowEndsAt;
}

const MINUTE = 60_000;

function wants(rules: NotificationRules, what: string): boolean {
  if (!rules.enabled) return false;
  switch (what) {
    case 'stopped':
      return rules.onStopped;
    case 'suspended':
      return rules.onSuspended;
    case 'paused':
      return rules.onPaused;
    case 'added':
      return rules.onAdded;
    case 'removed':
      return rules.onRemoved;
    default:
      return false;
  }
}

function silenced(s: PolicyState, hostId: HostId, vmId: string, now: number): boolean {
  return (s.pausedUntil !== null && now < s.pausedUntil) || s.muted.has(vmKey(hostId, vmId));
}

const OFFLINE_NOTE = 'This happened while Hubwatch was disconnected.';

function single(n: Notice): NotificationIntent {
  const was = n.from && n.what !== 'added' && n.what !== 'removed' ? ` (was ${n.from})` : '';
  const body = `On ${n.hostName}${was}.${n.offline ? ` ${OFFLINE_NOTE}` : ''}`;
  return {
    id: n.id,
    hostId: n.hostId,
    vmId: n.vmId,
    title: `${n.vmName} ${n.what}`,
    body,
    offline: n.offline,
    covers: [{ hostId: n.hostId, vmId: n.vmId }],
  };
}

function summary(items: readonly Notice[], now: number): NotificationIntent {
  const first = items[0] as Notice;
  const n = items.length;
  const allSame = items.every((i) => i.what === first.what);
  const vms = n === 1 ? 'VM' : 'VMs';
  const title = allSame ? `${n} more ${vms} ${first.what}` : `${n} more VM ${n === 1 ? 'change' : 'changes'}`;
  const shown = items.slice(0, 5).map((i) => `${i.vmName} (${i.hostName})`);
  const rest = n > shown.length ? `, and ${n - shown.length} more` : '';
  const offline = items.every((i) => i.offline);
  const body = `${shown.join(', ')}${rest}.${offline ? ` ${OFFLINE_NOTE}` : ''}`;
  const covers = items.map((i) => ({ hostId: i.hostId, vmId: i.vmId }));
  return { id: `summary/${first.id}/${n}@${now}`, hostId: first.hostId, title, body, offline, covers };
}

function rateOk(s: PolicyState, now: number): boolean {
  return s.sentAt.filter((t) => t > now - MINUTE).length < s.rateCapPerMinute;
}

function recordSend(s: PolicyState, now: number): readonly number[] {
  return [...s.sentAt.filter((t) => t > now - MINUTE), now];
}

function enqueue(
  s: PolicyState,
  n: Notice,
  now: number,
): { state: PolicyState; intents: NotificationIntent[] } {
  const windowOpen = s.windowEndsAt !== null && now < s.windowEndsAt;
  if (!windowOpen && rateOk(s, now)) {
    return {
      state: { ...s, windowEndsAt: now + s.windowMs, sentAt: recordSend(s, now) },
      intents: [single(n)],
    };
  }
  return {
    state: { ...s, pending: [...s.pending, n], windowEndsAt: windowOpen ? s.windowEndsAt : now + s.windowMs },
    intents: [],
  };
}

function tick(s: PolicyState, now: number): { state: PolicyState; intents: NotificationIntent[] } {
  if (s.windowEndsAt === null || now < s.windowEndsAt) return { state: s, intents: [] };
  // Anything muted or paused since it was queued stays silent.
  const pending = s.pending.filter((n) => !silenced(s, n.hostId, n.vmId, now) && wants(s.rules, n.what));
  if (pending.length === 0) return { state: { ...s, pending: [], windowEndsAt: null }, intents: [] };
  if (!rateOk(s, now)) {
    const oldest = Math.min(...s.sentAt.filter((t) => t > now - MINUTE));
    return { state: { ...s, pending, windowEndsAt: oldest + MINUTE }, intents: [] };
  }
  // Keep a window open after a summary, so a long burst yields at most one notification per window.
  return {
    state: { ...s, pending: [], windowEndsAt: now + s.windowMs, sentAt: recordSend(s, now) },
    intents: [summary(pending, now)],
  };
}

export function decide(
  s: PolicyState,
  input: PolicyInput,
  now: number,
): { state: PolicyState; intents: NotificationIntent[] } {
  const none = (state: PolicyState): { state: PolicyState; intents: NotificationIntent[] } => ({
    state,
    intents: [],
  });
  switch (input.type) {
    case 'tick':
      return tick(s, now);
    case 'set-rules':
      return none({ ...s, rules: input.rules });
    case 'set-paused':
      return none({ ...s, pausedUntil: input.until });
    case 'set-muted': {
      const muted = new Set(s.muted);
      if (input.muted) muted.add(vmKey(input.hostId, input.vmId));
      else muted.delete(vmKey(input.hostId, input.vmId));
      return none({ ...s, muted });
    }
    case 'forget-host': {
      const prefix = `${input.hostId}/`;
      const lastSettled = new Map([...s.lastSettled].filter(([k]) => !k.startsWith(prefix)));
      const lostNotified = new Set(s.lostNotified);
      lostNotified.delete(input.hostId);
      return none({
        ...s,
        lastSettled,
        lostNotified,
        pending: s.pending.filter((n) => n.hostId !== input.hostId),
      });
    }
    case 'vm-seen': {
      const st = input.state.toLowerCase();
      if (isTransitionalState(st)) return none(s);
      return none({ ...s, lastSettled: new Map(s.lastSettled).set(vmKey(input.hostId, input.vmId), st) });
    }
    case 'connection-restored': {
      if (!s.lostNotified.has(input.hostId)) return none(s);
      const lostNotified = new Set(s.lostNotified);
      lostNotified.delete(input.hostId);
      return none({ ...s, lostNotified });
    }
    case 'connection-lost': {
      const limit = s.rules.connectionLostAfterSeconds;
      if (!s.rules.enabled || limit === null || input.seconds < limit || s.lostNotified.has(input.hostId))
        return none(s);
      const state = { ...s, lostNotified: new Set(s.lostNotified).add(input.hostId) };
      if (s.pausedUntil !== null && now < s.pausedUntil) return none(state);
      // Host-level and rare (once per outage): not folded into VM summaries.
      return {
        state: { ...state, sentAt: recordSend(s, now) },
        intents: [
          {
            id: `${input.hostId}/connection-lost@${now}`,
            hostId: input.hostId,
            title: `Lost connection to ${input.hostName}`,
            body: `No connection for ${Math.round(input.seconds)} s. Hubwatch keeps retrying.`,
            offline: false,
            covers: [],
          },
        ],
      };
    }
    case 'vm-added':
    case 'vm-removed':
    case 'vm-state': {
      const key = vmKey(input.hostId, input.vmId);
      const lastSettled = new Map(s.lastSettled);
      let what: string;
      let from: string | null = null;
      if (input.type === 'vm-removed') {
        lastSettled.delete(key);
        what = 'removed';
      } else if (input.type === 'vm-added') {
        const st = input.state.toLowerCase();
        if (!isTransitionalState(st)) lastSettled.set(key, st);
        what = 'added';
      } else {
        const to = input.to.toLowerCase();
        if (isTransitionalState(to)) return none(s);
        const prev = s.lastSettled.get(key) ?? (input.from ? input.from.toLowerCase() : null);
        lastSettled.set(key, to);
        // Unknown previous state (never seen this VM settle) or a re-confirmation: nothing new happened.
        if (prev === null || prev === to) return none({ ...s, lastSettled });
        what = to;
        from = input.from;
      }
      const next = { ...s, lastSettled };
      if (!wants(s.rules, what) || silenced(s, input.hostId, input.vmId, now)) return none(next);
      const notice: Notice = {
        hostId: input.hostId,
        hostName: input.hostName,
        vmId: input.vmId,
        vmName: input.vmName,
        what,
        from,
        offline: input.offline,
        id: `${input.hostId}/${input.vmId}/${what}/${from ?? ''}@${input.at}`,
      };
      return enqueue(next, notice, now);
    }
  }
}
