// CPU per streamed event of the real core, in process and without sockets: 1,000 VMs cycling through their states
// (like measurement 1), frames pre-built, fed 300 per "socket read" through a fake connection into createAppCore,
// a delta push (serialised like Electron IPC) every 6,600 events (200,000 ev/s, one push per 33 ms). Less noisy
// than the socket benchmark (no second process, no kernel), so A/B runs of two checkouts can tell small changes.
//   STAGE=parse      only frameParserFor(['pdfm']) on the frames
//   STAGE=parsetext  the same frames through the text path (decode + regex)
//   STAGE=core       parse + core (no push)      STAGE=push  parse + core + pushes (the app with the popover open)
// Usage: STAGE=push npx tsx test/bench/tools/core-cost.ts   (N=<events>, default 400,000; a quarter warms up)
// With `node --import tsx --import <hook>` a global __allocHook(run, events) may wrap the measured phase (e.g. a
// sampling heap profile: bytes allocated per event by function).
import { serialize } from 'node:v8';
import { createAppCore } from '../../../src/main/core/app-core';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { systemClock, systemTimers } from '../../../src/main/kernel/clock';
import { createStatePusher } from '../../../src/main/ipc/push-deltas';
import { FakeHub, vm } from '../../unit/core/fake-hub';
import type { HubMessage } from '../../../src/main/core/hub-ports';
import * as envelope from '../../../src/main/hub/envelope';

const VMS = 1000,
  N = Number(process.env.N ?? 400000),
  BATCH = 300,
  PUSH_EVERY = 6600;
const CYCLE = ['running', 'stopping', 'stopped', 'starting'];
const id = (i: number) =>
  `${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`;
const stage = process.env.STAGE ?? 'core';
async function main() {
  const hub = new FakeHub();
  const notes: unknown[] = [];
  const core = await createAppCore({
    hubFactory: hub,
    clock: systemClock,
    timers: systemTimers,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    eventLog: { load: async () => [], save: async () => {} },
    notifier: { show: (i) => notes.push(i) },
    secrets: { getSecret: () => Promise.resolve('t') },
  });
  core.configure({
    ...DEFAULT_SETTINGS,
    hosts: [
      {
        id: 'h',
        name: 'H',
        url: 'http://127.0.0.1:1',
        auth: 'token',
        username: '',
        pinnedFingerprint: null,
        enabled: true,
      },
    ],
  });
  await new Promise((r) => setTimeout(r, 50));
  const c = hub.last('h');
  c.connection.open();
  await new Promise((r) => setImmediate(r));
  c.rest.lists[0]!.resolve(Array.from({ length: VMS }, (_, i) => vm(id(i), `vm-${i}`, 'running')));
  await new Promise((r) => setTimeout(r, 50));
  const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
  serialize(pusher.next());
  const state = Array.from({ length: VMS }, () => 0);
  const frames: Buffer[] = [];
  let k = 0;
  for (let i = 0; i < N; i++) {
    const v = k++ % VMS;
    const prev = CYCLE[state[v]!]!;
    state[v] = (state[v]! + 1) % 4;
    const cur = CYCLE[state[v]!]!;
    frames.push(
      Buffer.from(
        JSON.stringify({
          id: 'a1b2c3d4-0000-1111-2222-333344445555',
          event_type: 'pdfm',
          timestamp: '2026-12-06T10:00:00.123456789Z',
          message: 'VM_STATE_CHANGED',
          body: { previous_state: prev, current_state: cur, vm_id: id(v) },
        }) + '\n',
      ),
    );
  }
  // (older checkouts, for A/B runs, have only parseFrame)
  const e = envelope as unknown as Record<string, unknown>;
  const parse =
    typeof e.frameParserFor === 'function'
      ? (e.frameParserFor as typeof envelope.frameParserFor)(['pdfm'])
      : envelope.parseFrame;
  const run = (from: number, to: number) => {
    let sincePush = 0;
    for (let i = from; i < to; i += BATCH) {
      const batch: HubMessage[] = [];
      for (let j = i; j < Math.min(to, i + BATCH); j++) {
        const r =
          stage === 'parsetext'
            ? envelope.parseFrame(frames[j]!.toString(), false)
            : parse(frames[j]!, false);
        if (r.ok) batch.push(r.message as HubMessage);
      }
      if (stage === 'parse' || stage === 'parsetext') continue;
      c.connection.msgs(batch);
      sincePush += batch.length;
      if (stage === 'push' && sincePush >= PUSH_EVERY) {
        sincePush = 0;
        serialize(pusher.next());
      }
    }
  };
  run(0, N / 4); // warm-up
  globalThis.gc?.();
  const hook = (globalThis as Record<string, unknown>).__allocHook as
    ((run: () => void, events: number) => Promise<void>) | undefined;
  if (hook) {
    await hook(() => run(N / 4, N), N * 0.75);
    process.exit(0);
  }
  const t = process.cpuUsage();
  run(N / 4, N);
  const u = process.cpuUsage(t);
  console.log(stage, ((u.user + u.system) / (N * 0.75)).toFixed(3), 'us/event', 'notes', notes.length);
  process.exit(0);
}
void main();
