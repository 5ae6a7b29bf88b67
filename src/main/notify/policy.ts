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
//
// Cost: a farm changing at once feeds hundreds of inputs per socket read. `decideAll` folds a whole batch over
// ONE private working copy (copy-on-write: each collection is copied at most once per batch, and only if the
// batch writes it), so a VM event is O(1) instead of copying every VM's last settled state. `decide` is the
// same fold over a batch of one. Both stay pure: the caller's state object is never mutated.
import { vmKey, isTransitionalState, type HostId } from '../../shared/model';
import type { NotificationRules } from '../../shared/settings';
import {
  manyOutagesText,
  outageText,
  stoppedWatchingText,
  type Notice,
  type OutageCause,
  type OutageInput,
} from './text';
import { stepFarm, type FarmPolicyInput } from './farm-policy';
import type { PolicyOwnership, PolicyState } from './state';
import { Working } from './working';
import { enqueue, tick, wants } from './delivery';
import type { NotificationIntent } from './intent';

interface VmRef {
  hostId: HostId;
  /** Farm mode: the farm host running the VM (`hostName` is then its name); keys become (host, farm host, id). */
  farmHostId?: string;
  hostName: string;
  vmId: string;
  vmName: string;
}

export type PolicyInput =
  | (VmRef & { type: 'vm-state'; from: string | null; to: string; offline: boolean; at: number })
  | (VmRef & { type: 'vm-added'; state: string; offline: boolean; at: number })
  | (VmRef & { type: 'vm-removed'; offline: boolean; at: number })
  /** A baseline observation (first sync): remember the state, never notify. */
  | {
      type: 'vm-seen';
      hostId: HostId;
      farmHostId?: string;
      vmId: string;
      state: string;
      uptimeSeconds?: number;
    }
  | FarmPolicyInput
  | {
      type: 'connection-lost';
      hostId: HostId;
      hostName: string;
      seconds: number;
      /** Why the host is not connected: only 'unreachable' is something Hubwatch keeps retrying on its own. */
      cause?: OutageCause;
      /** "password", "token", "API key" (credentialNoun) for a 'credentials' cause. */
      credential?: string;
    }
  | { type: 'connection-restored'; hostId: HostId }
  /** Hubwatch gave up on a host until its credential changes (e.g. a pasted token expired): told once. */
  | { type: 'stopped-watching'; hostId: HostId; hostName: string; message: string; credential?: string }
  | { type: 'forget-host'; hostId: HostId }
  | { type: 'set-rules'; rules: NotificationRules }
  | { type: 'set-muted'; hostId: HostId; farmHostId?: string; vmId: string; muted: boolean }
  | { type: 'set-paused'; until: number | null }
  | { type: 'tick' };

export type { PolicyOwnership, PolicyState };

export type { OutageCause };

export interface Decision {
  state: PolicyState;
  intents: NotificationIntent[];
}

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
    settledAt: new Map(),
    windowEndsAt: null,
    pending: new Map(),
    sentAt: [],
    lostNotified: new Set(),
  };
}

/** When the caller must deliver a {type:'tick'}; null when nothing is waiting. */
export function nextWakeAt(state: PolicyState): number | null {
  return state.windowEndsAt;
}

