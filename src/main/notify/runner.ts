// The effectful shell around the pure notify policy: feeds it inputs with the clock's time, delivers its
// intents to the sink, keeps the one wake-up timer it asks for, and times "connection lost > N s".
import type { HostId } from '../../shared/model';
import type { NotificationRules } from '../../shared/settings';
import {
  createPolicyState,
  decideAll,
  nextWakeAt,
  type OutageCause,
  type PolicyInput,
  type PolicyState,
} from './policy';
import type { Clock, TimerHandle, Timers } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { NotificationSink } from './intent';
import type { FarmHostRef } from './farm-text';

/** Farm hosts of one entry that went unreachable and wait to be told together. */
interface UnreachableGroup {
  farmName: string;
  hosts: Map<string, FarmHostRef>;
  handle: TimerHandle;
}

/** How long outage timers that come due close together are gathered into one notification. */
const OUTAGE_GATHER_MS = 1_000;

export class NotifyRunner {
  private policy: PolicyState;
  private wake: { at: number; handle: TimerHandle } | null = null;
  private readonly outages = new Map<HostId, TimerHandle>();
  /** Outage timers that fired and wait for the gather window to close (see outageStarted). */
  private readonly lostDue: { hostId: HostId; hostName: string; at: number }[] = [];
  private gather: TimerHandle | null = null;
  private readonly unreachable = new Map<HostId, UnreachableGroup>();
  private disposed = false;
  /** Which of the policy's maps decideAll built and nobody was handed since (see decideAll). */
  private owns = { settled: false, pending: false, settledAt: false };

  constructor(
    private readonly o: {
      clock: Clock;
      timers: Timers;
      sink: NotificationSink;
      logger: Logger;
      rules: NotificationRules;
      windowMs: number;
      rateCapPerMinute: number;
      /** Snapshot-relevant policy state changed (mute, pause). */
      onChange: () => void;
      /** Whether the host is still disconnected when the "lost > N s" timer fires. */
      isOutage: (hostId: HostId) => boolean;
      /** Why the host is disconnected, so the notification says the truth (absent: 'unreachable'). */
      outageCause?: (hostId: HostId) => { cause: OutageCause; credential?: string };
      /** Farm hosts that become unreachable within this long are told in one notification (default 5 s). */
      farmUnreachableWindowMs?: number;
    },
  ) {
    this.policy = createPolicyState(o.rules, { windowMs: o.windowMs, rateCapPerMinute: o.rateCapPerMinute });
  }

  get state(): PolicyState {
    // Handed out: the reader may keep it, so the next batch must copy before writing.
    this.owns = { settled: false, pending: false, settledAt: false };
    return this.policy;
  }

  /** The muted VM keys, read without handing out the policy state (the set is replaced, never written, on change). */
  get muted(): ReadonlySet<string> {
    return this.policy.muted;
  }

  get pausedUntil(): number | null {
    return this.policy.pausedUntil;
  }

  input(input: PolicyInput): void {
    this.inputs([input]);
  }

  /** A batch (every change of one socket read) in one policy pass: one decision, one timer re-arm. */
  inputs(inputs: readonly PolicyInput[]): void {
    if (this.disposed || inputs.length === 0) return;
    const before = this.policy;
    const { state, intents } = decideAll(this.policy, inputs, this.o.clock.now(), this.owns);
    if (state.lastSettled !== before.lastSettled) this.owns.settled = true;
    if (state.pending !== before.pending) this.owns.pending = true;
    if (state.settledAt !== before.settledAt) this.owns.settledAt = true;
    this.policy = state;
    for (const intent of intents) {
      try {
        this.o.sink.show(intent);
      } catch (err) {
        this.o.logger.error('notification could not be shown', { error: String(err) });
      }
    }
    this.rearm();
    if (state.muted !== before.muted || state.pausedUntil !== before.pausedUntil) this.o.onChange();
  }

