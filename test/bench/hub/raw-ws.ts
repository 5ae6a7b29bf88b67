// A minimal server-side WebSocket (RFC 6455) on a raw TCP socket, for the bench frame source only.
// Why not `ws`: the source must cost as little CPU as possible and write pre-encoded frames in big chunks (one
// write = one flush for the burst), so the client under test is the bottleneck, not the sender.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Encodes one unmasked server frame (FIN set). */
function encodeFrame(payload: Buffer, opcode = 0x1): Buffer {
  const n = payload.length;
  const headerLength = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + n);
  frame[0] = 0x80 | opcode;
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}

export function encodeText(text: string): Buffer {
  return encodeFrame(Buffer.from(text, 'utf8'), 0x1);
}

export interface RawPeer {
  readonly socket: Duplex;
  /** Writes already-encoded frames; resolves when the socket accepted them (drain), for backpressure. */
  write(frames: Buffer): Promise<void>;
  ping(): void;
  /** TCP destroy without a close frame: the client sees 1006. */
  drop(): void;
  readonly closed: boolean;
  pongsReceived: number;
}

/** Completes the handshake (no extensions, like gorilla) and answers the client's control frames. */
export function acceptUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  onClose: (peer: RawPeer) => void,
): RawPeer | null {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return null;
  }
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  const tcp = socket as Duplex & { setNoDelay?: (on: boolean) => void };
  tcp.setNoDelay?.(true);

  let pending: Buffer = Buffer.alloc(0);
  const peer: RawPeer = {
    socket,
    closed: false,
    pongsReceived: 0,
    write(frames) {
      if (peer.closed) return Promise.resolve();
      if (socket.write(frames)) return Promise.resolve();
      return new Promise((done) => {
        const finish = (): void => {
          socket.off('drain', finish);
          socket.off('close', finish);
          done();
        };
        socket.on('drain', finish);
        socket.on('close', finish);
      });
    },
    ping() {
      if (!peer.closed) socket.write(encodeFrame(Buffer.alloc(0), 0x9));
    },
    drop() {
      socket.destroy();
    },
  };
  const markClosed = (): void => {
    if (peer.closed) return;
    (peer as { closed: boolean }).closed = true;
    onClose(peer);
  };
  socket.on('close', markClosed);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const frame = readClientFrame(pending);
      if (!frame) return;
      pending = pending.subarray(frame.consumed);
      if (frame.opcode === 0x8) {
        // Echo the close, then end: what gorilla's default close handler does.
        socket.end(encodeFrame(frame.payload.subarray(0, 2), 0x8));
        return;
      }
      if (frame.opcode === 0x9) socket.write(encodeFrame(frame.payload, 0xa));
      if (frame.opcode === 0xa) peer.pongsReceived += 1;
      // Text frames (JSON health pings) are ignored: the bench never measures them.
    }
  });
  return peer;
}

function readClientFrame(buf: Buffer): { opcode: number; payload: Buffer; consumed: number } | null {
  if (buf.length < 2) return null;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let length = buf[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return null;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return null;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buf.length < offset + length) return null;
  const payload = Buffer.from(buf.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ buf[maskOffset + (i % 4)]!;
  return { opcode, payload, consumed: offset + length };
}