function step(
  w: Working,
  input: PolicyInput,
  now: number,
  out: NotificationIntent[],
  /** Hosts found unreachable in this pass: told together at the end (lostIntent). */
  lost: (OutageInput & { hostId: HostId })[],
): void {
  switch (input.type) {
    case 'tick':
      tick(w, now, out);
      return;
    case 'set-rules':
      w.rules = input.rules;
      return;
    case 'set-paused':
      w.pausedUntil = input.until;
      return;
    case 'set-muted': {
      const key = vmKey(input.hostId, input.vmId, input.farmHostId);
      if (input.muted) w.writeMuted().add(key);
      else w.writeMuted().delete(key);
      return;
    }
    case 'forget-host': {
      const prefix = `${input.hostId}/`;
      const settled = w.writeSettled();
      for (const k of [...settled.keys()]) if (k.startsWith(prefix)) settled.delete(k);
      const since = w.writeSettledAt();
      for (const k of [...since.keys()]) if (k.startsWith(prefix)) since.delete(k);
      w.writeLost().delete(input.hostId);
      w.setPending([...w.pending.values()].filter((n) => n.hostId !== input.hostId));
      return;
    }
    case 'vm-seen': {
      if (isTransitionalState(input.state)) return;
      const key = vmKey(input.hostId, input.vmId, input.farmHostId);
      w.writeSettled().set(key, input.state);
      // prlctl's uptime tells since when a running VM runs, even one that started before Hubwatch did.
      if (
        input.state === 'running' &&
        input.uptimeSeconds !== undefined &&
        Number.isFinite(input.uptimeSeconds)
      )
        w.writeSettledAt().set(key, now - input.uptimeSeconds * 1000);
      return;
    }
    case 'farm-hosts-unreachable':
    case 'farm-host-back':
      stepFarm(w, input, now, out);
      return;
    case 'connection-restored':
      if (w.lostNotified.has(input.hostId)) w.writeLost().delete(input.hostId);
      return;
    case 'stopped-watching':
      if (!w.rules.enabled) return;
      if (w.pausedUntil !== null && now < w.pausedUntil) return;
      // Host-level and once per credential failure (the monitor sends it once): not folded into summaries.
      w.recordSend(now);
      out.push({
        id: `${input.hostId}/stopped-watching@${now}`,
        hostId: input.hostId,
        ...stoppedWatchingText(input.hostName, input.message, input.credential),
        offline: false,
        covers: [],
      });
      return;
    case 'connection-lost': {
      const limit = w.rules.connectionLostAfterSeconds;
      if (!w.rules.enabled || limit === null || input.seconds < limit || w.lostNotified.has(input.hostId))
        return;
      w.writeLost().add(input.hostId);
      if (w.pausedUntil !== null && now < w.pausedUntil) return;
      // Unreachable hosts of one pass (a network drop takes many at once) become one notification at the end.
      if (input.cause === undefined || input.cause === 'unreachable') {
        lost.push(input);
        return;
      }
      // Host-level and rare (once per outage): not folded into VM summaries.
      w.recordSend(now);
      out.push({
        id: `${input.hostId}/connection-lost@${now}`,
        hostId: input.hostId,
        ...outageText(input),
        offline: false,
        covers: [],
      });
      return;
    }
    case 'vm-added':
    case 'vm-removed':
    case 'vm-state': {
      const key = vmKey(input.hostId, input.vmId, input.farmHostId);
      let what: string;
      let from: string | null = null;
      let wasForMs: number | null = null;
      if (input.type === 'vm-removed') {
        if (w.lastSettled.has(key)) w.writeSettled().delete(key);
        if (w.settledAt.has(key)) w.writeSettledAt().delete(key);
        what = 'removed';
      } else if (input.type === 'vm-added') {
        if (!isTransitionalState(input.state)) w.writeSettled().set(key, input.state);
        what = 'added';
      } else {
        const to = input.to;
        if (isTransitionalState(to)) return;
        const settled = w.lastSettled.get(key);
        const prev = settled ?? (input.from || null);
        if (settled !== to) w.writeSettled().set(key, to);
        // Unknown previous state (never seen this VM settle) or a re-confirmation: nothing new happened.
        if (prev === null || prev === to) return;
        const since = w.settledAt.get(key);
        wasForMs = since === undefined || input.offline ? null : Math.max(0, input.at - since);
        w.writeSettledAt().set(key, input.at);
        what = to;
        // The settled state it left ("running"), not the transitional one it passed through ("stopping").
        from = prev;
      }
      if (!wants(w.rules, what) || w.silenced(input.hostId, input.vmId, now, input.farmHostId)) return;
      // Built whole, the farm host set after (not spread in): every stop of a stream queues one of these.
      const notice: { -readonly [K in keyof Notice]: Notice[K] } = {
        hostId: input.hostId,
        hostName: input.hostName,
        vmId: input.vmId,
        vmName: input.vmName,
        what,
        from,
        wasForMs,
        offline: input.offline,
        at: input.at,
      };
      if (input.farmHostId !== undefined) notice.farmHostId = input.farmHostId;
      enqueue(w, notice, now, out);
      return;
    }
  }
}

/**
 * Pure: the inputs in order, all at `now`; equal to folding `decide` over them, at O(1) per VM input.
 * `owns` (NotifyRunner only): that collection of `s` was built by an earlier decideAll and nobody else has seen
 * it since, so it may be updated in place; the result then shares it. Pure callers leave it empty.
 */
export function decideAll(
  s: PolicyState,
  inputs: readonly PolicyInput[],
  now: number,
  owns: PolicyOwnership = {},
): Decision {
  const w = new Working(s, owns);
  const intents: NotificationIntent[] = [];
  const lost: (OutageInput & { hostId: HostId })[] = [];
  for (const input of inputs) step(w, input, now, intents, lost);
  const first = lost[0];
  if (first !== undefined) {
    // One notification for every host lost in this pass (issue 15 Scale: N hosts down gave N notifications).
    w.recordSend(now);
    intents.push({
      id: `${first.hostId}/connection-lost@${now}`,
      hostId: first.hostId,
      ...(lost.length === 1 ? outageText(first) : manyOutagesText(lost)),
      offline: false,
      covers: [],
    });
  }
  return { state: w.freeze(), intents };
}

export function decide(s: PolicyState, input: PolicyInput, now: number): Decision {
  return decideAll(s, [input], now);
}
