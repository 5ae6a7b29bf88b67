// The popover's copy of main's state, rebuilt from the pushes (shared/state-push.ts): a full Snapshot replaces it,
// a delta patches it, and a whole snapshot the page pulled seeds it when main numbered that pull like a push
// (seed; main/ipc/push-deltas.ts adopt), so the first push after a pull is a delta, not the farm again.
// Components keep reading one Snapshot (same shape as before deltas existed): every applied push yields a new
// Snapshot object whose unchanged parts are the previous objects.
//
// The VM list stays sorted like main sorts it (shared/vm-order.ts). A VM that changed in place (same host, same
// name: a state change, the common case) keeps its position: O(1) per VM plus one array copy per push. Added,
// removed or renamed VMs, or a new host order, re-sort: O(n log n), rare.
import { vmKeyOf, type HubEvent, type Snapshot, type Vm } from './model';
import type { SnapshotDelta, StatePush } from './state-push';
import { sortVms } from './vm-order';

/** Deltas held while the pulled base is still being assembled: ~17 s of pushes at one per frame. */
const MAX_HELD_DELTAS = 1_000;

export class SnapshotModel {
  /** The state as of push number `generation`; null before the first full push (or seed). */
  current: Snapshot | null = null;
  generation: number | null = null;
  /**
   * vmKeyOf key -> index in #indexed (current.vms), built when a delta first needs it, not when a whole snapshot
   * lands: keying a 100-Mac farm's 4,000 VMs was ~10 ms of the task where the page's whole list lands (its longest,
   * render-settle.ts), while the first delta comes in a task of its own.
   */
  #index: Map<string, number> | null = null;
  #indexed: readonly Vm[] = [];
  /** The generation main gave the whole snapshot the page is still assembling (expectBase), or null. */
  #awaited: number | null = null;
  /** Deltas that build on #awaited (and on each other), in order, until seed() brings the base. */
  #held: StatePush[] = [];

  /**
   * Applies a push. 'gap' when it builds on a push this model does not hold (ask main for a full one); 'held'
   * when it builds on the pulled base still being assembled (applied by seed()); 'stale' when it is not newer
   * than what the model holds (a push that crossed a pull on the way; ignored).
   */
  apply(push: StatePush): 'applied' | 'held' | 'gap' | 'stale' {
    if (this.generation !== null && push.generation <= this.generation) return 'stale';
    if ('full' in push) {
      this.#awaited = null;
      this.#held = [];
      this.current = push.full;
      this.#reindex(push.full.vms);
    } else if (this.current === null) {
      return this.#hold(push);
    } else {
      if (push.delta.base !== this.generation) return 'gap';
      this.current = this.#patch(this.current, push.delta);
    }
    this.generation = push.generation;
    return 'applied';
  }

  /**
   * The page pulled a first screen whose whole snapshot main holds as push `generation` (it is being assembled
   * from slices): deltas that build on it are held until seed() brings it, instead of being a gap. Only while
   * the model holds nothing (a model fed by pushes keeps building on them).
   */
  expectBase(generation: number): void {
    if (this.current !== null) return;
    this.#awaited = generation;
    this.#held = [];
  }

  /**
   * A whole snapshot pulled from main, which main remembers as push `generation` (push-deltas.ts adopt): the base
   * the next deltas build on, as if it had been pushed. Held deltas that build on it are applied in order.
   * 'stale' (ignored) when the model already holds that generation or a newer one; 'gap' when a held delta did
   * not follow on (ask main for a full one).
   */
  seed(snapshot: Snapshot, generation: number): 'applied' | 'gap' | 'stale' {
    if (this.generation !== null && generation <= this.generation) return 'stale';
    const held = this.#awaited === generation ? this.#held : [];
    this.#awaited = null;
    this.#held = [];
    this.current = snapshot;
    this.generation = generation;
    this.#reindex(snapshot.vms);
    for (const push of held) if (this.apply(push) === 'gap') return 'gap';
    return 'applied';
  }

