// A cheap check between full reconnect attempts: while a host backs off, GET {prefix}/health/probe (no auth,
// no WebSocket) every few seconds, so a host back after a short outage is retried at once instead of after a
// grown backoff (issue 14 item 6). Bounded: runs only while the connection waits, at most one probe in flight.
import type { TimerHandle, Timers } from '../kernel/clock';
import { httpRequest } from './http';
import type { TlsTrust } from './tls';
import { healthUrl } from './urls';

const HEALTH_PROBE_INTERVAL_MS = 3_000;
const HEALTH_PROBE_TIMEOUT_MS = 2_000;

/** True when the host's unauthenticated probe answers 200; false on any error (never throws). */
export function httpHealthCheck(base: URL, trust: TlsTrust): () => Promise<boolean> {
  const url = healthUrl(base);
  return () =>
    httpRequest({ method: 'GET', url, trust, timeoutMs: HEALTH_PROBE_TIMEOUT_MS }).then(
      (res) => res.status === 200,
      () => false,
    );
}

export class HealthProbe {
  private timer: TimerHandle | null = null;
  private running = false;
  private inFlight = false;
  /**
   * The last answer, kept across waits. The real probe answers OK whenever the HTTP server is up, even while the
   * Events Hub refuses upgrades with 503 (prl-devops-service src/restapi/health_controller.go Probe()), so an OK
   * from a host that was already answering OK when the attempt failed says nothing new: only OK after a failed
   * (or no) probe triggers a retry. Otherwise a 503ing host would get a full attempt every few seconds.
   */
  private lastOk: boolean | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly check: () => Promise<boolean>,
    private readonly intervalMs = HEALTH_PROBE_INTERVAL_MS,
  ) {}

  /** Probes every interval until stop(); calls onBack (once) when the host answers OK after not doing so. */
  start(onBack: () => void): void {
    this.stop();
    this.running = true;
    this.schedule(onBack);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(onBack: () => void): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.running || this.inFlight) return;
      this.inFlight = true;
      void this.check()
        .catch(() => false)
        .then((ok) => {
          this.inFlight = false;
          const wasOk = this.lastOk;
          this.lastOk = ok;
          if (!this.running) return;
          if (ok && wasOk !== true) {
            this.stop();
            onBack();
          } else this.schedule(onBack);
        });
    }, this.intervalMs);
  }
}
