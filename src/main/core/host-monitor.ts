// One host: a REST client + a WebSocket connection + the sync state machine, and the mapping of connection
// events to the host's ConnectionStatus and to connection log entries. The store itself lives in app-core;
// this module only reads its own host's VMs and dispatches actions for its host.
import { hubAuthFor } from '../../shared/hub-auth';
import { readJwtLifetime } from '../../shared/jwt';
import type { ConnectionStatus, HostId, HostWarning, VmAction } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import {
  type ConnectionCountersLike,
  type ConnectionEventLike,
  type ConnectionPort,
  type HubFactory,
} from './hub-ports';
import type { Logger } from '../kernel/logger';
import type { SecretSource } from './ports';
import {
  singleHostSession,
  type MonitorSession,
  type MonitorSync,
  type SessionHooks,
} from './monitor-session';
import { authFailedStatus, liveStatus, statusWithWarning } from './host-status';
import type { HostMonitorContext, HostMonitorOptions } from './host-monitor-ports';

export class HostMonitor {
  private session: MonitorSession | null = null;
  private connection: ConnectionPort | null = null;
  private sync: MonitorSync | null = null;
  private unsubscribe: (() => void) | null = null;
  private status: ConnectionStatus = { tag: 'connecting', attempt: 0 };
  private inOutage = false;
  private everLive = false;
  private authFailureLogged = false;
  /** A list or credentials problem while the socket is up (shown next to live/syncing). */
  private warning: HostWarning | null = null;
  /** `exp` of a pasted JWT (not the token itself: secrets stay out of long-lived state). */
  private tokenExpiresAt: number | null = null;
  private spawnSeq = 0;
  private stopped = false;

  constructor(
    readonly config: HostConfig,
    private readonly secrets: SecretSource,
    private readonly factory: HubFactory,
    private readonly ctx: HostMonitorContext,
    private readonly o: HostMonitorOptions,
    private readonly logger: Logger,
  ) {}

  get hostId(): HostId {
    return this.config.id;
  }

  get currentStatus(): ConnectionStatus {
    return this.status;
  }

  get counters(): ConnectionCountersLike | null {
    return this.connection?.counters ?? null;
  }

  get syncPhase(): string {
    return this.sync?.state ?? 'down';
  }

  /** Read the secret, build clients, connect. Safe to call again (tears the previous clients down first). */
  async start(): Promise<void> {
    const seq = ++this.spawnSeq;
    await this.teardown();
    if (this.stopped || seq !== this.spawnSeq) return;
    this.setStatus({ tag: 'connecting', attempt: 0 });
    let secret: string | null;
    try {
      secret = await this.secrets.getSecret(this.hostId);
    } catch (err) {
      this.logger.error('secret could not be read', { hostId: this.hostId, error: String(err) });
      secret = null;
    }
    if (this.stopped || seq !== this.spawnSeq) return;
    if (!secret) {
      this.authFailed('No secret is stored for this host. Enter it in Settings.');
      return;
    }
    this.tokenExpiresAt = this.config.auth === 'token' ? (readJwtLifetime(secret)?.expiresAt ?? null) : null;
    const session = (this.o.session ?? singleHostSession)(
      this.config,
      hubAuthFor(this.config, secret),
      this.factory,
      this.o.client,
      this.hooks(),
    );
    const connection = session.connection;
    this.session = session;
    this.connection = connection;
    this.sync = session.sync;
    this.unsubscribe = connection.onEvent((e) => this.onConnectionEvent(e));
    connection.start();
    void session.serverInfo().then(
      (info) => this.ctx.setServerVersion(this.hostId, info.devopsVersion),
      () => undefined,
    );
  }

  private hooks(): SessionHooks {
    return {
      hostId: this.hostId,
      timers: this.o.client.timers,
      now: () => this.o.client.clock.now(),
      logger: this.logger,
      confirmTransitionalAfterMs: this.o.confirmTransitionalAfterMs,
      reconcileIntervalMs: this.o.reconcileIntervalMs,
      getVm: (vmId) => this.ctx.getVm(this.hostId, vmId),
      batch: (run) => this.ctx.batch(run),
      apply: (action, source, reason) => this.ctx.apply(this.hostId, action, source, reason),
      onLive: () => this.becameLive(),
      onUnauthorized: (message) => {
        // The server checks credentials only at the upgrade: a socket that is up keeps delivering events. Keep it
        // (live, with a visible warning; the sync makes no more REST calls) until it ends; the reconnect then
        // meets the same 401 and the host stops with auth-failed.
        if (this.status.tag === 'live' || this.status.tag === 'syncing') {
          this.setWarning({
            kind: 'credentials',
            message: `${message}. Events still arrive over the open connection.`,
          });
          return;
        }
        this.authFailed(message);
        void this.teardown();
      },
      onWarning: (warning) => this.setWarning(warning),
    };
  }

