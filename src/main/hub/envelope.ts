// Frames -> a small discriminated union. The envelope (event_type, message, body) and the hub's own frames
// (welcome, pong, error) are handled here; each channel's body by its parser in channels/ (found in CHANNELS).
// Lenient with fields (missing ones stay absent, unknown ones are ignored), strict with types (a field of the wrong
// type makes the frame invalid). Never throws: a hostile or broken server must not be able to crash the monitor.
import type { Channel } from './channels/channel';
import { CHANNELS, DEFAULT_EVENT_TYPES, type ChannelMessage } from './channels';
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

type WireFastPath = (frame: Uint8Array) => HubMessage | null;
type FrameData = string | Buffer | ArrayBuffer | Buffer[];

function wireFastPathsOf(channels: readonly Channel<ChannelMessage>[]): readonly WireFastPath[] {
  return channels.flatMap((channel) => (channel.wireFastPath ? [channel.wireFastPath] : []));
}

const ALL_WIRE_FAST_PATHS = wireFastPathsOf(CHANNELS);

/** A single Buffer is what ws delivers for a text frame; other shapes (tests, fragments) take the text path. */
function wireFastPath(paths: readonly WireFastPath[], data: FrameData): HubMessage | null {
  if (paths.length === 0 || !Buffer.isBuffer(data)) return null;
  for (const fast of paths) {
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
export function parseFrame(data: FrameData, isBinary: boolean): ParseResult {
  return parseFrameWith(ALL_WIRE_FAST_PATHS, data, isBinary);
}

/**
 * parseFrame for a connection subscribed to `eventTypes`: the same results, but only those channels' raw-byte
 * fast paths are tried. Why: every other channel's can only answer null (a frame names its channel), and on a
 * streaming single host the orchestrator noise check was ~5% of the CPU per event for nothing.
 */
export function frameParserFor(
  eventTypes: readonly string[],
): (data: FrameData, isBinary: boolean) => ParseResult {
  const subscribed = eventTypes.length > 0 ? eventTypes : DEFAULT_EVENT_TYPES; // as wsUrl subscribes
  const paths = wireFastPathsOf(CHANNELS.filter((channel) => subscribed.includes(channel.name)));
  return (data, isBinary) => parseFrameWith(paths, data, isBinary);
}

function parseFrameWith(paths: readonly WireFastPath[], data: FrameData, isBinary: boolean): ParseResult {
  // The server only writes text frames (WriteJSON); a binary frame means something else is talking.
  if (isBinary) return { ok: false, reason: 'binary frame (the Events Hub only sends text frames)' };
  try {
    const early = wireFastPath(paths, data);
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
