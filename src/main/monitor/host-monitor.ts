// One host: a REST client + a WebSocket connection + the sync state machine, and the mapping of connection
// events to the host's ConnectionStatus and to connection log entries. The store itself lives in app-core;
// this module only reads its own host's VMs and dispatches actions for its host.
import type { ConnectionStatus, HostId, Vm, VmAction } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { NewHubEvent } from './event-log';
import {
  buildAuth,
  type ConnectionCountersLike,
  type ConnectionEventLike,
  type ConnectionPort,
  type HubClientOptions,
  type HubFactory,
  type RestPort,
} from './hub-ports';
import type { Logger, SecretSource } from './ports';
import type { StoreAction } from './store';
import { HostSync, type ChangeSource } from './sync';

export interface HostMonitorContext {
  getVm(hostId: HostId, vmId: string): Vm | undefined;
  /** Everything `run` changes is committed (store, log, policy, change notification) once, at its end. */
  batch(run: () => void): void;
  apply(hostId: HostId, action: StoreAction, source: ChangeSource, reason: string): void;
  setStatus(hostId: HostId, status: ConnectionStatus): void;
  setServerVersion(hostId: HostId, version: string | null): void;
  log(entry: NewHubEvent): void;
  /** The host left `live` (start of an outage) / reached `live` again. */
  outageStarted(hostId: HostId, at: number): void;
  outageEnded(hostId: HostId): void;
}

export interface HostMonitorOptions {
  confirmTransitionalAfterMs: number;
  reconcileIntervalMs: number;
  client: HubClientOptions;
}

export class HostMonitor {
  private rest: RestPort | null = null;
  private connection: ConnectionPort | null = null;
  private sync: HostSync | null = null;
  private unsubscribe: (() => void) | null = null;
  private status: ConnectionStatus = { tag: 'connecting', attempt: 0 };
  private inOutage = false;
  private everLive = false;
  private authFailureLogged = false;
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
    const { rest, connection } = this.factory.create(
      this.config,
      buildAuth(this.config, secret),
      this.o.client,
    );
    this.rest = rest;
    this.connection = connection;
    this.sync = new HostSync({
      hostId: this.hostId,
      rest,
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
        this.authFailed(message);
        // The socket may still be open, but without working REST we cannot resync: stop until reconnect().
        void this.teardown();
      },
    });
    this.unsubscribe = connection.onEvent((e) => this.onConnectionEvent(e));
    connection.start();
    void rest.serverInfo().then(
      (info) => this.ctx.setServerVersion(this.hostId, info.devopsVersion),
      () => undefined,
    );
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

  async runAction(vmId: string, action: VmAction, force?: boolean): Promise<{ message: string }> {
    if (!this.rest) throw new Error('This host is not connected.');
    return this.rest.runAction(vmId, action, force);
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
    this.rest = null;
    if (connection) await connection.stop();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.ctx.setStatus(this.hostId, status);
  }

  private authFailed(message: string): void {
    this.setStatus({ tag: 'auth-failed', message });
    this.leaveLive(message);
    if (!this.authFailureLogged) {
      this.authFailureLogged = true;
      this.ctx.log({ at: this.o.client.clock.now(), hostId: this.hostId, kind: 'auth-failed', message });
    }
  }

  private becameLive(): void {
    const now = this.o.client.clock.now();
    this.setStatus({ tag: 'live', since: now });
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
