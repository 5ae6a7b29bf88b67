// One WebSocket to one Events Hub: auth header, welcome, liveness, close classification, back-off with jitter.
// Never throws from socket events; every ended attempt is reported as 'closed' then what happens next. Waiting
// goes through the injected Timers/Clock so tests drive time. Read batching and recovery live in their own files.
import WebSocket from 'ws';
import type { TimerHandle } from '../kernel/clock';
import { LivenessDeadline } from './liveness';
import { Backoff, DEFAULT_BACKOFF } from './backoff';
import { classifyAttemptEnd, stepForRequestError, type AttemptEnd, type NextStep } from './close-classify';
import { zeroCounters, type ConnectionEvent, type HubConnectionOptions } from './connection-types';
import { HubRequestError } from './errors';
import { frameParserFor } from './envelope';
import { ReadBatch } from './read-batch';
import { safeUrl } from '../kernel/redact';
import { errorMessage } from '../kernel/logger';
import { closeGracefully, newAttempt, openSocket, type Attempt } from './socket';
import { recoverByRefreshing, recoverUntrusted, type Recovery } from './recovery';
import { tlsOptionsFor } from './tls';
import { parseBaseUrl, wsUrl } from './urls';
import { HealthProbe, httpHealthCheck } from './health-probe';

export type { ConnectionEvent, HubConnectionOptions } from './connection-types';

type Phase = 'idle' | 'connecting' | 'open' | 'waiting' | 'halted' | 'stopped';

const STOP_CLOSE_WAIT_MS = 2_000;

export class HubConnection {
  readonly counters = zeroCounters();
  private readonly listeners = new Set<(event: ConnectionEvent) => void>();
  private readonly backoff: Backoff;
  private readonly probe: HealthProbe;
  private readonly url: URL;
  private readonly parse: ReturnType<typeof frameParserFor>; // parseFrame for what this connection subscribed to
  private readonly livenessMs: number;
  private phase: Phase = 'idle';
  private current: Attempt | null = null;
  private retryTimer: TimerHandle | null = null;
  private refreshedSinceOpen = false;
  /** Messages parsed since the last delivery, delivered once per socket read (see read-batch.ts). */
  private readonly batch = new ReadBatch<Attempt>(
    (messages) => this.emit({ type: 'messages', messages }),
    (attempt) => this.noteAlive(attempt),
  );

