// The change journal as a ring: what a reader gets back for every cursor, across wrap-arounds, against a plain
// list of every key ever noted (the journal must answer exactly the tail of that list, or null when it cannot).
import { describe, expect, it } from 'vitest';
import { VmJournal } from '../../../src/main/core/vm-journal';

describe('VmJournal', () => {
  it('answers every cursor within the last `limit` changes with exactly the keys noted since, in order', () => {
    const limit = 7;
    const journal = new VmJournal(limit);
    const all: string[] = [];
    for (let n = 0; n < 40; n++) {
      for (let cursor = 0; cursor <= all.length; cursor++) {
        const expected = cursor < all.length - limit ? null : all.slice(cursor);
        expect(journal.since(cursor), `after ${all.length} notes, cursor ${cursor}`).toEqual(expected);
      }
      expect(journal.cursor).toBe(all.length);
      const key = `h/vm-${n % 5}`;
      journal.note(key);
      all.push(key);
    }
  });

  it('a cursor ahead of the journal (another journal, a reset) gets null, not an empty list', () => {
    const journal = new VmJournal(4);
    journal.note('h/a');
    expect(journal.since(2)).toBeNull();
    expect(journal.since(1)).toEqual([]);
  });

  it('rejects a limit that could hold nothing', () => {
    expect(() => new VmJournal(0)).toThrow(RangeError);
  });
});
