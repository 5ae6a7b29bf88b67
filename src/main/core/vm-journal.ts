// Which VMs changed, in order, so a reader can ask "what changed since I last looked?" instead of scanning (or
// copying) every VM: the popover's pushes send only those VMs (ipc/push-deltas.ts), the tray re-counts only when
// some changed. Each reader keeps its own cursor. Bounded: when the journal outgrows `limit`, its older half is
// dropped, and a reader whose cursor fell behind that gets null (it then reads everything once, e.g. a full push).

export class VmJournal {
  private keys: string[] = [];
  /** The cursor value of keys[0]. */
  private base = 0;

  constructor(private readonly limit = 20_000) {}

  /** A VM's entry was written or deleted (its vmKey). */
  note(key: string): void {
    this.keys.push(key);
    if (this.keys.length > this.limit) {
      const drop = this.keys.length - Math.floor(this.limit / 2);
      this.keys = this.keys.slice(drop);
      this.base += drop;
    }
  }

  /** The cursor after the latest change. */
  get cursor(): number {
    return this.base + this.keys.length;
  }

  /** Keys changed since `cursor` (repeats possible), or null when the journal no longer reaches back that far. */
  since(cursor: number): readonly string[] | null {
    if (cursor < this.base || cursor > this.cursor) return null;
    return this.keys.slice(cursor - this.base);
  }
}