  constructor(private readonly options: HubConnectionOptions) {
    const base = parseBaseUrl(options.baseUrl);
    this.url = wsUrl(base, options.eventTypes); // none: DEFAULT_EVENT_TYPES, for the parser too
    this.parse = frameParserFor(options.eventTypes);
    this.probe = new HealthProbe(options.timers, options.healthCheck ?? httpHealthCheck(base, options.trust));
    this.livenessMs = options.livenessTimeoutMs ?? 45_000;
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random ?? Math.random);
  }

  onEvent(listener: (event: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.phase !== 'idle' && this.phase !== 'stopped') return;
    this.backoff.reset();
    this.refreshedSinceOpen = false;
    this.beginAttempt();
  }

  /** Skip the back-off wait; after auth-failed / tls-untrusted, try again (credentials or trust may have changed). */
  reconnectNow(): void {
    if (this.phase === 'waiting') {
      this.beginAttempt();
    } else if (this.phase === 'halted') {
      this.refreshedSinceOpen = false;
      this.backoff.reset();
      this.beginAttempt();
    }
    // connecting/open: already as fresh as it gets; idle/stopped: start() decides.
  }

  async stop(): Promise<void> {
    this.phase = 'stopped';
    this.clearRetryTimer();
    const attempt = this.current;
    this.current = null;
    this.batch.clear();
    if (!attempt) return;
    attempt.ended = true;
    this.clearLiveness(attempt);
    if (attempt.ws) await closeGracefully(attempt.ws, STOP_CLOSE_WAIT_MS);
  }

  private emit(event: ConnectionEvent): void {
    if (event.type !== 'messages') this.batch.flush();
    if (this.phase === 'stopped') return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('hub: connection listener threw', {
          event: event.type,
          error: errorMessage(error),
        });
      }
    }
  }

  private isLive(attempt: Attempt): boolean {
    return this.current === attempt && this.phase !== 'stopped';
  }

  private beginAttempt(): void {
    this.clearRetryTimer();
    this.counters.attempts += 1;
    const attempt = newAttempt(this.counters.attempts);
    this.current = attempt;
    this.phase = 'connecting';
    this.emit({ type: 'connecting', attempt: attempt.id });
    this.runAttempt(attempt).catch((error: unknown) => {
      // Defensive: runAttempt handles its own failures; anything escaping is a bug, but must not kill the loop.
      this.options.logger.error('hub: unexpected connection failure', { error: errorMessage(error) });
      if (this.isLive(attempt))
        this.finish(attempt, { action: 'retry', reason: 'internal error', minDelayMs: 0 });
    });
  }

  private async runAttempt(attempt: Attempt): Promise<void> {
    let headers: Record<string, string>;
    let tlsOptions: Awaited<ReturnType<typeof tlsOptionsFor>>;
    try {
      // TLS first: credentials (and the password exchange) only go to a verified peer.
      tlsOptions = await tlsOptionsFor(this.url, this.options.trust);
      headers = await this.options.rest.authHeaders();
    } catch (error) {
      if (!this.isLive(attempt)) return;
      this.finishWithRequestError(attempt, error);
      return;
    }
    if (!this.isLive(attempt)) return;

    this.options.logger.info('hub: connecting', { url: safeUrl(this.url), attempt: attempt.id });
    openSocket(attempt, this.url, {
      headers,
      tlsOptions,
      maxPayload: this.options.maxPayload ?? 4 * 1024 * 1024,
      handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? 10_000,
      onFrame: (data, isBinary) => this.onFrame(attempt, data, isBinary),
      onAlive: () => this.noteAlive(attempt),
      onEnd: (end) => this.onSocketEnd(attempt, end),
    });
  }

  private onFrame(attempt: Attempt, data: WebSocket.RawData, isBinary: boolean): void {
    if (!this.isLive(attempt)) return;
    this.counters.framesReceived += 1;
    const result = this.parse(data, isBinary);
    if (!result.ok) {
      this.batch.noteRead(attempt);
      this.counters.framesInvalid += 1;
      this.emit({ type: 'invalid-frame', reason: result.reason });
      return;
    }
    const message = result.message;
    if (message.type === 'welcome') {
      this.noteAlive(attempt);
      if (attempt.opened) {
        this.counters.framesIgnored += 1;
        return;
      }
      attempt.opened = true;
      this.phase = 'open';
      this.refreshedSinceOpen = false;
      this.backoff.noteOpen(this.options.clock.now());
      this.options.logger.info('hub: connected', {
        url: safeUrl(this.url),
        subscriptions: message.subscriptions.join(','),
      });
      this.emit({ type: 'open', clientId: message.clientId, subscriptions: message.subscriptions });
      return;
    }
    if (message.type === 'ignored') this.counters.framesIgnored += 1;
    // Every frame is a sign of life (noteRead), but noise (an orchestrator's stats and log lines, most of an idle
    // farm's frames) stops here: a read of only noise delivers nothing, so no core batch is opened for it.
    this.batch.noteRead(attempt);
    if (message.type !== 'noise') this.batch.push(message);
  }

  private onSocketEnd(attempt: Attempt, end: AttemptEnd): void {
    if (attempt.ended) return;
    if (end.kind === 'closed' && end.code === 1009) {
      this.counters.framesOversized += 1;
      this.counters.framesInvalid += 1;
      this.emit({ type: 'invalid-frame', reason: 'frame larger than the size limit' });
    }
    this.endAttempt(attempt, end);
  }

  private onLivenessTimeout(attempt: Attempt): void {
    attempt.liveness = null;
    if (!this.isLive(attempt) || attempt.ended) return;
    this.options.logger.warn('hub: no frame or ping within the liveness window, reconnecting', {
      afterMs: this.livenessMs,
    });
    this.endAttempt(attempt, { kind: 'liveness-timeout', afterMs: this.livenessMs });
  }

  private endAttempt(attempt: Attempt, end: AttemptEnd): void {
    if (attempt.ended) return;
    const step = classifyAttemptEnd(end, {
      refreshedAlready: this.refreshedSinceOpen,
      conflictBackoffMs: this.options.conflictBackoffMs ?? 45_000,
    });
    this.finish(attempt, step);
  }

  /** Failures before the socket exists (TLS probe, token request) arrive as HubRequestErrors. */
  private finishWithRequestError(attempt: Attempt, error: unknown): void {
    const fingerprint = error instanceof HubRequestError ? error.fingerprint : undefined;
    this.finish(attempt, stepForRequestError(error), fingerprint);
  }

  /** Ends the attempt (socket, timers) and carries out the next step. */
  private finish(attempt: Attempt, step: NextStep, fingerprint?: string): void {
    if (attempt.ended) return;
    attempt.ended = true;
    this.clearLiveness(attempt);
    if (attempt.ws && attempt.ws.readyState !== WebSocket.CLOSED) attempt.ws.terminate();
    if (!this.isLive(attempt)) return;
    if (attempt.opened) this.backoff.noteClosed(this.options.clock.now());
    this.options.logger.info('hub: connection ended', { attempt: attempt.id, next: step.action });

    switch (step.action) {
      case 'retry':
        this.emit({ type: 'closed', reason: step.reason, willRetry: true });
        this.scheduleRetry(step.minDelayMs, step.reason);
        return;
      case 'auth-failed':
        this.halt({ type: 'auth-failed', message: step.message }, step.message);
        return;
      case 'refresh-and-retry':
        this.refreshedSinceOpen = true;
        this.recover(attempt, recoverByRefreshing(this.options.rest, step.reason, step.message));
        return;
      case 'tls-untrusted':
        this.recover(attempt, recoverUntrusted(this.url, step.message, fingerprint));
        return;
    }
  }

  /** Carries out a Recovery verdict, unless the attempt was superseded (stop, reconnectNow) meanwhile. */
  private recover(attempt: Attempt, verdict: Promise<Recovery>): void {
    void verdict.then((r) => {
      if (!this.isLive(attempt)) return;
      if (r.kind === 'halt') return this.halt(r.event, r.reason);
      this.emit({ type: 'closed', reason: r.reason, willRetry: true });
      if (r.kind === 'retry-now') this.beginAttempt();
      else this.scheduleRetry(0, r.reason);
    });
  }

  private halt(event: ConnectionEvent, reason: string): void {
    this.phase = 'halted';
    this.emit({ type: 'closed', reason, willRetry: false });
    this.emit(event);
  }

  private scheduleRetry(minDelayMs: number, lastError: string): void {
    const delay = Math.max(minDelayMs, this.backoff.nextDelay());
    const nextAt = this.options.clock.now() + delay;
    this.phase = 'waiting';
    this.clearRetryTimer();
    this.retryTimer = this.options.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.phase === 'waiting') this.beginAttempt();
    }, delay);
    this.emit({ type: 'retry-scheduled', attempt: this.counters.attempts + 1, nextAt, lastError });
    // A host back sooner than the backoff is retried at once; not when the server asked for a minimum wait (409).
    if (minDelayMs === 0) this.probe.start(() => this.reconnectNow());
  }

  /** Any sign of life (open, a read, welcome, ping, pong) moves the attempt's deadline (see liveness.ts). */
  private noteAlive(attempt: Attempt): void {
    if (!this.isLive(attempt) || attempt.ended) return;
    attempt.liveness ??= new LivenessDeadline({
      clock: this.options.clock,
      timers: this.options.timers,
      windowMs: this.livenessMs,
      onExpired: () => this.onLivenessTimeout(attempt),
    });
    attempt.liveness.alive();
  }

  private clearLiveness(attempt: Attempt): void {
    attempt.liveness?.stop();
    attempt.liveness = null;
  }

  private clearRetryTimer(): void {
    this.probe.stop();
    if (this.retryTimer !== null) this.options.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
