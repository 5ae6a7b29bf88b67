// The application core (its API: `AppCore` in ports.ts): one HostMonitor per enabled host, one store, the event
// log, the notify policy. Every store change goes through apply(), which turns it into log entries and
// notification decisions.
//
// First sync after app start (or after a host's identity changed): a silent baseline. Only the event log is
// persisted, not the VM list, so we cannot tell what changed while the app was not running; guessing from the
// log would invent "changes". Every later resync of the same host (reconnect, reconcile) is diffed and its
// changes are logged and notified as offline changes.
import type { HostId, HubEvent, PendingAction, Snapshot, VmAction } from '../../shared/model';
import type { AppSettings, ConnectionTestResult, HostConfig, HostInput } from '../../shared/settings';
import { credentialNoun } from '../../shared/settings';
import { CoreBatcher } from './batch';
import type { NewHubEvent } from './event-log';
import { LazyEventLog } from './lazy-event-log';
import { HostMonitor } from './host-monitor';
import { LastLiveTracker } from './last-live';
import { errorMessage, type ConnectionCountersLike, type HubFactory } from './hub-ports';
import { createLogPersister } from '../persist/log-persister';
import { createNotifyRunner } from './notify-setup';
import { monitorReconfig } from './monitor-reconfig';
import type { AppCore, AppCoreDepsBase, AppCoreOptions } from './app-core-types';
import { emptyStore } from './store';
import { createCoreReads } from './core-reads';
import { FarmEntries } from './farm-entries';
import { KindDetection } from './kind-detection';
import { runCoreAction, type ActionDeps } from './app-actions';
import { hubClientOptions } from './client-options';

export type { AppCoreOptions } from './app-core-types';

export interface AppCoreDeps extends AppCoreDepsBase {
  /** Builds hub clients: src/main/app.ts passes the real ones (hub-factory.ts), tests pass fakes. Injected so the
   * core never imports a concrete transport. */
  hubFactory: HubFactory;
}

/** Extra read-only views for tests and diagnostics (not part of the AppCore contract). */
export interface AppCoreDiagnostics {
  hostDiagnostics(hostId: HostId): { counters: ConnectionCountersLike | null; syncPhase: string } | null;
}

