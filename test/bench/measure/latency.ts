// Measurement 2 (push latency): the hub sends a steady `rate` of VM_STATE_CHANGED frames (catching up to the exact
// schedule every ~1 ms) over `vms` VMs for `durationMs`, while the real pipeline pushes coalesced snapshots.
//
// How a frame is matched to "the coalesced push that contains it": the hub records, for every frame, the time it
// handed the frame to the socket, the VM and the VM's new state. Each VM changes only once per vms/rate seconds
// and consecutive states always differ (frames.ts STATE_CYCLE), so the first push after the frame's send time that
// carries that VM in that state (pushes carry the VMs that changed, src/main/ipc/push-deltas.ts) is its push.
// Latency = that push's time (taken after the push was serialised, as Electron IPC would) minus the send time
// mapped onto this process's clock.
// The send time is a slightly EARLY stand-in for "arrival at the client socket" (loopback adds microseconds), so
// any time the frame waits in the client's socket buffer while its event loop is busy is counted, not hidden.
import { startHubProcess } from '../hub/hub-client';
import { vmId } from '../hub/frames';
import { liveWith, startPipeline } from '../lib/pipeline';
import { maxInWindow, percentile } from '../lib/stats';

export interface LatencyResult {
  rate: number;
  frames: number;
  matched: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  pushes: number;
  maxPushesPerSecond: number;
}

export async function runLatency(rate: number, durationMs: number, vms: number): Promise<LatencyResult> {
  const hub = await startHubProcess({
    vms,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const pipeline = await startPipeline({ hubUrl: hub.url, keepSnapshots: true });
  try {
    await pipeline.waitForState(liveWith(vms), 30_000, 'the core to be live');
    const { sends } = await hub.call('steady', { rate, durationMs });
    // Let the last frames reach a push.
    await new Promise((done) => setTimeout(done, 250));
    const pushes = pipeline.pushes.filter((p) => p.vms !== null);
    // The VMs each push carried (a delta carries the changed ones): the push that carries this frame is the
    // first after its send time that carries the VM in the frame's state.
    const stateMaps = new Map<number, Map<string, string>>();
    const statesAt = (i: number): Map<string, string> => {
      let map = stateMaps.get(i);
      if (!map) {
        map = new Map((pushes[i]!.vms ?? []).map((vm) => [vm.id, vm.state]));
        stateMaps.set(i, map);
      }
      return map;
    };
    const latencies: number[] = [];
    let first = 0;
    for (const [hubTime, index, state] of sends) {
      const sentAt = hub.toLocal(hubTime);
      while (first < pushes.length && pushes[first]!.at < sentAt) first++;
      const id = vmId(index);
      for (let i = first; i < pushes.length; i++) {
        if (statesAt(i).get(id) === state) {
          latencies.push(pushes[i]!.at - sentAt);
          break;
        }
      }
    }
    const start = hub.toLocal(sends[0]?.[0] ?? 0);
    const end = hub.toLocal(sends.at(-1)?.[0] ?? 0);
    const during = pushes.filter((p) => p.at >= start && p.at <= end + 100).map((p) => p.at);
    return {
      rate,
      frames: sends.length,
      matched: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      pushes: during.length,
      maxPushesPerSecond: maxInWindow(during, 1000),
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
