// Small HTTP helpers shared by the REST handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 1024 * 1024;

/** JSON body with the Go service's content type. `undefined` = empty body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, { 'Content-Length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Maps `/api/v1/x` and `/api/x` (every versioned route is also served without `/v1`) to `/x`; null when the path
 * is outside the API prefix.
 */
/**
 * The route below `{prefix}/v1` or `{prefix}` (every versioned route is also served unversioned), or null.
 * `prefix` models the server's API_PREFIX env var (config/main.go ApiPrefix(), default "/api").
 */
export function apiRoute(pathname: string, prefix = '/api'): string | null {
  const versioned = `${prefix}/v1`;
  let rest: string;
  if (pathname === versioned || pathname.startsWith(`${versioned}/`)) rest = pathname.slice(versioned.length);
  else if (pathname === prefix || pathname.startsWith(`${prefix}/`)) rest = pathname.slice(prefix.length);
  else return null;
  rest = rest.replace(/\/+$/, '');
  return rest === '' ? '/' : rest;
}

export function clientIp(req: IncomingMessage): string {
  const xff = req.headers['x-forwarded-for'];
  const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
  if (first) return first;
  const real = req.headers['x-real-ip'];
  const r = (Array.isArray(real) ? real[0] : real)?.trim();
  if (r) return r;
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
