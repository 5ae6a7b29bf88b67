// The orchestrator commands of the hub process (protocol.ts orch*): one simulated orchestrator (test/sim/orchestrator,
// the same model the farm integration tests run against) in front of N hosts, all in the hub process so its CPU never
// counts against the measured client. Its defaults are the server's: P = 30 s, HOST_STATS_UPDATE every 5 s and a
// HOST_LOGS_UPDATE every 2 s per linked host (orchestrator-protocol.md §3.7, §4.7), a 100 ms flush, 30 s pings.
import { nowMs } from '../lib/clock';
import { startOrchestratorSimulator } from '../../sim/orchestrator/simulator';
import type { OrchestratorSimulator } from '../../sim/orchestrator/types';
import { makeVms, STATE_CYCLE } from './frames';
import type { HubCommandMap } from './protocol';

type Orchestrator = {
  [C in Extract<keyof HubCommandMap, `orch${string}`>]: (
    arg: HubCommandMap[C][0],
  ) => Promise<HubCommandMap[C][1]>;
};

let sim: OrchestratorSimulator | null = null;
let hostIds: string[] = [];
let next = 0;

function need(): OrchestratorSimulator {
  if (!sim) throw new Error('orchestrator not initialised');
  return sim;
}

/** The next state in the bench's cycle, so every event is a real change (the host sends nothing otherwise). */
function advance(s: OrchestratorSimulator, hostId: string, index: number): { vmId: string; state: string } {
  const vm = s.vms(hostId)[index]!;
  const at = STATE_CYCLE.indexOf(vm.state as (typeof STATE_CYCLE)[number]);
  const state = STATE_CYCLE[(at + 1) % STATE_CYCLE.length]!;
  s.setState(hostId, vm.id, state);
  return { vmId: vm.id, state };
}

export const orchestratorHandlers: Orchestrator = {
  async orchInit({ hosts, vmsPerHost }) {
    sim = await startOrchestratorSimulator({
      hosts: Array.from({ length: hosts }, (_, i) => ({
        description: `mac-${String(i + 1).padStart(3, '0')}`,
        vms: makeVms(vmsPerHost, 'running'),
      })),
      seed: 15,
    });
    // The host table in a stable order: the bench's host index i is the same host in every command.
    hostIds = sim
      .hosts()
      .map((h) => h.id)
      .sort();
    const { apiKey } = sim.credentials;
    const [keyId = '', secret = ''] = Buffer.from(apiKey, 'base64').toString('utf8').split(':');
    return { url: sim.url, keyId, secret, hostIds };
  },
  async orchSteady({ rate, durationMs }) {
    const s = need();
    const start = nowMs();
    const total = Math.round((rate * durationMs) / 1000);
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((nowMs() - start) * rate) / 1000));
      for (; sent < due; sent++) {
        const hostId = hostIds[next % hostIds.length]!;
        const index = Math.floor(next / hostIds.length) % s.vms(hostId).length;
        next++;
        advance(s, hostId, index);
      }
      await new Promise((done) => setTimeout(done, 1));
    }
    return { frames: total };
  },
  orchOne({ host, index }) {
    const s = need();
    const hostId = hostIds[host]!;
    const sentAt = nowMs();
    return Promise.resolve({ sentAt, hostId, ...advance(s, hostId, index) });
  },
  orchDrop() {
    const s = need();
    const droppedAt = nowMs();
    // The orchestrator link of the client: its WS and its REST keep-alive sockets, torn down without a close frame.
    s.dropAllSockets();
    return Promise.resolve({ droppedAt });
  },
  orchStats() {
    const s = need();
    return Promise.resolve({
      lists: hostIds.map((id) => s.stats.machineLists[id] ?? 0),
      hostTableReads: s.stats.hostTableReads,
      framesSent: s.stats.framesSent,
      framesDropped: s.stats.framesDropped,
    });
  },
};

export async function closeOrchestrator(): Promise<void> {
  await sim?.close();
  sim = null;
  hostIds = [];
}