  outageStarted(hostId: HostId, hostName: string, at: number): void {
    const limit = this.policy.rules.connectionLostAfterSeconds;
    if (this.disposed || limit === null || this.outages.has(hostId)) return;
    const delay = Math.max(0, at + limit * 1000 - this.o.clock.now());
    const handle = this.o.timers.setTimeout(() => {
      this.outages.delete(hostId);
      this.lostDue.push({ hostId, hostName, at });
      // Hosts that went down together come due together: gathered for OUTAGE_GATHER_MS into one policy pass,
      // which tells them in one notification (issue 15 Scale: N hosts down gave N notifications).
      this.gather ??= this.o.timers.setTimeout(() => this.flushLost(), OUTAGE_GATHER_MS);
    }, delay);
    this.outages.set(hostId, handle);
  }

  private flushLost(): void {
    this.gather = null;
    const due = this.lostDue.splice(0);
    const inputs: PolicyInput[] = [];
    for (const { hostId, hostName, at } of due) {
      if (!this.o.isOutage(hostId)) continue;
      const why = this.o.outageCause?.(hostId) ?? { cause: 'unreachable' as const };
      inputs.push({
        type: 'connection-lost',
        hostId,
        hostName,
        seconds: (this.o.clock.now() - at) / 1000,
        ...why,
      });
    }
    this.inputs(inputs);
  }

  /** The host's credential stopped working: one notification, and no "lost connection" one on top of it. */
  stoppedWatching(hostId: HostId, hostName: string, message: string, credential?: string): void {
    const timer = this.outages.get(hostId);
    if (timer !== undefined) {
      this.o.timers.clearTimeout(timer);
      this.outages.delete(hostId);
    }
    this.input({
      type: 'stopped-watching',
      hostId,
      hostName,
      message,
      ...(credential === undefined ? {} : { credential }),
    });
  }

  /**
   * A farm host became unreachable from its orchestrator. Told once for the host, never per VM; hosts of the same
   * entry that follow within the window join the same notification ("4 farm hosts unreachable"), since a rack
   * losing power or a switch going down is one event to the user.
   */
  farmHostUnreachable(hostId: HostId, farmName: string, host: FarmHostRef): void {
    if (this.disposed) return;
    const group = this.unreachable.get(hostId);
    if (group) {
      group.hosts.set(host.farmHostId, host);
      return;
    }
    const handle = this.o.timers.setTimeout(() => {
      const g = this.unreachable.get(hostId);
      this.unreachable.delete(hostId);
      if (g && g.hosts.size > 0)
        this.input({
          type: 'farm-hosts-unreachable',
          hostId,
          farmName: g.farmName,
          hosts: [...g.hosts.values()],
        });
    }, this.o.farmUnreachableWindowMs ?? 5_000);
    this.unreachable.set(hostId, { farmName, hosts: new Map([[host.farmHostId, host]]), handle });
  }

  /** Back before it was told (a blip inside the window): nothing to say about it. */
  farmHostReachable(hostId: HostId, farmHostId: string): void {
    this.unreachable.get(hostId)?.hosts.delete(farmHostId);
  }

  outageEnded(hostId: HostId): void {
    const handle = this.outages.get(hostId);
    if (handle !== undefined) this.o.timers.clearTimeout(handle);
    this.outages.delete(hostId);
    this.input({ type: 'connection-restored', hostId });
  }

  dispose(): void {
    this.disposed = true;
    if (this.wake) this.o.timers.clearTimeout(this.wake.handle);
    this.wake = null;
    for (const h of this.outages.values()) this.o.timers.clearTimeout(h);
    this.outages.clear();
    if (this.gather !== null) this.o.timers.clearTimeout(this.gather);
    this.gather = null;
    this.lostDue.length = 0;
    for (const g of this.unreachable.values()) this.o.timers.clearTimeout(g.handle);
    this.unreachable.clear();
  }

  private rearm(): void {
    const at = nextWakeAt(this.policy);
    if (this.wake && this.wake.at === at) return;
    if (this.wake) this.o.timers.clearTimeout(this.wake.handle);
    this.wake = null;
    if (at === null || this.disposed) return;
    const handle = this.o.timers.setTimeout(
      () => {
        this.wake = null;
        this.input({ type: 'tick' });
      },
      Math.max(0, at - this.o.clock.now()),
    );
    this.wake = { at, handle };
  }
}
