// Entries whose kind is not configured are asked what they are before a monitor is built (orchestrator-protocol.md
// §1.3: an orchestrator answers `GET /orchestrator/hosts`, any other server 404s): subscribing the wrong channel would
// show a Mac orchestrator's own VMs as "the farm" (§1.2). Until the answer comes the entry is "connecting"; a failure
// is shown like a connection failure and retried with a growing delay; rejected credentials or an untrusted
// certificate wait for the user, as a monitor would.
import { hubAuthFor } from '../../shared/hub-auth';
import type { ConnectionStatus, HostId, HostKind } from '../../shared/model';
import type { HostConfig } from '../../shared/settings';
import type { TimerHandle } from '../kernel/clock';
import { errorKind, errorMessage, type HubClientOptions, type HubFactory } from './hub-ports';
import type { SecretSource } from './ports';

interface Pending {
  config: HostConfig;
  attempt: number;
  timer: TimerHandle | null;
  seq: number;
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

export class KindDetection {
  private readonly pending = new Map<HostId, Pending>();
  private seq = 0;

  constructor(
    private readonly d: {
      factory: HubFactory;
      secrets: SecretSource;
      client: HubClientOptions;
      setStatus(hostId: HostId, status: ConnectionStatus): void;
      /** The answer: build the entry's monitor. */
      known(config: HostConfig, kind: HostKind): void;
    },
  ) {}

  has(hostId: HostId): boolean {
    return this.pending.has(hostId);
  }

  start(config: HostConfig): void {
    this.cancel(config.id);
    // A factory that cannot tell (test fakes of a single host) means a single host, at once.
    if (!this.d.factory.detectKind) {
      this.d.known(config, 'host');
      return;
    }
    const p: Pending = { config, attempt: 0, timer: null, seq: ++this.seq };
    this.pending.set(config.id, p);
    this.d.setStatus(config.id, { tag: 'connecting', attempt: 0 });
    void this.run(p);
  }

  /** "Retry now", or settings saved: ask again at once. */
  retryNow(hostId: HostId): void {
    const p = this.pending.get(hostId);
    if (p) this.start(p.config);
  }

  cancel(hostId: HostId): void {
    const p = this.pending.get(hostId);
    if (p?.timer) this.d.client.timers.clearTimeout(p.timer);
    this.pending.delete(hostId);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }

  private current(p: Pending): boolean {
    return this.pending.get(p.config.id)?.seq === p.seq;
  }

  private async run(p: Pending): Promise<void> {
    const { config } = p;
    const secret = await this.d.secrets.getSecret(config.id).catch(() => null);
    if (!this.current(p)) return;
    if (!secret) {
      this.d.setStatus(config.id, {
        tag: 'auth-failed',
        message: 'No secret is stored for this host. Enter it in Settings.',
      });
      return;
    }
    let kind: HostKind;
    try {
      kind = await (this.d.factory.detectKind?.(config, hubAuthFor(config, secret), this.d.client) ?? 'host');
    } catch (err) {
      if (!this.current(p)) return;
      this.failed(p, err);
      return;
    }
    if (!this.current(p)) return;
    this.pending.delete(config.id);
    this.d.known(config, kind);
  }

  private failed(p: Pending, err: unknown): void {
    const message = errorMessage(err);
    const kind = errorKind(err);
    if (kind === 'unauthorized') {
      this.d.setStatus(p.config.id, { tag: 'auth-failed', message });
      return;
    }
    if (kind === 'tls-untrusted') {
      const fp = (err as { fingerprint?: unknown }).fingerprint;
      this.d.setStatus(p.config.id, {
        tag: 'tls-untrusted',
        fingerprint: typeof fp === 'string' ? fp : '',
        message,
      });
      return;
    }
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** p.attempt);
    p.attempt++;
    const nextAt = this.d.client.clock.now() + delay;
    this.d.setStatus(p.config.id, { tag: 'reconnecting', attempt: p.attempt, nextAt, lastError: message });
    p.timer = this.d.client.timers.setTimeout(() => {
      p.timer = null;
      if (this.current(p)) void this.run(p);
    }, delay);
  }
}
