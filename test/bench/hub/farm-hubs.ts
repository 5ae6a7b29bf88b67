// The farm commands of the hub process (protocol.ts farm*): N fast hubs in the one hub process, one port each,
// so a measurement can connect the real core to 100 direct hosts without 100 processes, and the hubs' CPU still
// never counts against the client.
import { nowMs } from '../lib/clock';
import { makeVms } from './frames';
import { startFastHub, type FastHub } from './fast-hub';
import type { HubCommandMap } from './protocol';

type Farm = {
  [C in Extract<keyof HubCommandMap, `farm${string}`>]: (
    arg: HubCommandMap[C][0],
  ) => Promise<HubCommandMap[C][1]>;
};

let hubs: FastHub[] = [];
let next = 0;

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

export const farmHandlers: Farm = {
  async farmInit({ hosts, vmsPerHost, pingIntervalMs }) {
    hubs = await Promise.all(
      Array.from({ length: hosts }, () =>
        startFastHub({ vms: makeVms(vmsPerHost, 'running'), pingIntervalMs }),
      ),
    );
    return { ports: hubs.map((h) => h.port) };
  },
  async farmSteady({ rate, durationMs }) {
    const start = nowMs();
    const total = Math.round((rate * durationMs) / 1000);
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((nowMs() - start) * rate) / 1000));
      const writes: Promise<void>[] = [];
      for (; sent < due; sent++) {
        const hub = hubs[next % hubs.length]!;
        const index = Math.floor(next / hubs.length) % hub.truth.length;
        next++;
        writes.push(hub.writeAll(hub.frameFor(index)));
      }
      await Promise.all(writes);
      await new Promise((done) => setTimeout(done, 1));
    }
    return { frames: total };
  },
  async farmOne({ host, index }) {
    const hub = hubs[host]!;
    const frame = hub.frameFor(index);
    const sentAt = nowMs();
    await hub.writeAll(frame);
    const vm = hub.truth[index]!;
    return { sentAt, vmId: vm.id, state: vm.state };
  },
  async farmDrop() {
    const before = hubs.map((h) => h.welcomeTimes.length);
    const droppedAt = nowMs();
    for (const h of hubs) h.drop();
    await until(
      () => hubs.every((h, i) => h.welcomeTimes.length > before[i]!),
      60_000,
      'every host to reconnect',
    );
    return { droppedAt, lastWelcomeAt: Math.max(...hubs.map((h, i) => h.welcomeTimes[before[i]!]!)) };
  },
  farmStats() {
    return Promise.resolve({
      lists: hubs.map((h) => h.listRequests),
      peers: hubs.reduce((n, h) => n + h.peers.size, 0),
    });
  },
};

export async function closeFarm(): Promise<void> {
  await Promise.all(hubs.map((h) => h.close()));
  hubs = [];
}
