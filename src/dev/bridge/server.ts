// Node side of the web preview: serves the built renderer pages on 127.0.0.1 and answers the page's bridge
// WebSocket with the SAME invoke handlers the Electron IPC wrapper uses. The session secret in the page URL
// stands in for Electron's sender checks: without it, the bridge refuses the socket.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import ts from 'typescript';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  POPOVER_INVOKES,
  SETTINGS_INVOKES,
  type InvokeChannel,
  type PushChannel,
  type PushMap,
} from '../../shared/ipc';
import type { InvokeHandlers } from '../../main/ipc/handlers';
import {
  BRIDGE_MAX_FRAME_BYTES,
  BRIDGE_PATH,
  BRIDGE_SCRIPT_PATH,
  type BridgeInvoke,
  type BridgePage,
  type BridgeServerMessage,
} from './protocol';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface PreviewServerOptions {
  readonly rendererDir: string;
  readonly handlers: InvokeHandlers;
  readonly port?: number;
  readonly session?: string;
}

export interface PreviewServer {
  readonly origin: string;
  readonly session: string;
  /** `…/popover.html?session=…` */
  pageUrl(page: BridgePage): string;
  push<C extends PushChannel>(page: BridgePage, channel: C, payload: PushMap[C]): void;
  clientCount(page: BridgePage): number;
  close(): Promise<void>;
}

const ALLOWED: Readonly<Record<BridgePage, readonly InvokeChannel[]>> = {
  popover: POPOVER_INVOKES,
  settings: SETTINGS_INVOKES,
};

async function bridgeScript(): Promise<string> {
  const source = await readFile(new URL('./client.ts', import.meta.url), 'utf8');
  const output = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
  });
  // Type-only imports compile to nothing but TypeScript still marks the file as a module.
  return output.outputText.replace(/^export \{\};?\s*$/m, '');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const session = options.session ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const script = await bridgeScript();
  const clients: Record<BridgePage, Set<WebSocket>> = { popover: new Set(), settings: new Set() };
  let origin = '';

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === BRIDGE_SCRIPT_PATH) {
      res.writeHead(200, { 'content-type': MIME['.js'], 'cache-control': 'no-store' });
      res.end(script);
      return;
    }
    const relative = url.pathname === '/' ? '/popover.html' : decodeURIComponent(url.pathname);
    const file = normalize(join(rendererDir, relative));
    if (!file.startsWith(rendererDir + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') {
      // The bridge script runs before the page's module script; the CSP gains exactly this origin's socket.
      const html = body
        .toString('utf8')
        .replace('<head>', `<head><script src="${BRIDGE_SCRIPT_PATH}"></script>`)
        .replace("connect-src 'self'", `connect-src 'self' ws://${new URL(origin).host}`);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(html);
      return;
    }
    res.writeHead(200, { 'content-type': type }).end(body);
  }

  const http = createServer((req, res) => {
    serveFile(req, res).catch(() => res.writeHead(500).end());
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = url.searchParams.get('page');
    const given = url.searchParams.get('session') ?? '';
    if (
      url.pathname !== BRIDGE_PATH ||
      (page !== 'popover' && page !== 'settings') ||
      !sameSecret(given, session)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, page));
  });

  function send(ws: WebSocket, message: BridgeServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function attach(ws: WebSocket, page: BridgePage): void {
    clients[page].add(ws);
    ws.on('close', () => clients[page].delete(ws));
    ws.on('message', (data, isBinary) => {
      void handleFrame(ws, page, data.toString(), isBinary);
    });
  }

  async function handleFrame(
    ws: WebSocket,
    page: BridgePage,
    text: string,
    isBinary: boolean,
  ): Promise<void> {
    let frame: BridgeInvoke;
    try {
      if (isBinary) throw new Error('binary');
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('shape');
      frame = parsed as BridgeInvoke;
      if (frame.t !== 'invoke' || !Number.isSafeInteger(frame.id) || typeof frame.channel !== 'string') {
        throw new Error('shape');
      }
    } catch {
      return; // not a bridge frame: nothing to answer to
    }
    const channel = frame.channel as InvokeChannel;
    if (!ALLOWED[page].includes(channel)) {
      send(ws, {
        t: 'result',
        id: frame.id,
        result: { ok: false, error: `Channel not allowed: ${frame.channel.slice(0, 40)}` },
      });
      return;
    }
    const result = await options.handlers[channel](frame.arg);
    send(ws, { t: 'result', id: frame.id, result });
  }

  await new Promise<void>((resolveListen, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    session,
    pageUrl: (page) => `${origin}/${page}.html?session=${session}`,
    push(page, channel, payload) {
      for (const ws of clients[page]) send(ws, { t: 'push', channel, payload } as BridgeServerMessage);
    },
    clientCount: (page) => clients[page].size,
    close: () =>
      new Promise<void>((done) => {
        for (const ws of [...clients.popover, ...clients.settings]) ws.terminate();
        wss.close();
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
}
