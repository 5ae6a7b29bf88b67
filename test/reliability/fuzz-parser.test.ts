// 100,000 seeded hostile frames straight through the real frame parser: no throw, no prototype pollution,
// bounded memory, and every valid event among them parsed to exactly what it says.
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/main/hub/envelope';
import { fuzzFrames, prototypeFingerprint } from './support/fuzz';
import { heapAfterGc } from './support/memory';

const SEED = 0x5eed7;
const FRAMES = Number(process.env['HUBWATCH_PARSER_FRAMES'] ?? 100_000);
const VM_IDS = Array.from({ length: 20 }, (_, i) => `6c2d1f0a-8b7e-4c33-9a10-${String(i).padStart(12, '0')}`);

describe('hostile frames through parseFrame', () => {
  it(`survives ${FRAMES} mutated frames (seed ${SEED}) and parses every valid one`, () => {
    const protoBefore = prototypeFingerprint();
    const heapBefore = heapAfterGc();
    const kinds: Record<string, number> = {};
    let validSeen = 0;
    let rejected = 0;
    let peakHeap = heapBefore;
    let i = 0;
    for (const frame of fuzzFrames(FRAMES, {
      seed: SEED,
      vmIds: VM_IDS,
      maxStringBytes: 10 * 1024 * 1024,
      validEvery: 7,
    })) {
      kinds[frame.kind] = (kinds[frame.kind] ?? 0) + 1;
      let result: ReturnType<typeof parseFrame>;
      try {
        result = parseFrame(frame.data, frame.isBinary);
      } catch (error) {
        throw new Error(`parseFrame threw on frame #${i} (${frame.kind}, seed ${SEED}): ${String(error)}`);
      }
      if (frame.valid) {
        validSeen++;
        expect(result, `valid frame #${i}`).toEqual({
          ok: true,
          message: {
            type: 'vm-state-changed',
            vmId: frame.valid.vmId,
            previousState: null,
            currentState: frame.valid.state,
          },
        });
      }
      if (!result.ok) {
        rejected++;
        // Reasons end up in logs: they must stay short whatever the frame carried (a 10 MB string, say).
        expect(result.reason.length).toBeLessThan(300);
      } else if (frame.kind === 'binary') {
        throw new Error(`binary frame #${i} was accepted`);
      }
      if (i % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      i++;
    }
    const heapAfter = heapAfterGc();
    expect(prototypeFingerprint()).toBe(protoBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Nothing the parser saw may be retained: the heap after a GC is back within a few MB of where it started.
    expect(heapAfter - heapBefore).toBeLessThan(16 * 1024 * 1024);
    expect(validSeen).toBeGreaterThan(FRAMES / 8);
    expect(kinds['huge-string']).toBeGreaterThan(0);
    console.log(
      `[fuzz-parser] seed=${SEED} frames=${FRAMES} valid=${validSeen} rejected=${rejected} kinds=${JSON.stringify(kinds)} heapDeltaMB=${((heapAfter - heapBefore) / 1048576).toFixed(1)} peakHeapMB=${(peakHeap / 1048576).toFixed(0)}`,
    );
  });
});