export async function createAppCore(deps: AppCoreDeps): Promise<AppCore & AppCoreDiagnostics> {
  const { clock, timers, logger } = deps;
  const opt: AppCoreOptions = deps.options ?? {};
  const factory = deps.hubFactory;
  let loaded: readonly HubEvent[] = [];
  try {
    loaded = await deps.eventLog.load();
  } catch (err) {
    logger.error('event log could not be loaded', { error: errorMessage(err) });
  }

  const eventLog = new LazyEventLog(loaded, opt.eventLogCapacity ?? 500);
  const currentEvents = (): readonly HubEvent[] => eventLog.events();
  let hosts: readonly HostConfig[] = [];
  const monitors = new Map<HostId, HostMonitor>();
  const versions = new Map<HostId, string | null>();
  const lastLive = new LastLiveTracker();
  let pending: PendingAction[] = [];
  const listeners = new Set<() => void>();
  let cached: Snapshot | null = null;
  let stopped = false;
  const persister = createLogPersister({ repo: deps.eventLog, timers, logger });
  const notify = createNotifyRunner({
    clock,
    timers,
    logger,
    sink: deps.notifier,
    options: opt,
    onChange: () => emit(),
    statusOf: (hostId) => monitors.get(hostId)?.currentStatus,
    authOf: (hostId) => hosts.find((h) => h.id === hostId)?.auth,
  });

  const configName = (id: HostId): string => hosts.find((h) => h.id === id)?.name ?? id;
  // Farm entries: kinds, farm states and the farm hosts' names (a farm VM's notification names its farm host).
  const farms: FarmEntries = new FarmEntries({
    hostName: configName,
    emit: () => emit(),
    policy: (input) => core.policy(input),
    notify,
    options: opt,
  });

  function emit(): void {
    cached = null;
    for (const l of [...listeners]) {
      try {
        l();
      } catch (err) {
        logger.error('onChange listener failed', { error: errorMessage(err) });
      }
    }
  }

  function addLog(entries: readonly NewHubEvent[]): void {
    if (eventLog.add(entries)) persister.schedule(currentEvents);
  }

  // Every store change goes through the batcher: one socket read's worth of changes is one commit, one log
  // append, one policy pass and one emit (see core-batch.ts).
  const synced = new Set<HostId>();
  const core = new CoreBatcher(emptyStore, {
    now: () => clock.now(),
    hostName: (id, farmHostId) => farms.nameOf(id, farmHostId),
    synced,
    commit: ({ log: entries, policy, changed }) => {
      addLog(entries);
      notify.inputs(policy);
      if (changed) emit();
    },
  });

  const clientOptions = hubClientOptions(opt, clock, timers, logger);

  const detection = new KindDetection({
    factory,
    secrets: deps.secrets,
    client: clientOptions,
    setStatus: (hostId, status) => {
      lastLive.note(hostId, core.store.hosts.get(hostId)?.tag, status, clock.now());
      core.setStatus(hostId, status);
    },
    known: (config, kind) => {
      // Remembered for the session: a reconnect or a settings save does not ask again.
      farms.detected.set(config.id, kind);
      startMonitor(config);
    },
  });

  function startMonitor(config: HostConfig): void {
    const kind = farms.kindOf(config);
    if (kind === undefined) {
      detection.start(config);
      return;
    }
    // A replaced monitor may still report while it shuts down; only the current one may touch the store.
    let self: HostMonitor | null = null;
    const current = (): boolean => self !== null && monitors.get(config.id) === self;
    const monitor = new HostMonitor(
      config,
      deps.secrets,
      factory,
      {
        getVm: (hostId, vmId) => core.getVm(hostId, vmId),
        batch: (run) => core.batch(run),
        apply: (hostId, action, source) => {
          if (current()) core.apply(hostId, action, source);
        },
        setStatus: (hostId, status) => {
          if (!current()) return;
          // committedHosts, not store: reading `store` hands the maps out, and the next batch copied every VM.
          lastLive.note(hostId, core.committedHosts().get(hostId)?.tag, status, clock.now());
          core.setStatus(hostId, status);
        },
        setServerVersion: (hostId, v) => {
          if (!current()) return;
          versions.set(hostId, v);
          emit();
        },
        log: (entry) => {
          if (current()) core.log(entry);
        },
        outageStarted: (hostId, at) => {
          if (current()) notify.outageStarted(hostId, configName(hostId), at);
        },
        outageEnded: (hostId) => {
          if (current()) notify.outageEnded(hostId);
        },
        stoppedWatching: (hostId, message) => {
          const credential = credentialNoun(hosts.find((h) => h.id === hostId)?.auth);
          if (current()) notify.stoppedWatching(hostId, configName(hostId), message, credential);
        },
      },
      {
        confirmTransitionalAfterMs: opt.confirmTransitionalAfterMs ?? 5_000,
        reconcileIntervalMs: opt.reconcileIntervalMs ?? 300_000,
        client: clientOptions,
        ...(kind === 'orchestrator' ? { session: farms.sessionFor(config.id) } : {}),
      },
      logger,
    );
    self = monitor;
    monitors.set(config.id, monitor);
    monitor
      .start()
      .catch((err: unknown) =>
        logger.error('host monitor failed to start', { hostId: config.id, error: errorMessage(err) }),
      );
  }

  function dropMonitor(hostId: HostId, forget: boolean): void {
    const m = monitors.get(hostId);
    monitors.delete(hostId);
    void m?.stop();
    detection.cancel(hostId);
    farms.forget(hostId, forget);
    notify.outageEnded(hostId);
    if (forget) {
      synced.delete(hostId);
      versions.delete(hostId);
      lastLive.forget(hostId);
      core.removeHost(hostId);
      notify.input({ type: 'forget-host', hostId });
    }
  }

  const actionDeps: ActionDeps = {
    monitors,
    hosts: () => hosts,
    isFarm: (id) => farms.isFarm(id),
    core,
    now: () => clock.now(),
    pending: () => pending,
    setPending: (next) => {
      pending = next;
      emit();
    },
  };

  const reads = createCoreReads({
    hosts: () => hosts,
    core,
    versions,
    lastLive,
    events: currentEvents,
    pending: () => pending,
    notify,
    farms,
    now: () => clock.now(),
  });

  return {
    view: reads.view,
    configure(settings: AppSettings): void {
      if (stopped) return;
      notify.input({ type: 'set-rules', rules: settings.notifications });
      const next = new Map(settings.hosts.filter((h) => h.enabled).map((h) => [h.id, h]));
      for (const h of hosts) if (!next.has(h.id) && detection.has(h.id)) dropMonitor(h.id, true);
      for (const [id, m] of [...monitors]) {
        const verdict = monitorReconfig(m.config, next.get(id), farms.isFarm(id));
        if (verdict !== 'keep') dropMonitor(id, verdict === 'forget');
      }
      hosts = settings.hosts;
      for (const [id, cfg] of next) {
        const m = monitors.get(id);
        // Still asking what it is: ask again with the saved config (its pin or credentials may have changed).
        if (detection.has(id)) detection.start(cfg);
        else if (!m) startMonitor(cfg);
        // A save is the user's signal that credentials may have changed: re-read the secret.
        else if (m.currentStatus.tag === 'auth-failed' || m.currentStatus.tag === 'tls-untrusted')
          m.reconnect();
      }
      emit();
    },
    snapshot(): Snapshot {
      cached ??= reads.snapshot();
      return cached;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async runAction(hostId, vmId, action: VmAction, force?: boolean, farmHostId?: string) {
      const request = { hostId, vmId, action, ...(force === undefined ? {} : { force }) };
      return runCoreAction(actionDeps, farmHostId ? { ...request, farmHostId } : request);
    },
    setVmMuted(hostId, vmId, muted, farmHostId?: string) {
      notify.input({ type: 'set-muted', hostId, vmId, muted, ...(farmHostId ? { farmHostId } : {}) });
    },
    pauseNotifications(until) {
      notify.input({ type: 'set-paused', until });
    },
    reconnect(hostId, initiator = 'user') {
      // A wake-up fixes no credential; each retry would feed the server's brute-force guard (test/sim/brute-force.ts).
      const wanted = (id: HostId): boolean =>
        (hostId === null || id === hostId) &&
        (initiator === 'user' || core.store.hosts.get(id)?.tag !== 'auth-failed');
      for (const m of monitors.values()) if (wanted(m.hostId)) m.reconnect();
      for (const h of hosts) if (wanted(h.id) && detection.has(h.id)) detection.retryNow(h.id);
    },
    reconcileAll(reason) {
      for (const m of monitors.values()) m.reconcile(reason);
    },
    async testConnection(host: HostInput, secret: string | null): Promise<ConnectionTestResult> {
      const s = secret ?? (await deps.secrets.getSecret(host.id).catch(() => null));
      return factory.testConnection(host, s, clientOptions);
    },
    async stop() {
      stopped = true;
      detection.cancelAll();
      const all = [...monitors.values()];
      monitors.clear();
      await Promise.all(all.map((m) => m.stop()));
      notify.dispose();
      await persister.flush();
    },
    hostDiagnostics(hostId) {
      const m = monitors.get(hostId);
      return m ? { counters: m.counters, syncPhase: m.syncPhase } : null;
    },
  };
}
