// Frames -> a small discriminated union. The envelope (event_type, message, body) and the hub's own frames
// (welcome, pong, error) are handled here; each channel's body by its parser in channels/ (found in CHANNELS).
// Lenient with fields (missing ones stay absent, unknown ones are ignored), strict with types (a field of the wrong
// type makes the frame invalid). Never throws: a hostile or broken server must not be able to crash the monitor.
import type { Channel } from './channels/channel';
import { CHANNELS, type ChannelMessage } from './channels';
import {
  FieldError,
  isRecord,
  optionalString,
  own,
  requiredString,
  stringArray,
  toText,
  type Json,
} from './channels/fields';

export type HubMessage =
  | { type: 'welcome'; clientId: string; subscriptions: string[] }
  | ChannelMessage
  | { type: 'pong'; refId: string | null }
  | { type: 'server-error'; message: string }
  | { type: 'ignored'; eventType: string; message: string };

export type ParseResult = { ok: true; message: HubMessage } | { ok: false; reason: string };

const BY_NAME = new Map<string, Channel<ChannelMessage>>(CHANNELS.map((channel) => [channel.name, channel]));

function parseEnvelope(frame: Json): HubMessage {
  const eventType = requiredString(frame, 'event_type', 'frame');
  const message = optionalString(frame, 'message', 'frame') ?? '';
  const channel = BY_NAME.get(eventType);
  const rawBody = own(frame, 'body');
  if (rawBody !== undefined && rawBody !== null && !isRecord(rawBody) && channel?.bodyMustBeObject === true) {
    throw new FieldError('frame.body must be an object');
  }
  const body: Json = isRecord(rawBody) ? rawBody : {};

  if (message === 'error') {
    const text = optionalString(body, 'error', 'body') ?? 'unspecified server error';
    return { type: 'server-error', message: `${eventType}: ${text}` };
  }
  if (eventType === 'global' && own(body, 'client_id') !== undefined) {
    return {
      type: 'welcome',
      clientId: requiredString(body, 'client_id', 'body'),
      subscriptions: stringArray(body, 'subscriptions', 'body'),
    };
  }
  if (eventType === 'health' && message === 'pong') {
    return { type: 'pong', refId: optionalString(frame, 'ref_id', 'frame') ?? null };
  }
  return channel?.parse(message, body) ?? { type: 'ignored', eventType, message };
}

const WIRE_FAST_PATHS = CHANNELS.flatMap((channel) => (channel.wireFastPath ? [channel.wireFastPath] : []));

/** A single Buffer is what ws delivers for a text frame; other shapes (tests, fragments) take the text path. */
function wireFastPath(data: string | Buffer | ArrayBuffer | Buffer[]): HubMessage | null {
  if (!Buffer.isBuffer(data)) return null;
  for (const fast of WIRE_FAST_PATHS) {
    const message = fast(data);
    if (message !== null) return message;
  }
  return null;
}

function fastPath(text: string): HubMessage | null {
  for (const channel of CHANNELS) {
    const message = channel.fastPath?.(text) ?? null;
    if (message !== null) return message;
  }
  return null;
}

/** One WebSocket frame -> a HubMessage. Never throws. */
export function parseFrame(data: string | Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ParseResult {
  // The server only writes text frames (WriteJSON); a binary frame means something else is talking.
  if (isBinary) return { ok: false, reason: 'binary frame (the Events Hub only sends text frames)' };
  try {
    const early = wireFastPath(data);
    if (early !== null) return { ok: true, message: early };
    const text = toText(data);
    const fast = fastPath(text);
    if (fast !== null) return { ok: true, message: fast };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, reason: `invalid JSON (${text.length} characters)` };
    }
    if (!isRecord(parsed)) {
      return {
        ok: false,
        reason: `frame is ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}, not an object`,
      };
    }
    return { ok: true, message: parseEnvelope(parsed) };
  } catch (error) {
    // FieldError for wrong types; anything else (e.g. RangeError on absurd nesting) is also just "invalid".
    const reason = error instanceof FieldError ? error.message : 'unparseable frame';
    return { ok: false, reason };
  }
}
