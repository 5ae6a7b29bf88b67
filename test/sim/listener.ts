// The TCP/TLS listener and every socket it accepted, so faults can close the listener, reopen it on the same port,
// or destroy connections without a close frame.
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TlsPair } from './types';

export interface ListenerHandlers {
  request(req: http.IncomingMessage, res: http.ServerResponse): void;
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** SHA-256 fingerprint, "AB:CD:…" upper-case (Node already formats it that way). */
export function certFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.toUpperCase();
}

export class Listener {
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private opening: Promise<number> | null = null;
  port = 0;

  constructor(
    private readonly handlers: ListenerHandlers,
    public tls: TlsPair | null,
  ) {}

  get listening(): boolean {
    return this.server !== null;
  }

  /** Listens on 127.0.0.1 only; port 0 picks an ephemeral port, which is then reused by reopen/restart. */
  open(port: number): Promise<number> {
    if (this.server) return this.opening ?? Promise.resolve(this.port);
    const server = this.tls
      ? https.createServer({ cert: this.tls.certPem, key: this.tls.keyPem, minVersion: 'TLSv1.2' })
      : http.createServer();
    server.on('request', (req, res) => this.handlers.request(req, res));
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) =>
      this.handlers.upgrade(req, socket, head),
    );
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (_err, socket: Duplex) => socket.destroy());
    server.on('tlsClientError', () => undefined); // a client rejecting our self-signed cert is normal
    this.server = server;
    this.opening = new Promise<number>((resolve, reject) => {
      server.once('error', (err) => {
        if (this.server === server) this.server = null;
        reject(err);
      });
      server.listen(port, '127.0.0.1', () => {
        const addr = server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        resolve(this.port);
      });
    });
    return this.opening;
  }

  /** Resolves once the current (re)open has finished listening. */
  ready(): Promise<void> {
    return (this.opening ?? Promise.resolve(this.port)).then(() => undefined);
  }

  /** New connections are refused (ECONNREFUSED); idle keep-alive HTTP sockets go too; open WS sockets stay. */
  stopListening(): void {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.opening = null;
    server.close();
    server.closeIdleConnections();
  }

  destroyAllSockets(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.stopListening();
    this.destroyAllSockets();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
