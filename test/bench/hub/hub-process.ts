// Entry of the hub child process: owns one fast hub and executes the measurement process's commands.
import { nowMs } from '../lib/clock';
import { makeVms, vmId } from './frames';
import { startFastHub, type FastHub } from './fast-hub';
import { closeFarm, farmHandlers } from './farm-hubs';
import { closeOrchestrator, orchestratorHandlers } from './orchestrator-hub';
import type { HubCommandMap, HubReply, HubRequest } from './protocol';

type Handlers = { [C in keyof HubCommandMap]: (arg: HubCommandMap[C][0]) => Promise<HubCommandMap[C][1]> };

let hub: FastHub | null = null;
let sentinelIndex = -1;
let vmCount = 0;
let nextVm = 0;
let prepared: Buffer | null = null;

function need(): FastHub {
  if (!hub) throw new Error('hub not initialised');
  return hub;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 1));
  }
}

const handlers: Handlers = {
  async init({ vms, sentinel, initialState, pingIntervalMs }) {
    const list = makeVms(vms, initialState);
    vmCount = vms;
    if (sentinel) {
      sentinelIndex = list.length;
      list.push({
        id: vmId(0xffffff),
        name: 'bench-sentinel',
        state: 'idle',
        os: 'ubuntu',
        uptime: '0',
        user: 'bench',
      });
    }
    hub = await startFastHub({ vms: list, pingIntervalMs });
    return { port: hub.port };
  },
  time: () => Promise.resolve({ now: nowMs() }),
  async waitWelcome({ count, timeoutMs }) {
    const h = need();
    await until(() => h.welcomeTimes.length >= count, timeoutMs, `welcome #${count}`);
    return { welcomeAt: h.welcomeTimes[count - 1]! };
  },
  prepareBlast({ frames }) {
    const h = need();
    const parts: Buffer[] = [];
    for (let i = 0; i < frames; i++) {
      parts.push(h.frameFor(nextVm));
      nextVm = (nextVm + 1) % vmCount;
    }
    prepared = Buffer.concat(parts);
    return Promise.resolve({ bytes: prepared.length });
  },
  async goBlast({ sentinelState }) {
    const h = need();
    const data = prepared ?? Buffer.alloc(0);
    prepared = null;
    const startedAt = nowMs();
    // 256 KiB writes with backpressure: as fast as the client's socket takes them, without buffering it all.
    const chunk = 256 * 1024;
    for (let at = 0; at < data.length; at += chunk) await h.writeAll(data.subarray(at, at + chunk));
    if (sentinelState !== null) await h.writeAll(h.frameFor(sentinelIndex, sentinelState));
    return { startedAt, endedAt: nowMs() };
  },
  async steady({ rate, durationMs }) {
    const h = need();
    const sends: [number, number, string][] = [];
    const start = nowMs();
    let sent = 0;
    const total = Math.round((rate * durationMs) / 1000);
    while (sent < total) {
      // Catch up to the schedule each tick: the rate stays exact even when a timer fires late.
      const due = Math.min(total, Math.floor(((nowMs() - start) * rate) / 1000));
      if (due > sent) {
        const parts: Buffer[] = [];
        const batch: [number, string][] = [];
        for (; sent < due; sent++) {
          parts.push(h.frameFor(nextVm));
          batch.push([nextVm, h.truth[nextVm]!.state]);
          nextVm = (nextVm + 1) % vmCount;
        }
        const at = nowMs();
        await h.writeAll(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
        for (const [index, state] of batch) sends.push([at, index, state]);
      }
      await new Promise((done) => setTimeout(done, 1));
    }
    return { sends };
  },
  async burst({ from, count, to }) {
    const h = need();
    const parts: Buffer[] = [];
    for (let i = from; i < from + count; i++) parts.push(h.frameFor(i, to));
    const data = Buffer.concat(parts);
    const sentAt = nowMs();
    await h.writeAll(data);
    return { sentAt, bytes: data.length };
  },
  mutate({ stateChanges, renames, adds, removes, round }) {
    const h = need();
    const truth = h.truth;
    // Settled states only, so no transitional-state confirmation adds REST calls to the measured resync.
    for (let k = 0; k < stateChanges; k++) {
      const vm = truth[(round * 97 + k * 7) % truth.length]!;
      vm.state = vm.state === 'running' ? 'stopped' : 'running';
    }
    for (let k = 0; k < renames; k++) truth[(round * 31 + k * 13) % truth.length]!.name += '-r';
    for (let k = 0; k < removes; k++) truth.splice((round * 53 + k * 17) % truth.length, 1);
    for (let k = 0; k < adds; k++) {
      const id = vmId(0x100000 + round * 1000 + k);
      truth.push({
        id,
        name: `new-${round}-${k}`,
        state: 'running',
        os: 'macosx',
        uptime: '1',
        user: 'builder',
      });
    }
    sentinelIndex = -1;
    vmCount = truth.length;
    nextVm = 0;
    h.truthChanged();
    return Promise.resolve({
      truth: truth.map((vm): [string, string, string] => [vm.id, vm.name, vm.state]),
    });
  },
  async drop() {
    const h = need();
    const welcomes = h.welcomeTimes.length;
    const droppedAt = nowMs();
    h.drop();
    await until(() => h.welcomeTimes.length > welcomes, 15_000, 'the reconnect');
    return { droppedAt, welcomeAt: h.welcomeTimes[welcomes]! };
  },
  stats() {
    const h = need();
    let pongs = 0;
    for (const peer of h.peers) pongs += peer.pongsReceived;
    return Promise.resolve({
      peers: h.peers.size,
      pongs,
      welcomes: h.welcomeTimes.length,
      restRequests: h.restRequests,
    });
  },
  ...farmHandlers,
  ...orchestratorHandlers,
  async close() {
    await closeFarm();
    await closeOrchestrator();
    await hub?.close();
    hub = null;
    setImmediate(() => process.exit(0));
    return {};
  },
};

process.on('message', (raw: unknown) => {
  const request = raw as HubRequest;
  const handler = handlers[request.cmd] as (arg: unknown) => Promise<unknown>;
  handler(request.arg).then(
    (value) => process.send?.({ id: request.id, ok: true, value } satisfies HubReply),
    (err: unknown) => process.send?.({ id: request.id, ok: false, error: String(err) } satisfies HubReply),
  );
});
// The parent going away ends the hub: no orphaned servers.
process.on('disconnect', () => process.exit(0));
