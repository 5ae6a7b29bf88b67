// Measurement 6 (resync): a host with `vms` VMs; while the client is connected the hub silently changes the truth
// (states, names, VMs added and removed — no frames), then drops the TCP connection without a close frame. The
// core reconnects (a short backoff is configured: the wait BEFORE the welcome is not what is measured) and resyncs.
// Measured: hub's welcome write -> the core's store equals the truth (every VM, name and state; checked once per
// macrotask in which the core reported a change), and -> the first push showing it.
import type { Snapshot } from '../../../src/shared/model';
import { startHubProcess } from '../hub/hub-client';
import { liveWith, startPipeline } from '../lib/pipeline';

interface ResyncRound {
  storeMs: number;
  pushMs: number;
  reconnectWaitMs: number;
}

export interface ResyncResult {
  vms: number;
  rounds: ResyncRound[];
  offlineNotifications: number;
}

function equalsTruth(truth: [string, string, string][]): (s: Snapshot) => boolean {
  const want = new Map(truth.map(([id, name, state]) => [id, { name, state }]));
  return (s) =>
    s.vms.length === want.size &&
    s.vms.every((vm) => {
      const w = want.get(vm.id);
      return w !== undefined && w.name === vm.name && w.state === vm.state;
    });
}

export async function runResync(vms: number, rounds: number): Promise<ResyncResult> {
  const hub = await startHubProcess({
    vms,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const pipeline = await startPipeline({
    hubUrl: hub.url,
    coreOptions: { backoff: { initialMs: 100, maxMs: 500, stableAfterMs: 1_000 } },
  });
  try {
    await pipeline.waitForState(liveWith(vms), 30_000, 'the core to be live');
    const results: ResyncRound[] = [];
    const notificationsBefore = pipeline.notifications.length;
    for (let round = 0; round < rounds; round++) {
      await new Promise((done) => setTimeout(done, 1_200)); // let the backoff count the connection as stable
      const { truth } = await hub.call('mutate', {
        stateChanges: 200,
        renames: 20,
        adds: 10,
        removes: 10,
        round,
      });
      const check = equalsTruth(truth);
      const stored = pipeline.waitForState(check, 20_000, `resync round ${round} (store)`);
      const pushed = pipeline.waitForPush(check, 20_000, `resync round ${round} (push)`);
      const { droppedAt, welcomeAt } = await hub.call('drop', {});
      const welcome = hub.toLocal(welcomeAt);
      const [storeAt, pushAt] = await Promise.all([stored, pushed]);
      results.push({
        storeMs: storeAt - welcome,
        pushMs: pushAt - welcome,
        reconnectWaitMs: welcomeAt - droppedAt,
      });
      await pipeline.waitForState(liveWith(truth.length), 10_000, 'live again');
    }
    return {
      vms,
      rounds: results,
      offlineNotifications: pipeline.notifications.length - notificationsBefore,
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
