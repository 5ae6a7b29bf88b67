// One WebSocket to one Events Hub: auth header, welcome, liveness, close classification, back-off with jitter.
// Never throws from socket events; every ended attempt is reported as 'closed' followed by what happens next.
// All waiting (retry, liveness) goes through the injected Timers/Clock so tests drive time.
import WebSocket from 'ws';
import type { TimerHandle } from '../kernel/clock';
import { Backoff, DEFAULT_BACKOFF } from './backoff';
import { classifyAttemptEnd, stepForRequestError, type AttemptEnd, type NextStep } from './close-classify';
import type { ConnectionCounters, ConnectionEvent, HubConnectionOptions } from './connection-types';
import { HubRequestError } from './errors';
import { parseFrame, type HubMessage } from './envelope';
import { safeUrl } from '../kernel/redact';
import { closeGracefully, newAttempt, openSocket, type Attempt } from './socket';
import { fetchPeerFingerprint, portOf, tlsOptionsFor } from './tls';
import { parseBaseUrl, wsUrl } from './urls';
import { DEFAULT_EVENT_TYPES } from './channels';

export type { ConnectionCounters, ConnectionEvent, HubConnectionOptions } from './connection-types';

type Phase = 'idle' | 'connecting' | 'open' | 'waiting' | 'halted' | 'stopped';

const STOP_CLOSE_WAIT_MS = 2_000;

export class HubConnection {
  readonly counters: ConnectionCounters = {
    attempts: 0,
    framesReceived: 0,
    framesInvalid: 0,
    framesIgnored: 0,
    framesOversized: 0,
  };
  private readonly listeners = new Set<(event: ConnectionEvent) => void>();
  private readonly backoff: Backoff;
  private readonly url: URL;
  private readonly livenessMs: number;
  private phase: Phase = 'idle';
  private current: Attempt | null = null;
  private retryTimer: TimerHandle | null = null;
  private refreshedSinceOpen = false;
  /**
   * Messages parsed since the last delivery. ws parses every frame of one socket read synchronously, one
   * 'message' event each; we collect them and deliver them as ONE 'messages' event from a microtask, i.e. right
   * after the read is processed. Any other event first delivers what was collected, so order is kept.
   */
  private batch: HubMessage[] = [];
  private batchAttempt: Attempt | null = null;
  private flushQueued = false;

  constructor(private readonly options: HubConnectionOptions) {
    this.url = wsUrl(
      parseBaseUrl(options.baseUrl),
      options.eventTypes.length > 0 ? options.eventTypes : [...DEFAULT_EVENT_TYPES],
    );
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
    this.batch = [];
    this.batchAttempt = null;
    if (!attempt) return;
    attempt.ended = true;
    this.clearLiveness(attempt);
    if (attempt.ws) await closeGracefully(attempt.ws, STOP_CLOSE_WAIT_MS);
  }

  private emit(event: ConnectionEvent): void {
    if (event.type !== 'messages') this.deliverBatch();
    if (this.phase === 'stopped') return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('hub: connection listener threw', {
          event: event.type,
          error: error instanceof Error ? error.message : String(error),
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
      this.options.logger.error('hub: unexpected connection failure', {
        error: error instanceof Error ? error.message : String(error),
      });
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
      onAlive: () => this.armLiveness(attempt),
      onEnd: (end) => this.onSocketEnd(attempt, end),
    });
  }

  private onFrame(attempt: Attempt, data: WebSocket.RawData, isBinary: boolean): void {
    if (!this.isLive(attempt)) return;
    this.counters.framesReceived += 1;
    const result = parseFrame(data, isBinary);
    if (!result.ok) {
      this.queueDelivery(attempt);
      this.counters.framesInvalid += 1;
      this.emit({ type: 'invalid-frame', reason: result.reason });
      return;
    }
    const message = result.message;
    if (message.type === 'welcome') {
      this.armLiveness(attempt);
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
    this.queueDelivery(attempt);
    this.batch.push(message);
  }

  /**
   * Once per socket read: a microtask that re-arms the liveness timer (one timer per read, not per frame: the
   * frames of one read arrive within the same millisecond) and delivers the collected messages.
   */
  private queueDelivery(attempt: Attempt): void {
    if (this.batchAttempt !== attempt) {
      this.deliverBatch();
      this.batchAttempt = attempt;
    }
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const current = this.batchAttempt;
      if (current) this.armLiveness(current);
      this.deliverBatch();
    });
  }

  private deliverBatch(): void {
    if (this.batch.length === 0) return;
    const messages = this.batch;
    this.batch = [];
    this.emit({ type: 'messages', messages });
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
        void this.refreshThenRetry(attempt, step.reason, step.message);
        return;
      case 'tls-untrusted':
        void this.reportUntrusted(attempt, step.message, fingerprint);
        return;
    }
  }

  private async refreshThenRetry(attempt: Attempt, reason: string, rejection: string): Promise<void> {
    this.refreshedSinceOpen = true;
    let refreshed: boolean;
    try {
      refreshed = await this.options.rest.refreshCredentials();
    } catch (error) {
      if (!this.isLive(attempt)) return;
      if (error instanceof HubRequestError && error.kind === 'tls-untrusted' && error.fingerprint) {
        this.halt(
          { type: 'tls-untrusted', fingerprint: error.fingerprint, message: error.message },
          error.message,
        );
        return;
      }
      if (error instanceof HubRequestError && error.kind !== 'unauthorized') {
        // Could not reach the token endpoint: a network problem, not a verdict on the credentials.
        this.emit({ type: 'closed', reason: error.message, willRetry: true });
        this.scheduleRetry(0, error.message);
        return;
      }
      refreshed = false;
      // The token endpoint's own verdict ("Invalid user or Password") is more useful than the upgrade's 401.
      if (error instanceof HubRequestError && error.kind === 'unauthorized') rejection = error.message;
    }
    if (!this.isLive(attempt)) return;
    if (!refreshed) {
      this.halt({ type: 'auth-failed', message: rejection }, rejection);
      return;
    }
    this.emit({ type: 'closed', reason: `${reason}; credentials refreshed`, willRetry: true });
    this.beginAttempt();
  }

  private async reportUntrusted(attempt: Attempt, message: string, fingerprint?: string): Promise<void> {
    let fp = fingerprint;
    if (!fp) {
      try {
        fp = (await fetchPeerFingerprint(this.url.hostname, portOf(this.url))).fingerprint;
      } catch (error) {
        if (!this.isLive(attempt)) return;
        const reason = error instanceof Error ? error.message : 'TLS probe failed';
        this.emit({ type: 'closed', reason, willRetry: true });
        this.scheduleRetry(0, reason);
        return;
      }
    }
    if (!this.isLive(attempt)) return;
    this.halt({ type: 'tls-untrusted', fingerprint: fp, message }, message);
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
  }

  private armLiveness(attempt: Attempt): void {
    if (!this.isLive(attempt) || attempt.ended) return;
    this.clearLiveness(attempt);
    attempt.liveness = this.options.timers.setTimeout(() => this.onLivenessTimeout(attempt), this.livenessMs);
  }

  private clearLiveness(attempt: Attempt): void {
    if (attempt.liveness !== null) {
      this.options.timers.clearTimeout(attempt.liveness);
      attempt.liveness = null;
    }
  }

  private clearRetryTimer(): void {
    if (this.retryTimer !== null) {
      this.options.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}
