// "Hubwatch" as the benchmarks measure it: the real pipeline, wired like src/dev/preview-app.ts wires it —
// HubConnection -> messages -> store -> event log (file repository, debounced atomic writes) -> notify policy ->
// a push coalescer (sends start >= 17 ms apart, like the app) whose sink does what Electron IPC does to a push (serialise it
// with the structured-clone serializer) and records when it happened. Nothing in the pipeline is stubbed except
// the OS notification (counted) and the secret store (a fixed token).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { Snapshot, Vm } from '../../../src/shared/model';
import { DEFAULT_SETTINGS, type HostConfig } from '../../../src/shared/settings';
import { createAppCore } from '../../../src/main/core/app-core';
import { defaultHubFactory } from '../../../src/main/hub-factory';
import type { AppCoreOptions } from '../../../src/main/core/app-core-types';
import { createFileEventLogRepository } from '../../../src/main/persist/event-log-file';
import { createPushCoalescer } from '../../../src/main/ipc/push-coalescer';
import { createStatePusher } from '../../../src/main/ipc/push-deltas';
import { systemClock, systemTimers, type Timers } from '../../../src/main/kernel/clock';
import type { AppCore, CoreView } from '../../../src/main/core/ports';
import type { EventLogRepository } from '../../../src/main/persist/event-log-repository';
import type { Logger } from '../../../src/main/kernel/logger';
import type { NotificationIntent } from '../../../src/main/notify/intent';
import { nowMs } from './clock';

const HOST_ID = 'bench';

interface Push {
  readonly at: number;
  readonly bytes: number;
  /**
   * The VMs this push carried (all of them for a full push, the changed ones for a delta), kept only when asked
   * (latency analysis); the memory benchmark must not hold them.
   */
  readonly vms: readonly Vm[] | null;
}

export interface Pipeline {
  readonly core: AppCore;
  readonly pushes: Push[];
  pushCount(): number;
  /** Bytes of every push so far, as serialised for IPC. */
  bytesPushed(): number;
  readonly notifications: { at: number; intent: NotificationIntent }[];
  readonly logErrors: string[];
  /** Length of the event log as last written to disk. */
  savedLogLength(): number;
  /** Resolves with the time of the first push whose snapshot satisfies `check`. */
  waitForPush(check: (snapshot: Snapshot) => boolean, timeoutMs: number, what: string): Promise<number>;
  /**
   * Resolves with the time of the first push carrying VM `vmId` in `state` (in a full push or a delta's upserts).
   * Read from the payload itself: no snapshot is built per push, so the measure does not bill the pipeline for a
   * snapshot (and the store copy handing one out forces on the next batch) that the app never builds.
   */
  waitForPushedVm(vmId: string, state: string, timeoutMs: number, what: string): Promise<number>;
  /** Resolves with the time the core's state first satisfies `check` (checked once per macrotask with changes). */
  waitForState(check: (snapshot: Snapshot) => boolean, timeoutMs: number, what: string): Promise<number>;
  /** Like waitForState, over the core's view (no snapshot built: for checks made on every change of a farm). */
  waitForView(check: (view: CoreView) => boolean, timeoutMs: number, what: string): Promise<number>;
  stop(): Promise<void>;
}

export interface PipelineOptions {
  hubUrl: string;
  /** Several direct hosts (the farm measurement); the first is hubUrl's place. */
  hubUrls?: readonly string[];
  timers?: Timers;
  keepSnapshots?: boolean;
  /** false: count pushes without keeping a record per push (the memory benchmark). */
  recordPushes?: boolean;
  coreOptions?: AppCoreOptions;
  /** Entries instead of one token entry per hub URL (the orchestrator measurement: one api-key farm entry). */
  hosts?: readonly HostConfig[];
  /** The secret every entry gets (default a fixed token the fast hubs accept). */
  secret?: string;
}

function countingLogger(errors: string[]): Logger {
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const why = typeof fields?.error === 'string' ? ` (${fields.error})` : '';
    if (errors.length < 20) errors.push(`${level}: ${message}${why}`);
  };
  return { debug: () => undefined, info: () => undefined, warn: keep('warn'), error: keep('error') };
}