  /**
   * The pulled base will not come (its slices failed, or a whole snapshot replaced the first screen). True when
   * deltas were held for it: the page then needs a full push.
   */
  abandonBase(): boolean {
    const lost = this.#held.length > 0;
    this.#awaited = null;
    this.#held = [];
    return lost;
  }

  /** A delta while the model holds nothing: held when it follows on the awaited base or the last held delta. */
  #hold(push: StatePush & { readonly delta: SnapshotDelta }): 'held' | 'gap' {
    const follows = this.#held.at(-1)?.generation ?? this.#awaited;
    if (follows === null || push.delta.base !== follows || this.#held.length >= MAX_HELD_DELTAS) {
      this.abandonBase();
      return 'gap';
    }
    this.#held.push(push);
    return 'held';
  }

  #reindex(vms: readonly Vm[]): void {
    this.#index = null;
    this.#indexed = vms;
  }

  #indexOf(vm: Vm): number | undefined {
    this.#index ??= new Map(this.#indexed.map((v, i) => [vmKeyOf(v), i]));
    return this.#index.get(vmKeyOf(vm));
  }

  #patch(s: Snapshot, d: SnapshotDelta): Snapshot {
    const hosts = d.hosts ?? s.hosts;
    const hostOrderChanged =
      d.hosts !== undefined &&
      (d.hosts.length !== s.hosts.length || d.hosts.some((h, i) => h.id !== s.hosts[i]?.id));
    let vms = s.vms;
    if (d.upserts !== undefined || d.removed !== undefined || hostOrderChanged)
      vms = this.#patchVms(
        s.vms,
        d,
        hostOrderChanged,
        hosts.map((h) => h.id),
      );
    return {
      ...s,
      hosts,
      vms,
      events: d.events === undefined ? s.events : patchEvents(s.events, d.events),
      pending: d.pending ?? s.pending,
      mutedVms: d.mutedVms ?? s.mutedVms,
      notificationsPausedUntil:
        d.notificationsPausedUntil === undefined ? s.notificationsPausedUntil : d.notificationsPausedUntil,
      ...(d.notificationHealth === undefined ? {} : { notificationHealth: d.notificationHealth }),
      generatedAt: d.generatedAt,
    };
  }

  #patchVms(
    before: readonly Vm[],
    d: SnapshotDelta,
    resort: boolean,
    hostOrder: readonly string[],
  ): readonly Vm[] {
    let vms: Vm[] | null = null;
    for (const vm of d.upserts ?? []) {
      const at = this.#indexOf(vm);
      const old = at === undefined ? undefined : before[at];
      if (at === undefined || old === undefined || old.name !== vm.name) {
        resort = true;
        break;
      }
      vms ??= before.slice();
      vms[at] = vm;
    }
    if (!resort && (d.removed === undefined || d.removed.length === 0)) return vms ?? before;
    // The general case: rebuild by key, then sort like main.
    const byKey = new Map(before.map((vm) => [vmKeyOf(vm), vm]));
    for (const key of d.removed ?? []) byKey.delete(key);
    for (const vm of d.upserts ?? []) byKey.set(vmKeyOf(vm), vm);
    const sorted = sortVms(byKey.values(), hostOrder);
    this.#reindex(sorted);
    return sorted;
  }
}

/** New entries appended (ids increase), rewritten ones replaced in place, entries older than the window dropped. */
function patchEvents(
  before: readonly HubEvent[],
  d: NonNullable<SnapshotDelta['events']>,
): readonly HubEvent[] {
  const at = new Map(before.map((e, i) => [e.id, i]));
  const events = before.slice();
  for (const e of d.changed) {
    const i = at.get(e.id);
    if (i === undefined) events.push(e);
    else events[i] = e;
  }
  if (d.oldestId === null) return [];
  const oldest = Number(d.oldestId);
  const first = events.findIndex((e) => Number(e.id) >= oldest);
  return first <= 0 ? events : events.slice(first);
}
