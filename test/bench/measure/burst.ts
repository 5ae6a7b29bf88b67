// Measurement 3 (burst): `count` running VMs stop at once — all their VM_STATE_CHANGED frames in ONE socket write.
// Final-state latency = the first push whose snapshot shows every one of them stopped, minus the hub's write time
// (mapped onto this clock). Notifications are every NotificationSink.show() from the burst until `settleMs` later
// (long enough for the policy's coalescing window to close and its summary to come out).
// One burst per process (run.ts repeats it), so the policy's per-minute rate cap never carries over between runs.
import { startHubProcess } from '../hub/hub-client';
import { vmId } from '../hub/frames';
import { liveWith, startPipeline } from '../lib/pipeline';

export interface BurstResult {
  count: number;
  finalPushMs: number;
  notifications: number;
  notificationTitles: string[];
  notificationOffsetsMs: number[];
}

export async function runBurst(vms: number, count: number, settleMs: number): Promise<BurstResult> {
  const hub = await startHubProcess({
    vms,
    sentinel: false,
    initialState: 'running',
    pingIntervalMs: 30_000,
  });
  const pipeline = await startPipeline({ hubUrl: hub.url });
  try {
    await pipeline.waitForState(liveWith(vms), 30_000, 'the core to be live');
    // Let the first sync's baseline settle (log persistence, status pushes) before the burst.
    await new Promise((done) => setTimeout(done, 500));
    const ids = new Set(Array.from({ length: count }, (_, i) => vmId(i)));
    const allStopped = pipeline.waitForPush(
      (s) => s.vms.filter((vm) => ids.has(vm.id) && vm.state === 'stopped').length === count,
      10_000,
      'the burst to be pushed',
    );
    const before = pipeline.notifications.length;
    const { sentAt } = await hub.call('burst', { from: 0, count, to: 'stopped' });
    const sent = hub.toLocal(sentAt);
    const pushedAt = await allStopped;
    await new Promise((done) =>
      setTimeout(done, Math.max(0, sent + settleMs - performance.timeOrigin - performance.now())),
    );
    const shown = pipeline.notifications.slice(before);
    return {
      count,
      finalPushMs: pushedAt - sent,
      notifications: shown.length,
      notificationTitles: shown.map((n) => n.intent.title),
      notificationOffsetsMs: shown.map((n) => Math.round(n.at - sent)),
    };
  } finally {
    await pipeline.stop();
    await hub.close();
  }
}