export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const dir = mkdtempSync(join(tmpdir(), 'hubwatch-bench-'));
  const logErrors: string[] = [];
  const logger = countingLogger(logErrors);
  const fileRepo = createFileEventLogRepository(join(dir, 'events.json'), logger);
  let savedLength = 0;
  const eventLog: EventLogRepository = {
    load: () => fileRepo.load(),
    save: async (events) => {
      await fileRepo.save(events);
      savedLength = events.length;
    },
  };
  const notifications: Pipeline['notifications'] = [];
  const timers = options.timers ?? systemTimers;
  const core = await createAppCore({
    hubFactory: defaultHubFactory,
    clock: systemClock,
    timers,
    logger,
    eventLog,
    notifier: { show: (intent) => notifications.push({ at: nowMs(), intent }) },
    secrets: { getSecret: () => Promise.resolve(options.secret ?? 'bench-token') },
    ...(options.coreOptions ? { options: options.coreOptions } : {}),
  });

  const pushes: Push[] = [];
  let pushCount = 0;
  let bytesPushed = 0;
  const pushWaiters = new Set<(snapshot: Snapshot, at: number) => boolean>();
  const vmWaiters = new Set<(vms: readonly Vm[], at: number) => boolean>();
  // Like the popover window: a full snapshot first, then what changed (src/main/ipc/push-deltas.ts).
  const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
  const coalescer = createPushCoalescer({
    produce: () => pusher.next(),
    send: (payload) => {
      // Electron's webContents.send runs the structured-clone serializer synchronously: pay that cost here too.
      const bytes = serialize(payload).length;
      const at = nowMs();
      pushCount += 1;
      bytesPushed += bytes;
      const vms = 'full' in payload ? payload.full.vms : (payload.delta.upserts ?? []);
      if (options.recordPushes !== false) pushes.push({ at, bytes, vms: options.keepSnapshots ? vms : null });
      for (const waiter of [...vmWaiters]) if (waiter(vms, at)) vmWaiters.delete(waiter);
      if (pushWaiters.size === 0) return;
      // What the page holds after this push is the core's state now (the pusher read it just now). Built only
      // while someone waits, so the figures do not pay for it.
      const snapshot = core.snapshot();
      for (const waiter of [...pushWaiters]) if (waiter(snapshot, at)) pushWaiters.delete(waiter);
    },
    schedule: (run, delayMs) => {
      const handle = timers.setTimeout(run, delayMs);
      return () => timers.clearTimeout(handle);
    },
    isActive: () => true,
  });
  // View waiters read the CoreView, not a snapshot: building one per change would hand the store out and bill
  // the measurement for work the app does not do (the farm measurement checks on every change).
  const stateWaiters = new Set<(snapshot: Snapshot, at: number) => boolean>();
  const viewWaiters = new Set<(view: CoreView, at: number) => boolean>();
  let checkQueued = false;
  const offChange = core.onChange(() => {
    coalescer.notify();
    if ((stateWaiters.size === 0 && viewWaiters.size === 0) || checkQueued) return;
    checkQueued = true;
    setImmediate(() => {
      checkQueued = false;
      const at = nowMs();
      if (stateWaiters.size > 0) {
        const snapshot = core.snapshot();
        for (const waiter of [...stateWaiters]) if (waiter(snapshot, at)) stateWaiters.delete(waiter);
      }
      for (const waiter of [...viewWaiters]) if (waiter(core.view, at)) viewWaiters.delete(waiter);
    });
  });

  function viewWaiter(check: (view: CoreView) => boolean, timeoutMs: number, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        viewWaiters.delete(waiter);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; core log: ${logErrors.join(' | ') || 'empty'}`,
          ),
        );
      }, timeoutMs);
      const waiter = (view: CoreView, at: number): boolean => {
        if (!check(view)) return false;
        clearTimeout(timer);
        resolve(at);
        return true;
      };
      if (!waiter(core.view, nowMs())) viewWaiters.add(waiter);
    });
  }

  function waiterFor(
    set: Set<(snapshot: Snapshot, at: number) => boolean>,
    check: (snapshot: Snapshot) => boolean,
    timeoutMs: number,
    what: string,
    checkNow: boolean,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        set.delete(waiter);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; core log: ${logErrors.join(' | ') || 'empty'}`,
          ),
        );
      }, timeoutMs);
      const waiter = (snapshot: Snapshot, at: number): boolean => {
        if (!check(snapshot)) return false;
        clearTimeout(timer);
        resolve(at);
        return true;
      };
      set.add(waiter);
      // A state that is already true may see no further change: answer now. (A push must really happen.)
      if (checkNow && waiter(core.snapshot(), nowMs())) set.delete(waiter);
    });
  }

  core.configure({
    ...DEFAULT_SETTINGS,
    hosts:
      options.hosts ??
      (options.hubUrls ?? [options.hubUrl]).map((url, i) => ({
        id: i === 0 ? HOST_ID : `${HOST_ID}-${i}`,
        name: i === 0 ? 'Bench hub' : `Bench hub ${i}`,
        url,
        auth: 'token' as const,
        username: '',
        pinnedFingerprint: null,
        enabled: true,
      })),
  });

  return {
    core,
    pushes,
    pushCount: () => pushCount,
    bytesPushed: () => bytesPushed,
    notifications,
    logErrors,
    savedLogLength: () => savedLength,
    waitForPush: (check, timeoutMs, what) => waiterFor(pushWaiters, check, timeoutMs, what, false),
    waitForPushedVm: (vmId, state, timeoutMs, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          vmWaiters.delete(waiter);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${what}; core log: ${logErrors.join(' | ')}`,
            ),
          );
        }, timeoutMs);
        const waiter = (vms: readonly Vm[], at: number): boolean => {
          if (!vms.some((vm) => vm.id === vmId && vm.state === state)) return false;
          clearTimeout(timer);
          resolve(at);
          return true;
        };
        vmWaiters.add(waiter);
      }),
    waitForState: (check, timeoutMs, what) => waiterFor(stateWaiters, check, timeoutMs, what, true),
    waitForView: viewWaiter,
    async stop() {
      offChange();
      coalescer.dispose();
      await core.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The host is live and the store holds `vmCount` VMs. */
export function liveWith(vmCount: number): (snapshot: Snapshot) => boolean {
  return (s) => s.hosts[0]?.status.tag === 'live' && s.vms.length === vmCount;
}
