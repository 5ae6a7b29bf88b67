// The WS side of the hub: registered clients, per-client outbound queues flushed on a ticker, protocol pings with a
// pong read-deadline, and replies to client frames (protocol doc §4, §5, §6).
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { envelope, goWriteJson, type Envelope } from './bodies';
import { replyToClientFrame } from './client-messages';
import type { SimStats } from './types';

export const MAX_CLIENT_QUEUE = 2048;
export const WELCOME_TEXT = 'WebSocket connection established subscribed to global by default';

interface Queued {
  text: string;
  vmId?: string;
}

interface HubClient {
  readonly id: string;
  readonly ws: WebSocket;
  readonly ip: string;
  readonly subscriptions: string[];
  readonly subscribed: Set<string>;
  queue: Queued[];
  readonly connectedAt: string;
  timers: NodeJS.Timeout[];
  deadline: NodeJS.Timeout | null;
}

export interface HubOptions {
  flushIntervalMs: number;
  pingIntervalMs: number;
  pongWaitMs: number;
  stats: SimStats;
  isFrozen: () => boolean;
}

export interface PublishOptions {
  /** The VM an event is about: the realistic mode may swap it with the previous queued event for the same VM. */
  vmId?: string;
  swapWithPrevious?: boolean;
}

export class Hub {
  private readonly clients = new Map<string, HubClient>();

  constructor(private readonly opts: HubOptions) {}

  /** Registers an upgraded socket. The welcome is queued before any timer starts, so it is always first. */
  accept(ws: WebSocket, ip: string, subscriptions: string[]): string {
    const client: HubClient = {
      id: randomUUID(),
      ws,
      ip,
      subscriptions,
      subscribed: new Set(subscriptions),
      queue: [],
      connectedAt: new Date().toISOString(),
      timers: [],
      deadline: null,
    };
    this.clients.set(client.id, client);
    this.opts.stats.wsConnected++;
    this.opts.stats.wsOpen++;
    this.enqueue(client, {
      text: goWriteJson(envelope('global', WELCOME_TEXT, { client_id: client.id, subscriptions })),
    });

    client.timers.push(setInterval(() => this.flush(client), this.opts.flushIntervalMs));
    client.timers.push(
      setInterval(() => {
        if (!this.opts.isFrozen() && ws.readyState === WebSocket.OPEN) ws.ping();
      }, this.opts.pingIntervalMs),
    );
    this.armDeadline(client);

    ws.on('pong', () => this.armDeadline(client));
    // autoPong is off so a frozen server can also ignore protocol pings.
    ws.on('ping', (data) => {
      if (!this.opts.isFrozen() && ws.readyState === WebSocket.OPEN) ws.pong(data);
    });
    ws.on('message', (data: WebSocket.RawData) => {
      if (this.opts.isFrozen()) return;
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const reply = replyToClientFrame(raw, client.id);
      if (reply) this.enqueue(client, { text: goWriteJson(reply) });
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.unregister(client));
    return client.id;
  }

  /** Targeted frames (client_id set) go to that client only; others to every subscriber of their event_type. */
  publish(frame: Envelope | Record<string, unknown>, options: PublishOptions = {}): void {
    const f = frame as Record<string, unknown>;
    const text = goWriteJson(frame);
    const target = typeof f.client_id === 'string' && f.client_id !== '' ? f.client_id : null;
    for (const client of this.clients.values()) {
      if (target !== null ? client.id !== target : !client.subscribed.has(String(f.event_type))) continue;
      const item: Queued = options.vmId === undefined ? { text } : { text, vmId: options.vmId };
      const tail = client.queue[client.queue.length - 1];
      if (options.swapWithPrevious && tail && tail.vmId !== undefined && tail.vmId === options.vmId) {
        // Two goroutines raced: the later event lands in the queue first.
        client.queue.splice(client.queue.length - 1, 0, item);
        continue;
      }
      this.enqueue(client, item);
    }
  }

  /** Straight onto every socket, skipping queue and envelope (garbage, binary, invalid UTF-8 …). */
  sendRaw(data: string | Buffer, binary: boolean): void {
    for (const c of this.clients.values()) {
      if (c.ws.readyState === WebSocket.OPEN) c.ws.send(data, { binary });
    }
  }

  /** TCP destroy without a close frame: clients see 1006. */
  dropAll(): void {
    for (const c of this.clients.values()) c.ws.terminate();
  }

  countForIp(ip: string): number {
    let n = 0;
    for (const c of this.clients.values()) if (c.ip === ip) n++;
    return n;
  }

  ids(): string[] {
    return [...this.clients.keys()];
  }

  /** POST /ws/unsubscribe semantics (§8.6), including the "someone else is subscribed" quirk. */
  unsubscribe(
    clientId: string,
    types: string[],
  ): { ok: true; removed: string[] } | { ok: false; error: string } {
    const client = this.clients.get(clientId);
    if (!client) return { ok: false, error: `client ${clientId} does not exist` };
    const removed: string[] = [];
    for (const t of types) {
      if (t === 'global') continue;
      const anyone = [...this.clients.values()].some((c) => c.subscribed.has(t));
      if (!anyone) return { ok: false, error: `not subscribed to event type ${t}` };
      client.subscribed.delete(t);
      removed.push(t);
    }
    return { ok: true, removed };
  }

  describe(): Record<string, unknown>[] {
    return [...this.clients.values()].map((c) => ({
      id: c.id,
      user_id: '',
      username: '',
      connected_at: c.connectedAt,
      last_ping_at: c.connectedAt,
      last_pong_at: c.connectedAt,
      event_subscriptions: [...c.subscribed],
      is_alive: c.ws.readyState === WebSocket.OPEN,
      queue_depth: c.queue.length,
    }));
  }

  typeStats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.clients.values()) for (const t of c.subscribed) out[t] = (out[t] ?? 0) + 1;
    return out;
  }

  /** Stops every client's timers and destroys the sockets (service shutdown: no close frame). */
  shutdown(): void {
    for (const c of [...this.clients.values()]) {
      c.ws.terminate();
      this.unregister(c);
    }
  }

  private enqueue(client: HubClient, item: Queued): void {
    if (client.queue.length >= MAX_CLIENT_QUEUE) {
      // Client.enqueue(): the oldest frame goes, silently; only a server log line would tell.
      client.queue.shift();
      this.opts.stats.framesDropped++;
    }
    client.queue.push(item);
  }

  private flush(client: HubClient): void {
    if (this.opts.isFrozen() || client.queue.length === 0 || client.ws.readyState !== WebSocket.OPEN) return;
    const batch = client.queue;
    client.queue = [];
    for (const item of batch) {
      client.ws.send(item.text, (err) => {
        if (err) client.ws.terminate();
      });
      this.opts.stats.framesSent++;
    }
  }

  private armDeadline(client: HubClient): void {
    if (client.deadline) clearTimeout(client.deadline);
    // Only a protocol pong moves the read deadline; JSON pings do not.
    client.deadline = setTimeout(() => client.ws.terminate(), this.opts.pongWaitMs);
  }

  private unregister(client: HubClient): void {
    if (!this.clients.delete(client.id)) return;
    this.opts.stats.wsOpen--;
    for (const t of client.timers) clearInterval(t);
    if (client.deadline) clearTimeout(client.deadline);
  }
}
