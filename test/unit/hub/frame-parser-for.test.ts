// A connection parses with frameParserFor(its subscription): only the subscribed channels' raw-byte fast paths
// are tried. That may only change the cost, never the answer: every fixture, as the server writes it, parses the
// same with a pdfm parser, an orchestrator parser, the default (no event types) and the all-channel parseFrame.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameParserFor, parseFrame } from '../../../src/main/hub/envelope';
import { orchestratorChannel } from '../../../src/main/hub/channels/orchestrator';

const WS = join(__dirname, '../../fixtures/events-hub/ws');
/** Each fixture as wire bytes: compact JSON in the server's key order plus WriteJSON's newline. */
const FRAMES = readdirSync(WS)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(WS, file), 'utf8');
    let compact = text;
    try {
      compact = `${JSON.stringify(JSON.parse(text))}\n`;
    } catch {
      // a deliberately broken fixture stays as it is
    }
    return [file, Buffer.from(compact, 'utf8')] as const;
  });
const NOISE = Buffer.from(
  `${JSON.stringify({ id: 'f'.repeat(64), event_type: 'orchestrator', timestamp: '2026-08-18T10:24:00Z', message: 'HOST_STATS_UPDATE', body: { host_id: 'h1' } })}\n`,
);

afterEach(() => vi.restoreAllMocks());

describe('frameParserFor: the subscription chooses the fast paths, not the answer', () => {
  it.each([...FRAMES, ['orchestrator stats noise', NOISE] as const])(
    '%s parses the same for every subscription',
    (_, bytes) => {
      const expected = parseFrame(bytes, false);
      for (const types of [['pdfm'], ['orchestrator'], []])
        expect(frameParserFor(types)(bytes, false)).toEqual(expected);
    },
  );

  it('a pdfm connection never runs the orchestrator noise check; an orchestrator connection does', () => {
    const noiseCheck = vi.spyOn(orchestratorChannel, 'wireFastPath');
    const vmFrame = FRAMES.find(([file]) => file === 'vm-state-changed.json')?.[1] as Buffer;
    frameParserFor(['pdfm'])(vmFrame, false);
    frameParserFor([])(vmFrame, false); // the default subscription is pdfm
    expect(noiseCheck).not.toHaveBeenCalled();
    frameParserFor(['orchestrator'])(NOISE, false);
    expect(noiseCheck).toHaveBeenCalledTimes(1);
  });
});
