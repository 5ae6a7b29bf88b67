// Which VMs changed, in order, so a reader can ask "what changed since I last looked?" instead of scanning (or
// copying) every VM: the popover's pushes send only those VMs (ipc/push-deltas.ts), the tray re-counts only when
// some changed. Each reader keeps its own cursor. Bounded: the journal keeps the latest `limit` changes in a ring,
// and a reader whose cursor fell further behind than that gets null (it then reads everything once, e.g. a full
// push). Why a ring: the array this replaced grew by push and was cut in half by a slice every `limit / 2` changes,
// so every streamed event paid for regrowing (and the young-generation GC for copying) a 10,000-20,000-slot array;
// the ring is allocated once and each note is one store.

export class VmJournal {
  private readonly keys: string[];
  /** The slot the next note goes to. */
  private next = 0;
  /** The cursor after the latest change: how many changes were ever noted. */
  private end = 0;

  constructor(private readonly limit = 20_000) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`journal limit must be >= 1, got ${limit}`);
    this.keys = new Array<string>(limit).fill('');
  }

  /** A VM's entry was written or deleted (its vmKey). */
  note(key: string): void {
    this.keys[this.next] = key;
    this.next = this.next + 1 === this.limit ? 0 : this.next + 1;
    this.end++;
  }

  /** The cursor after the latest change. */
  get cursor(): number {
    return this.end;
  }

  /** Keys changed since `cursor` (repeats possible), or null when the journal no longer reaches back that far. */
  since(cursor: number): readonly string[] | null {
    if (cursor < this.end - this.limit || cursor > this.end) return null;
    const count = this.end - cursor;
    // The slot of the change right after `cursor`: `count` slots back from the next one, wrapping.
    const from = (this.next - count + this.limit) % this.limit;
    if (from + count <= this.limit) return this.keys.slice(from, from + count);
    return this.keys.slice(from).concat(this.keys.slice(0, count - (this.limit - from)));
  }
}
