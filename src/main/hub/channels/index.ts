// The channels the app subscribes to and parses: one table, so a new channel is one file (its parser) plus one line
// here, and nothing else spells a channel name. (The orchestrator channel, channels/orchestrator.ts, has its own
// frame parser on its own socket and is not part of the single-host app's subscription.)
import type { Channel } from './channel';
import { pdfmChannel, type PdfmMessage } from './pdfm';

/** Every message a subscribed channel can produce. */
export type ChannelMessage = PdfmMessage;

export const CHANNELS: readonly Channel<ChannelMessage>[] = [pdfmChannel];

/** The channel names subscribed by default (?event_types=…). */
export const DEFAULT_EVENT_TYPES: readonly string[] = CHANNELS.map((channel) => channel.name);