  /**
   * User "Retry now", credentials changed, settings saved after an auth/TLS failure: fresh clients with the
   * secret re-read, connecting immediately (no backoff wait). The store slice is kept; the next list is diffed.
   */
  reconnect(): void {
    if (this.stopped) return;
    void this.start();
  }

  reconcile(reason: string): void {
    if (this.sync?.state === 'live') this.sync.resync(reason);
    else if (this.connection && this.status.tag === 'reconnecting') this.connection.reconnectNow();
  }

  async runAction(
    vmId: string,
    action: VmAction,
    force?: boolean,
    farmHostId?: string,
  ): Promise<{ message: string }> {
    if (!this.session) throw new Error('This host is not connected.');
    return this.session.runAction(vmId, action, force, farmHostId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.spawnSeq++;
    await this.teardown();
    this.setStatus({ tag: 'stopped' });
  }

  private async teardown(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.sync?.dispose();
    this.sync = null;
    const connection = this.connection;
    this.connection = null;
    this.session = null;
    if (connection) await connection.stop();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.ctx.setStatus(this.hostId, status);
  }

  /** Live and syncing carry the current warning; other states clear it (the socket is not up). */
  private setWarning(warning: HostWarning | null): void {
    this.warning = warning;
    const status = statusWithWarning(this.status, warning);
    if (status) this.setStatus(status);
  }

  private authFailed(rejection: string): void {
    const status = authFailedStatus({
      auth: this.config.auth,
      rejection,
      expiresAt: this.tokenExpiresAt,
      everLive: this.everLive,
      now: this.o.client.clock.now(),
    });
    const message = status.message;
    this.setStatus(status);
    this.leaveLive(message);
    if (!this.authFailureLogged) {
      this.authFailureLogged = true;
      this.ctx.log({ at: this.o.client.clock.now(), hostId: this.hostId, kind: 'auth-failed', message });
      // Only a host we were watching: a first connection that never worked is told by the settings/status.
      if (this.everLive) this.ctx.stoppedWatching(this.hostId, message);
    }
  }

  private becameLive(): void {
    const now = this.o.client.clock.now();
    this.setStatus(liveStatus(now, this.warning));
    this.authFailureLogged = false;
    if (this.inOutage) {
      this.inOutage = false;
      if (this.everLive) this.ctx.log({ at: now, hostId: this.hostId, kind: 'connection-restored' });
      this.ctx.outageEnded(this.hostId);
    }
    this.everLive = true;
  }

  /**
   * The host is not connected: starts the outage clock ("lost > N s" notification) once per outage, and logs
   * one connection-lost entry if we had been live before (a first attempt that fails is shown by the status).
   */
  private leaveLive(reason: string): void {
    if (this.inOutage) return;
    this.inOutage = true;
    const now = this.o.client.clock.now();
    if (this.everLive)
      this.ctx.log({ at: now, hostId: this.hostId, kind: 'connection-lost', message: reason });
    this.ctx.outageStarted(this.hostId, now);
  }

  private onConnectionEvent(e: ConnectionEventLike): void {
    if (this.stopped) return;
    switch (e.type) {
      case 'connecting':
        this.setStatus({ tag: 'connecting', attempt: e.attempt });
        return;
      case 'open':
        this.warning = null;
        this.setStatus({ tag: 'syncing' });
        this.sync?.connectionOpened();
        return;
      case 'messages': {
        // One socket read: one batch, so the store, log, policy and listeners see it as one change.
        const sync = this.sync;
        if (sync) this.ctx.batch(() => sync.handleMessages(e.messages));
        return;
      }
      case 'invalid-frame':
        this.logger.debug('invalid frame ignored', { hostId: this.hostId, reason: e.reason });
        return;
      case 'closed': {
        const wasUp = this.status.tag === 'live' || this.status.tag === 'syncing';
        this.sync?.connectionClosed();
        if (wasUp) this.leaveLive(e.reason);
        return;
      }
      case 'retry-scheduled':
        this.setStatus({ tag: 'reconnecting', attempt: e.attempt, nextAt: e.nextAt, lastError: e.lastError });
        // A first connection that never came up is an outage too (for the "lost > N s" notification).
        this.leaveLive(e.lastError);
        return;
      case 'auth-failed':
        this.sync?.connectionClosed();
        this.authFailed(e.message);
        return;
      case 'tls-untrusted':
        this.sync?.connectionClosed();
        this.setStatus({ tag: 'tls-untrusted', fingerprint: e.fingerprint, message: e.message });
        this.leaveLive(e.message);
        return;
    }
  }
}
