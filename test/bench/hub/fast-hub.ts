// The bench's Events Hub: just enough REST (token, machines, hardware, probe) for the real core to connect and
// resync, and a WebSocket that writes pre-encoded VM_STATE_CHANGED frames as fast as the socket takes them, at a
// steady rate, or all in one write (a burst). It keeps the truth (every VM's state) so REST always agrees with what
// was streamed. Bound to 127.0.0.1, ephemeral port. Runs in its own process (hub-process.ts) so its CPU never counts
// against the client under test.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toParallelsVm } from '../../sim/parallels-vm';
import type { SimVm } from '../../sim/types';
import { nowMs } from '../lib/clock';
import { STATE_CYCLE, stateChangedJson, welcomeJson } from './frames';
import { acceptUpgrade, encodeText, type RawPeer } from './raw-ws';

export interface FastHubOptions {
  vms: SimVm[];
  pingIntervalMs: number;
}

export interface FastHub {
  readonly port: number;
  readonly truth: SimVm[];
  readonly peers: ReadonlySet<RawPeer>;
  readonly welcomeTimes: number[];
  readonly restRequests: number;
  /** GET /machines answered (a resync's list). */
  readonly listRequests: number;
  nextState(index: number): { previous: string; current: string };
  /** Encodes and records a state change (truth first, so a resync racing the stream still converges). */
  frameFor(index: number, current?: string): Buffer;
  writeAll(frames: Buffer): Promise<void>;
  drop(): void;
  /** After adding/removing VMs in `truth`: re-index and pre-serialise the list (so REST answers at once). */
  truthChanged(): void;
  close(): Promise<void>;
}

function nextOf(state: string): string {
  const at = (STATE_CYCLE as readonly string[]).indexOf(state);
  return STATE_CYCLE[(at + 1) % STATE_CYCLE.length]!;
}

export async function startFastHub(options: FastHubOptions): Promise<FastHub> {
  const truth = options.vms;
  const byId = new Map(truth.map((vm, i) => [vm.id, i]));
  const peers = new Set<RawPeer>();
  const welcomeTimes: number[] = [];
  let machinesBody: string | null = null;
  let restRequests = 0;
  let listRequests = 0;

  function machines(): string {
    machinesBody ??= JSON.stringify(truth.map(toParallelsVm));
    return machinesBody;
  }

  function json(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  function authorised(req: IncomingMessage): boolean {
    return typeof req.headers.authorization === 'string' || typeof req.headers['x-api-key'] === 'string';
  }

  const unauthorised = '{"error":"unauthorized_client","error_description":"invalid token"}';

  function route(req: IncomingMessage, res: ServerResponse): void {
    restRequests += 1;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\/v1\//, '/api/');
    if (path === '/api/health/probe') return json(res, 200, '{"status":"OK"}');
    if (path === '/api/auth/token' && req.method === 'POST') {
      req.resume();
      const expires = Math.floor(Date.now() / 1000) + 3600;
      return json(
        res,
        200,
        JSON.stringify({ email: 'root@localhost', token: 'bench.jwt.token', expires_at: expires }),
      );
    }
    if (!authorised(req)) return json(res, 401, unauthorised);
    if (path === '/api/config/hardware') return json(res, 200, '{"devops_version":"1.0.5"}');
    if (path === '/api/machines') {
      listRequests += 1;
      return json(res, 200, machines());
    }
    const one = /^\/api\/machines\/([^/]+)$/.exec(path);
    if (one) {
      const i = byId.get(decodeURIComponent(one[1]!).toLowerCase());
      if (i === undefined) return json(res, 404, '{"message":"Machine not found","code":404}');
      return json(res, 200, JSON.stringify(toParallelsVm(truth[i]!)));
    }
    json(res, 404, '{"message":"Not found","code":404}');
  }

  const http = createServer(route);
  http.keepAliveTimeout = 60_000;
  http.on('upgrade', (req: IncomingMessage, socket) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/api/v1/ws/subscribe' && path !== '/api/ws/subscribe') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!authorised(req)) {
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${unauthorised.length}\r\nConnection: close\r\n\r\n${unauthorised}`,
      );
      return;
    }
    const peer = acceptUpgrade(req, socket, (closed) => peers.delete(closed));
    if (!peer) return;
    peers.add(peer);
    // The welcome is always the first frame, as in Hub.registerClient().
    void peer.write(encodeText(welcomeJson(randomUUID())));
    welcomeTimes.push(nowMs());
  });

  const pinger = setInterval(() => {
    for (const peer of peers) peer.ping();
  }, options.pingIntervalMs);
  pinger.unref();

  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const port = (http.address() as AddressInfo).port;

  const hub: FastHub = {
    port,
    truth,
    peers,
    welcomeTimes,
    get restRequests() {
      return restRequests;
    },
    get listRequests() {
      return listRequests;
    },
    nextState(index) {
      const previous = truth[index]!.state;
      return { previous, current: nextOf(previous) };
    },
    frameFor(index, current) {
      const vm = truth[index]!;
      const previous = vm.state;
      vm.state = current ?? nextOf(previous);
      machinesBody = null;
      return encodeText(stateChangedJson(vm.id, previous, vm.state));
    },
    async writeAll(frames) {
      await Promise.all([...peers].map((peer) => peer.write(frames)));
    },
    drop() {
      for (const peer of peers) peer.drop();
    },
    truthChanged() {
      byId.clear();
      truth.forEach((vm, i) => byId.set(vm.id, i));
      machinesBody = null;
      machines();
    },
    close() {
      clearInterval(pinger);
      for (const peer of peers) peer.drop();
      return new Promise((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
    },
  };
  return hub;
}
