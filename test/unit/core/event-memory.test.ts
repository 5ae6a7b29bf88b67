// What a host's live stream said recently about each VM (event-memory.ts): the two judgements the sync reads from
// it (a VM_UPDATED contradicting a recent state event; no lookup for a VM whose last event was its removal), and
// its bound, so ephemeral VM ids do not accumulate for the life of a connection.
import { describe, expect, it } from 'vitest';
import { VmEventMemory } from '../../../src/main/core/event-memory';

const WINDOW = 3_000;
const T = 1_700_000_000_000;
const CAP = 512; // event-memory.ts MAX_ENTRIES (removals)
const GENERATION = 2048; // event-memory.ts GENERATION_ENTRIES (state events)

describe('VmEventMemory', () => {
  it('remembers a state event for one window (its last millisecond included), by normalised VM id', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    expect(m.hadRecentStateEvent('vm-a', T)).toBe(false);
    m.noteStateEvent('{VM-A}', T);
    expect(m.hadRecentStateEvent('vm-a', T + WINDOW)).toBe(true);
    expect(m.hadRecentStateEvent('vm-a', T + WINDOW + 1)).toBe(false);
    expect(m.hadRecentStateEvent('vm-b', T)).toBe(false);
  });

  it('a removal is the last word until any later event about the VM', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    m.noteStateEvent('a', T);
    m.noteRemoved('a', T + 1);
    expect(m.lastWasRemoval('a')).toBe(true);
    expect(m.hadRecentStateEvent('a', T + 1)).toBe(false); // the removal replaced the state event
    m.noteSeen('a'); // VM_ADDED / VM_UPDATED after the removal
    expect(m.lastWasRemoval('a')).toBe(false);
    m.noteRemoved('a', T + 2);
    m.noteStateEvent('a', T + 3); // a state event also means it exists again
    expect(m.lastWasRemoval('a')).toBe(false);
    expect(m.hadRecentStateEvent('a', T + 3)).toBe(true);
    expect(m.lastWasRemoval('never-seen')).toBe(false);
  });

  it('noteSeen about another VM leaves a removal standing', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    m.noteRemoved('a', T);
    m.noteSeen('b');
    expect(m.lastWasRemoval('a')).toBe(true);
  });

  it('clear() forgets both kinds', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    m.noteStateEvent('a', T);
    m.noteRemoved('b', T);
    m.clear();
    expect(m.hadRecentStateEvent('a', T)).toBe(false);
    expect(m.lastWasRemoval('b')).toBe(false);
  });

  it('state events: the VMs among the last GENERATION + 1 noted are remembered, a re-noted VM counts as new', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    for (let i = 0; i <= GENERATION; i++) m.noteStateEvent(`s${i}`, T);
    for (let i = 0; i <= GENERATION; i++) expect(m.hadRecentStateEvent(`s${i}`, T)).toBe(true);
    m.noteStateEvent('s0', T); // noted again: now among the newest
    for (let i = 0; i < GENERATION; i++) m.noteStateEvent(`e${i}`, T);
    expect(m.hadRecentStateEvent('s0', T)).toBe(true);
    for (let i = 0; i < GENERATION; i++) expect(m.hadRecentStateEvent(`e${i}`, T)).toBe(true);
  });

  it('state events: bounded, a VM not noted for 2 × (GENERATION + 1) notes is forgotten even inside its window', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    m.noteStateEvent('first', T);
    for (let i = 1; i < 2 * (GENERATION + 1); i++) m.noteStateEvent(`s${i}`, T);
    expect(m.hadRecentStateEvent('first', T)).toBe(false);
    expect(m.hadRecentStateEvent(`s${2 * (GENERATION + 1) - 1}`, T)).toBe(true);
  });

  it('removals: holds at most the newest CAP, a re-noted VM counts as new', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    for (let i = 0; i < CAP; i++) m.noteRemoved(`r${i}`, T);
    m.noteRemoved('r0', T);
    expect(m.lastWasRemoval('r1')).toBe(true); // exactly at the cap: nothing dropped yet
    m.noteRemoved('r-extra', T);
    // One over the cap: the oldest (r1) goes, everything newer stays.
    expect(m.lastWasRemoval('r1')).toBe(false);
    expect(m.lastWasRemoval('r0')).toBe(true);
    expect(m.lastWasRemoval('r2')).toBe(true);
    expect(m.lastWasRemoval('r-extra')).toBe(true);
  });

  it('a removal drops the VM state event from both generations', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    m.noteStateEvent('a', T);
    for (let i = 0; i < GENERATION; i++) m.noteStateEvent(`s${i}`, T); // 'a' is now in the older generation
    m.noteRemoved('a', T);
    expect(m.hadRecentStateEvent('a', T)).toBe(false);
  });

  it('once over the cap, every entry older than a window goes, not only the excess', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    for (let i = 0; i < CAP; i++) m.noteRemoved(`old${i}`, T);
    m.noteRemoved('edge', T + 1); // exactly one window old at the next note: kept
    m.noteRemoved('new', T + 1 + WINDOW);
    expect(m.lastWasRemoval(`old${CAP - 1}`)).toBe(false);
    expect(m.lastWasRemoval('edge')).toBe(true);
    expect(m.lastWasRemoval('new')).toBe(true);
  });

  it('under the cap a removal is remembered however old (removals carry no window)', () => {
    const m = new VmEventMemory('host-1', WINDOW);
    for (let i = 0; i < CAP - 1; i++) m.noteRemoved(`old${i}`, T);
    m.noteRemoved('new', T + 10 * WINDOW); // exactly at the cap now
    expect(m.lastWasRemoval('old0')).toBe(true);
    expect(m.lastWasRemoval(`old${CAP - 2}`)).toBe(true);
  });
});
